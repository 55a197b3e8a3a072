using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

internal sealed class AllocationRuleConfiguration : IEntityTypeConfiguration<AllocationRule>
{
    public void Configure(EntityTypeBuilder<AllocationRule> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.TagKey).HasMaxLength(512);
        e.Property(x => x.SourceKeys).HasMaxLength(50_000);
        e.Property(x => x.FixedShares).HasMaxLength(20_000);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
    }
}
