using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A recommendation: enums stored by name, found by kind and state, by resource, and in the grid's orders.</summary>
internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> e)
    {
        e.Property(x => x.Id).HasMaxLength(32);
        e.Property(x => x.ResourceId).HasMaxLength(1024);
        e.Property(x => x.Tags).HasMaxLength(4000);
        e.Property(x => x.Rationale).HasMaxLength(2000);
        e.Property(x => x.Command).HasMaxLength(2000);
        e.Property(x => x.StatusReason).HasMaxLength(500);
        foreach (var p in new[] { nameof(Recommendation.Kind), nameof(Recommendation.Category), nameof(Recommendation.Action), nameof(Recommendation.Risk), nameof(Recommendation.Status) })
            e.Property(p).HasConversion<string>().HasMaxLength(32);
        e.HasIndex(x => new { x.Kind, x.IsActive, x.Status });
        e.HasIndex(x => x.ResourceId);
        // The grid's default order (savings, largest first, then id) and the grouped grids' (the group, then the same): a
        // page is read from the index in order, forwards for the first pages and backwards for the last, instead of sorting
        // every active row of the kind.
        e.HasIndex(x => new { x.Kind, x.IsActive, x.MonthlySavings, x.Id }, "IX_Recommendations_Grid").IsDescending(false, false, true, false);
        // A grid filtered by action (resize, delete…): its count and savings read this index alone, its page the few rows it
        // points at, instead of every recommendation.
        e.HasIndex(x => new { x.Kind, x.IsActive, x.Action, x.MonthlySavings }, "IX_Recommendations_Grid_Action");
        e.HasIndex(x => new { x.Kind, x.IsActive, x.ResourceGroup, x.MonthlySavings, x.Id }, "IX_Recommendations_Grid_ResourceGroup")
            .IsDescending(false, false, false, true, false);
        e.HasIndex(x => new { x.Kind, x.IsActive, x.SubscriptionId, x.MonthlySavings, x.Id }, "IX_Recommendations_Grid_Subscription")
            .IsDescending(false, false, false, true, false);
    }
}
