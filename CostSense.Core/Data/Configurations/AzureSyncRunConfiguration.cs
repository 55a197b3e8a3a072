using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A sync and its steps (deleted with it); the latest runs are read first.</summary>
internal sealed class AzureSyncRunConfiguration : IEntityTypeConfiguration<AzureSyncRun>
{
    public void Configure(EntityTypeBuilder<AzureSyncRun> e)
    {
        e.HasIndex(x => x.StartedAt);
        e.Property(x => x.TriggeredBy).HasMaxLength(300);
        e.Property(x => x.Instance).HasMaxLength(200);
        e.Property(x => x.Message).HasMaxLength(2000);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.StartedAt).HasConversion(UtcTicks.Converter);
        e.Property(x => x.FinishedAt).HasConversion(UtcTicks.Converter);
        e.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.AzureSyncRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
