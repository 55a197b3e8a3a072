using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>One row per job, keyed by its name: the key decides which of two first claims inserts it. Times as UTC ticks, compared in SQL.</summary>
internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Holder).HasMaxLength(200);
        e.Property(x => x.Until).HasConversion(UtcTicks.Converter);
        e.Property(x => x.StartedAt).HasConversion(UtcTicks.Converter);
    }
}
