using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A budget, and its crossings: one per (budget, month, basis, threshold), removed with the budget.</summary>
internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.ScopeKey).HasMaxLength(1100);
        e.Property(x => x.ScopeName).HasMaxLength(1100);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.ActualThresholds).HasMaxLength(100);
        e.Property(x => x.ForecastThresholds).HasMaxLength(100);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.ScopeKind).HasConversion<string>().HasMaxLength(16);
        e.HasMany<BudgetCrossing>().WithOne().HasForeignKey(c => c.BudgetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BudgetCrossingConfiguration : IEntityTypeConfiguration<BudgetCrossing>
{
    public void Configure(EntityTypeBuilder<BudgetCrossing> e)
    {
        e.HasIndex(x => new { x.BudgetId, x.Month, x.Basis, x.ThresholdPercent }).IsUnique();
        e.HasIndex(x => x.Month);
        e.Property(x => x.BudgetName).HasMaxLength(200);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.Basis).HasConversion<string>().HasMaxLength(16);
    }
}
