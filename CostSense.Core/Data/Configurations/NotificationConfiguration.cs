using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A channel and its deliveries (removed with it).</summary>
internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.ProtectedTarget).HasMaxLength(8000);
        e.Property(x => x.TargetHint).HasMaxLength(300);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.HasMany<NotificationDelivery>().WithOne().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A delivery: unique per (channel, alert), found by what is due. The times a sender compares in SQL are UTC ticks, as
/// on <see cref="ReportDelivery"/> (SQLite cannot compare DateTimeOffset values).
/// </summary>
internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> e)
    {
        e.HasIndex(x => new { x.ChannelId, x.AlertKey }).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.Property(x => x.ChannelName).HasMaxLength(200);
        e.Property(x => x.AlertKey).HasMaxLength(800);
        e.Property(x => x.Title).HasMaxLength(1000);
        e.Property(x => x.Payload).HasMaxLength(50_000);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.Property(x => x.AlertKind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.NextAttemptAt).HasConversion(UtcTicks.Converter);
        e.Property(x => x.LockedUntil).HasConversion(UtcTicks.Converter);
    }
}

/// <summary>The single check row: its id is set by the code.</summary>
internal sealed class AlertCheckRunConfiguration : IEntityTypeConfiguration<AlertCheckRun>
{
    public void Configure(EntityTypeBuilder<AlertCheckRun> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Stamp).HasMaxLength(4000);
        e.Property(x => x.Error).HasMaxLength(2000);
    }
}
