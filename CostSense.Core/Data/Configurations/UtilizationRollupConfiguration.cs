using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>Fleet sums, read by day and subscription.</summary>
internal sealed class UtilizationRollupConfiguration : IEntityTypeConfiguration<UtilizationRollup>
{
    public void Configure(EntityTypeBuilder<UtilizationRollup> e)
    {
        e.HasIndex(x => new { x.Date, x.SubscriptionId });
    }
}
