using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>The tag rollup showback, budgets and anomalies read: by key and day.</summary>
internal sealed class DailyTagRollupConfiguration : IEntityTypeConfiguration<DailyTagRollup>
{
    public void Configure(EntityTypeBuilder<DailyTagRollup> e)
    {
        e.HasIndex(x => x.Date);
        e.HasIndex(x => new { x.TagKey, x.Date });
        e.Property(x => x.BillingCurrency).HasMaxLength(3);
        e.Property(x => x.ProviderName).HasMaxLength(64);
        e.Property(x => x.TagKey).HasMaxLength(512);
        e.Property(x => x.TagValue).HasMaxLength(512);
    }
}
