using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Core.Recommendations.CostOnly;

namespace CostSense.Tests.Recommendations.CostOnly;

/// <summary>
/// The meter names of the project's real sample files (../shared/data: EA_ActualCost_Small.csv,
/// sample-anonymous-ea-export-dataset.csv, focus_sample.csv) read as the cost-derived inventory reads them.
/// </summary>
public sealed class CostOnlyMeterTests
{
    [Theory]
    [InlineData("B1s", "Standard_B1s")]
    [InlineData("D2 v3/D2s v3", "Standard_D2s_v3")]
    [InlineData("D3 v2/DS3 v2", "Standard_DS3_v2")]
    [InlineData("F2/F2s", "Standard_F2s")]
    [InlineData("DS4 v2 Spot", "Standard_DS4_v2")]
    [InlineData("L4s Spot", "Standard_L4s")]
    [InlineData("D2s v3 Low Priority", "Standard_D2s_v3")]
    [InlineData("Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East", "Standard_DS11_v2")]
    [InlineData("vCore", null)]
    [InlineData("2 vCore", null)]
    [InlineData("Basic IPv4 Dynamic Public IP", null)]
    [InlineData("P4 LRS Disk", null)]
    public void VmSize_FromComputeMeters(string meter, string? size) => Assert.Equal(size, CostDerived.VmSize(meter));

    [Theory]
    [InlineData("Hot LRS Data Stored", AccessTier.Hot, Replication.LRS)]
    [InlineData("Cool RA-GRS Data Stored", AccessTier.Cool, Replication.RAGRS)]
    [InlineData("Hot GRS Data Stored", AccessTier.Hot, Replication.GRS)]
    [InlineData("Tiered Block Blob - Hot LRS - Data Stored - US West", AccessTier.Hot, Replication.LRS)]
    [InlineData("Tables - LRS Data Stored", AccessTier.Hot, Replication.LRS)]
    public void DataStored_GivesTierAndReplication(string meter, AccessTier tier, Replication replication) =>
        Assert.Equal((tier, replication), Meters.DataStored(meter));

    [Theory]
    [InlineData("Hot GZRS Data Stored")]          // no place for GZRS in the inventory's model: not guessed
    [InlineData("Hot LRS Write Operations")]
    public void DataStored_OtherwiseNull(string meter) => Assert.Null(Meters.DataStored(meter));

    [Fact]
    public void Disks_TierSize_AndWhichVmTheyBelongTo()
    {
        Assert.Equal("P4 LRS", Meters.DiskTier("P4 LRS Disk"));
        Assert.Equal(32, Meters.DiskSizeGiB("P4 LRS"));
        Assert.Null(Meters.DiskTier("Disk Operations"));
        const string vm = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/MarketplaceBYOLTest2";
        Assert.True(CostDerived.IsDiskOf("/subscriptions/s1/resourcegroups/rg/providers/microsoft.compute/disks/MarketplaceBYOLTest2_OsDisk_1_8907aee9042745b785e8f4f98dad9e1f", vm));
        Assert.False(CostDerived.IsDiskOf("/subscriptions/s2/resourcegroups/rg/providers/microsoft.compute/disks/MarketplaceBYOLTest2_OsDisk_1_x", vm));
        Assert.False(CostDerived.IsDiskOf("/subscriptions/s1/resourcegroups/rg/providers/microsoft.compute/disks/MarketplaceBYOLTest20_OsDisk_1_x", vm));
    }

    [Theory]
    [InlineData("Hot LRS Write Operations", 0.0123, "10K", false, true, 123)]
    [InlineData("All Other Operations", 0.0083, "10K", true, false, 83)]
    [InlineData("GRS List and Create Container Operations", 0.0004, "10K", false, true, 4)]
    [InlineData("Premium LRS Read Operations", 0.0047, "10K", true, false, 47)]
    public void Operations_AreReadsOrWrites_CountedInBlocksOf10000(string meter, double quantity, string unit, bool read, bool write, int transactions)
    {
        Assert.Equal((read, write), (Meters.IsRead(meter), Meters.IsWrite(meter)));
        Assert.Equal(transactions, Meters.Transactions((decimal)quantity, unit));
    }
}
