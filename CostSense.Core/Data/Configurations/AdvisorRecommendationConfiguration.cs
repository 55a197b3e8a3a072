using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>Advisor's recommendations by their own id, found by the resource they are about.</summary>
internal sealed class AdvisorRecommendationConfiguration : IEntityTypeConfiguration<AdvisorRecommendation>
{
    public void Configure(EntityTypeBuilder<AdvisorRecommendation> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(1024);
        e.Property(x => x.ResourceId).HasMaxLength(1024);
        e.HasIndex(x => x.ResourceId);
        e.Property(x => x.SubscriptionId).HasMaxLength(64);
        e.Property(x => x.Problem).HasMaxLength(1000);
        e.Property(x => x.Solution).HasMaxLength(1000);
        e.Property(x => x.ImpactedValue).HasMaxLength(300);
        e.Property(x => x.Impact).HasMaxLength(16);
        e.Property(x => x.CurrentSku).HasMaxLength(100);
        e.Property(x => x.TargetSku).HasMaxLength(100);
        e.Property(x => x.Currency).HasMaxLength(8);
        e.Property(x => x.Term).HasMaxLength(16);
        e.Property(x => x.LastUpdated).HasConversion(UtcTicks.Converter);
        e.Property(x => x.SyncedAt).HasConversion(UtcTicks.Converter);
    }
}
