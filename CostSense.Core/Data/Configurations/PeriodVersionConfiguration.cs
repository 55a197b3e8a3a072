using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>One row per month (and one for the inventory), keyed by the month.</summary>
internal sealed class PeriodVersionConfiguration : IEntityTypeConfiguration<PeriodVersion>
{
    public void Configure(EntityTypeBuilder<PeriodVersion> e)
    {
        e.HasKey(x => x.Month);
    }
}
