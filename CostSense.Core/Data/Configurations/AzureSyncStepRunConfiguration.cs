using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

internal sealed class AzureSyncStepRunConfiguration : IEntityTypeConfiguration<AzureSyncStepRun>
{
    public void Configure(EntityTypeBuilder<AzureSyncStepRun> e)
    {
        e.HasIndex(x => new { x.AzureSyncRunId, x.Step }).IsUnique();
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Message).HasMaxLength(2000);
        e.Property(x => x.StartedAt).HasConversion(UtcTicks.Converter);
        e.Property(x => x.FinishedAt).HasConversion(UtcTicks.Converter);
        e.Property(x => x.RetryAt).HasConversion(UtcTicks.Converter);
    }
}
