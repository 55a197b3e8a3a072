using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>The export container's one settings row; the protected connection string is longer than its plain text.</summary>
internal sealed class ExportContainerSettingsConfiguration : IEntityTypeConfiguration<ExportContainerSettings>
{
    public void Configure(EntityTypeBuilder<ExportContainerSettings> e)
    {
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.ProtectedConnectionString).HasMaxLength(4000);
    }
}
