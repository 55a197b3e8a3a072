using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>
/// A delivery: unique per occurrence and recipient (the store refuses a second copy), found by what is due to be tried.
/// The times a sender compares in SQL (due, next attempt, lease) are UTC ticks, as on <see cref="ReportSubscription"/>.
/// </summary>
internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>
{
    public void Configure(EntityTypeBuilder<ReportDelivery> e)
    {
        e.HasIndex(x => new { x.ReportSubscriptionId, x.DueAt, x.Recipient }).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.Property(x => x.SubscriptionName).HasMaxLength(200);
        e.Property(x => x.Recipient).HasMaxLength(256);
        e.Property(x => x.ScopeSubscriptionId).HasMaxLength(200);
        e.Property(x => x.GeneratedBy).HasMaxLength(300);
        e.Property(x => x.MessageId).HasMaxLength(300);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.DueAt).HasConversion(UtcTicks.Converter);
        e.Property(x => x.NextAttemptAt).HasConversion(UtcTicks.Converter);
        e.Property(x => x.LockedUntil).HasConversion(UtcTicks.Converter);
    }
}
