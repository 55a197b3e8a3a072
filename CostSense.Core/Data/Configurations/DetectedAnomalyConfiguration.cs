using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>An anomaly: unique by fingerprint, listed newest first and by status.</summary>
internal sealed class DetectedAnomalyConfiguration : IEntityTypeConfiguration<DetectedAnomaly>
{
    public void Configure(EntityTypeBuilder<DetectedAnomaly> e)
    {
        e.HasIndex(x => x.Fingerprint).IsUnique();
        e.HasIndex(x => new { x.Status, x.To });
        e.Property(x => x.Fingerprint).HasMaxLength(700);
        e.Property(x => x.ScopeKey).HasMaxLength(1100);
        e.Property(x => x.ScopeName).HasMaxLength(1100);
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.Summary).HasMaxLength(2000);
        e.Property(x => x.DriversJson).HasMaxLength(20_000);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.TriagedBy).HasMaxLength(256);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ScopeKind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Ignore(x => x.Excess);
    }
}
