using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A storage account is keyed by its Azure resource id; tier and replication are stored by name.</summary>
internal sealed class StorageAccountConfiguration : IEntityTypeConfiguration<StorageAccount>
{
    public void Configure(EntityTypeBuilder<StorageAccount> e)
    {
        e.HasKey(x => x.ResourceId);
        e.Property(x => x.ResourceId).HasMaxLength(1024);
        e.Property(x => x.AccessTier).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Replication).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Tags).HasMaxLength(4000);
    }
}
