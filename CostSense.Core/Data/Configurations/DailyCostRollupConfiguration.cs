using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>The daily rollup the dashboard reads, by day (with the currency and cost its daily totals need), by subscription and day, and by provider and subscription.</summary>
internal sealed class DailyCostRollupConfiguration : IEntityTypeConfiguration<DailyCostRollup>
{
    public void Configure(EntityTypeBuilder<DailyCostRollup> e)
    {
        // The dashboard's daily totals per currency read this index alone (an index-only scan on PostgreSQL), not the rows.
        e.HasIndex(x => new { x.Date, x.BillingCurrency, x.EffectiveCost });
        e.HasIndex(x => new { x.SubAccountId, x.Date });
        // The filter bar's providers and subscriptions, read by a skip scan of this index (Costs/RollupDimensions).
        e.HasIndex(x => new { x.ProviderName, x.SubAccountId, x.SubAccountName });
        // The billing currencies, by a skip scan of this one (Costs/RollupDimensions).
        e.HasIndex(x => x.BillingCurrency);
        e.Property(x => x.BillingCurrency).HasMaxLength(3);
        e.Property(x => x.ProviderName).HasMaxLength(64);
    }
}
