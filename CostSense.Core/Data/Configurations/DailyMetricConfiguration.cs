using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>One row per VM and day: unique on the pair.</summary>
internal sealed class DailyMetricConfiguration : IEntityTypeConfiguration<DailyMetric>
{
    public void Configure(EntityTypeBuilder<DailyMetric> e)
    {
        e.HasIndex(x => new { x.ResourceId, x.Date }).IsUnique();
        e.HasIndex(x => x.Date);
        e.Property(x => x.ResourceId).HasMaxLength(1024);
    }
}
