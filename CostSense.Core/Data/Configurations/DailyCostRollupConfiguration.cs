using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>The daily rollup the dashboard reads, by day and by subscription and day.</summary>
internal sealed class DailyCostRollupConfiguration : IEntityTypeConfiguration<DailyCostRollup>
{
    public void Configure(EntityTypeBuilder<DailyCostRollup> e)
    {
        e.HasIndex(x => x.Date);
        e.HasIndex(x => new { x.SubAccountId, x.Date });
        e.Property(x => x.BillingCurrency).HasMaxLength(3);
        e.Property(x => x.ProviderName).HasMaxLength(64);
    }
}
