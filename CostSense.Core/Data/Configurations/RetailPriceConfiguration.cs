using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CostSense.Core.Data.Configurations;

/// <summary>One price per size, region and kind: the latest read replaces it.</summary>
internal sealed class RetailPriceConfiguration : IEntityTypeConfiguration<RetailPrice>
{
    public void Configure(EntityTypeBuilder<RetailPrice> e)
    {
        e.HasKey(x => new { x.ArmSkuName, x.Region, x.Kind });
        e.Property(x => x.ArmSkuName).HasMaxLength(100);
        e.Property(x => x.Region).HasMaxLength(64);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Currency).HasMaxLength(8);
        e.Property(x => x.MeterId).HasMaxLength(64);
        e.Property(x => x.EffectiveStartDate).HasConversion(UtcTicks.Converter);
        e.Property(x => x.SyncedAt).HasConversion(UtcTicks.Converter);
    }
}
