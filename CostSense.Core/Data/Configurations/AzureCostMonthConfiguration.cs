using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>One row per scope and month read.</summary>
internal sealed class AzureCostMonthConfiguration : IEntityTypeConfiguration<AzureCostMonth>
{
    public void Configure(EntityTypeBuilder<AzureCostMonth> e)
    {
        e.HasKey(x => new { x.Scope, x.Month });
        e.Property(x => x.Scope).HasMaxLength(300);
        e.Property(x => x.FetchedAt).HasConversion(UtcTicks.Converter);
    }
}
