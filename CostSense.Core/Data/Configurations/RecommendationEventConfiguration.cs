using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A recommendation's history, read per recommendation; states stored by name.</summary>
internal sealed class RecommendationEventConfiguration : IEntityTypeConfiguration<RecommendationEvent>
{
    public void Configure(EntityTypeBuilder<RecommendationEvent> e)
    {
        e.HasIndex(x => x.RecommendationId);
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(32);
    }
}
