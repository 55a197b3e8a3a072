using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>An export run's outcome: looked up by export and month (the latest imported run), listed newest first.</summary>
internal sealed class ExportRunImportConfiguration : IEntityTypeConfiguration<ExportRunImport>
{
    public void Configure(EntityTypeBuilder<ExportRunImport> e)
    {
        e.HasIndex(x => new { x.ExportKey, x.Month, x.RunId });
        e.Property(x => x.ExportKey).HasMaxLength(1024);
        e.Property(x => x.ManifestPath).HasMaxLength(1024);
        e.Property(x => x.Message).HasMaxLength(4000);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
    }
}
