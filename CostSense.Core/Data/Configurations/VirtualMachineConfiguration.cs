using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>A VM is keyed by its Azure resource id; its power state is stored by name.</summary>
internal sealed class VirtualMachineConfiguration : IEntityTypeConfiguration<VirtualMachine>
{
    public void Configure(EntityTypeBuilder<VirtualMachine> e)
    {
        e.HasKey(x => x.ResourceId);
        e.Property(x => x.ResourceId).HasMaxLength(1024);
        e.Property(x => x.PowerState).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Tags).HasMaxLength(4000);
        e.Property(x => x.Zones).HasMaxLength(64);
    }
}
