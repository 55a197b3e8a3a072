using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A cost row: found by source and period on import, by day for rollups.</summary>
internal sealed class CostRecordConfiguration : IEntityTypeConfiguration<CostRecord>
{
    public void Configure(EntityTypeBuilder<CostRecord> e)
    {
        e.HasIndex(x => new { x.Source, x.ChargePeriodStart });
        e.HasIndex(x => x.ChargePeriodStart);
        e.HasIndex(x => x.ImportBatchId);
        // No index on ResourceId: nothing looks cost rows up by resource (the imported inventory reads its window in one
        // ordered scan), and on a large month it was the costliest index an import built.
        e.Property(x => x.ProviderName).HasMaxLength(64);
        e.Property(x => x.ResourceId).HasMaxLength(1024);
        e.Property(x => x.Tags).HasMaxLength(4000);
        e.Property(x => x.BillingCurrency).HasMaxLength(3);
        e.Property(x => x.ChargeDescription).HasMaxLength(1024);
    }
}
