using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>
/// A report subscription. Its due time is compared in SQL (the conditional update that claims an occurrence), and SQLite
/// cannot compare DateTimeOffset values, so on both providers it is kept as UTC ticks: a plain integer every store orders.
/// </summary>
internal sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Recipients).HasMaxLength(20 * 260);
        e.Property(x => x.SubscriptionId).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Frequency).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Range).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.NextDueAt).HasConversion(UtcTicks.Converter);
        e.Ignore(x => x.RecipientList);
        e.HasIndex(x => x.NextDueAt);
        e.HasMany<ReportDelivery>().WithOne().HasForeignKey(d => d.ReportSubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
