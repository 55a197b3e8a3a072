using System.Text;
using CostSense.Core.Access;
using CostSense.Core.Catalog;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Imports.DerivedInventory;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.CostOnly;
using CostSense.Tests.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CostSense.Tests.Recommendations.CostOnly.CostOnlyFocusFile;

namespace CostSense.Tests.Recommendations.CostOnly;

/// <summary>
/// Recommendations from an imported FOCUS file alone, on SQLite and PostgreSQL: the file is imported through the importer,
/// the cost-derived inventory rebuilt, and the service asked. The rules that work from cost fire with savings computed from
/// the file's numbers; the ones that need CPU and memory do not.
/// </summary>
public abstract class CostOnlyRecommendationsTests
{
    // A week after the data ends, as an export lands: vm-parked has been deallocated 46 days, stidlehot unread 66.
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);
    private const int Lookback = 30;
    private const decimal DaysPerMonth = VmSize.HoursPerMonth / 24m;
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly WindowStart = Last.AddDays(1 - Lookback);

    private async Task<(CoreHost Host, IReadOnlyList<(string ResourceId, DateOnly Day, decimal Cost, string Meter)> Rows)> ImportAsync()
    {
        var (csv, rows) = Write();
        var host = await CoreHost.StartAsync(Kind, Now);
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"cost-only-{Guid.NewGuid():N}.csv");
            await File.WriteAllTextAsync(path, csv, Encoding.UTF8, Ct);
            try
            {
                await host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);
            }
            finally
            {
                File.Delete(path);
            }
            await host.Get<ImportedInventory>().RebuildAsync(Ct);
            return (host, rows);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The file's cost of a resource over the window, scaled to a 730-hour month as the rules do.</summary>
    private static decimal Monthly(IEnumerable<(string ResourceId, DateOnly Day, decimal Cost, string Meter)> rows, string id) =>
        rows.Where(r => r.ResourceId == id && r.Day >= WindowStart && r.Day <= Last).Sum(r => r.Cost) * DaysPerMonth / Lookback;

    private static decimal Cents(decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);

    private static async Task<IReadOnlyList<Recommendation>> QueryAsync(CoreHost host, RecommendationKind kind) =>
        (await host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(kind, Take: 100), Ct)).Items;

    [Fact]
    public async Task Inventory_IsWhatTheRowsTell_AndHasNoMetrics()
    {
        var (host, _) = await ImportAsync();
        await using var _h = host;
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);

        var vms = await db.VirtualMachines.AsNoTracking().Where(v => v.Source == CostDerived.InventorySource).OrderBy(v => v.Name).ToListAsync(Ct);
        Assert.Equal(["vm-parked", "vm-spot", "vm-steady"], vms.Select(v => v.Name));
        Assert.All(vms, v => Assert.Equal(("Standard_D2s_v3", "eastus", 2, Subscription), (v.Size, v.Region, v.VCpus, v.SubscriptionId)));
        var parked = vms[0];
        Assert.Equal((PowerState.Deallocated, ParkedLastRun.AddDays(1), "P10 LRS", 128), (parked.PowerState, parked.PowerStateSince, parked.DiskSku, parked.DiskSizeGiB));
        Assert.Equal((PowerState.Running, "prod"), (vms[2].PowerState, vms[2].Environment));

        var accounts = await db.StorageAccounts.AsNoTracking().Where(a => a.Source == CostDerived.InventorySource).OrderBy(a => a.Name).ToListAsync(Ct);
        Assert.Equal(["stdevgrs", "stidlehot", "stprodgrs"], accounts.Select(a => a.Name));
        var dev = accounts[0];
        // 30 GB-months a day in a 31-day month is 930 GB; 0.5 blocks of 10,000 writes a day.
        Assert.Equal((AccessTier.Hot, Replication.GRS, "dev"), (dev.AccessTier, dev.Replication, dev.Environment));
        Assert.Equal((double)(GrsGbMonthsPerDay * 31), dev.UsedCapacityGiB, 6);
        Assert.Equal((long)(WriteBlocksPerDay * 10_000 * 30 / Lookback), dev.WriteTransactionsPerDay);
        Assert.Equal((double)(IdleGbMonthsPerDay * 31), accounts[1].UsedCapacityGiB, 6);
        Assert.Equal(First.AddDays(-1), accounts[1].LastAccessed);
        Assert.Equal((Replication.GRS, "prod"), (accounts[2].Replication, accounts[2].Environment));

        Assert.Equal(0, await db.DailyMetrics.CountAsync(Ct));
        // What the grids' notice reads: every VM and account is known from cost only.
        Assert.Equal(new DataBasis(3, 0, 3, 3, 3), await host.Get<DataBasisReader>().ReadAsync(Ct));
    }

    [Fact]
    public async Task DataBasis_IsCached_ButFollowsMetricsAndVmsWrittenBehindItsBack()
    {
        var (host, _) = await ImportAsync();
        await using var _h = host;
        var reader = host.Get<DataBasisReader>();
        Assert.Equal(new DataBasis(3, 0, 3, 3, 3), await reader.ReadAsync(Ct));
        Assert.Equal(new DataBasis(3, 0, 3, 3, 3), await reader.ReadAsync(Ct));

        // A day of metrics for one VM, written straight to the table (no version moves): the notice counts it measured.
        await using (var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            var steady = await db.VirtualMachines.SingleAsync(v => v.Name == "vm-steady", Ct);
            db.DailyMetrics.Add(new DailyMetric { ResourceId = steady.ResourceId, Date = Last, HoursRunning = 24, CpuAverage = 40 });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(new DataBasis(3, 1, 2, 3, 3), await reader.ReadAsync(Ct));

        // A VM gone the same way: one fewer.
        await using (var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
            await db.VirtualMachines.Where(v => v.Name == "vm-spot").ExecuteDeleteAsync(Ct);
        Assert.Equal(new DataBasis(2, 1, 1, 3, 3), await reader.ReadAsync(Ct));
    }

    [Fact]
    public async Task ComputeRules_FromCost_ReserveTheSteadyVm_AndDeleteTheParkedVmsDisk_ButNeverRightSize()
    {
        var (host, rows) = await ImportAsync();
        await using var _h = host;

        var recs = await QueryAsync(host, RecommendationKind.Compute);

        // Reservation: priced on the file's pay-as-you-go compute cost of the window, at the configured discounts.
        var steady = Cents(Monthly(rows, VmSteady));
        var o = new RecommendationOptions();
        var reserve1 = Assert.Single(recs, r => r.ResourceId == VmSteady && r.Action == RecommendationAction.Reserve1Year);
        Assert.Equal((steady, Cents(steady * (1 - o.Reserved1YearDiscount))), (reserve1.CurrentMonthlyCost, reserve1.ProjectedMonthlyCost));
        var reserve3 = Assert.Single(recs, r => r.ResourceId == VmSteady && r.Action == RecommendationAction.Reserve3Year);
        Assert.Equal((steady, Cents(steady * (1 - o.Reserved3YearDiscount))), (reserve3.CurrentMonthlyCost, reserve3.ProjectedMonthlyCost));
        Assert.Contains("Ran 100.0% of the last 30 days", reserve1.Rationale);

        // The parked VM: no compute hours in the window, its disk still charging: the disk's cost from the file is the saving.
        var delete = Assert.Single(recs, r => r.ResourceId == VmParked);
        Assert.Equal(RecommendationAction.Delete, delete.Action);
        Assert.Equal((Cents(Monthly(rows, ParkedDisk)), 0m), (delete.CurrentMonthlyCost, delete.ProjectedMonthlyCost));
        Assert.Equal(delete.CurrentMonthlyCost, delete.MonthlySavings);

        // Spot hours are not pay-as-you-go: nothing to reserve. Nothing needing CPU or memory fires, and no row claims utilisation.
        Assert.DoesNotContain(recs, r => r.ResourceId == VmSpot);
        Assert.DoesNotContain(recs, r => r.Action is RecommendationAction.Resize or RecommendationAction.ScaleUp or RecommendationAction.Deallocate);
        Assert.All(recs, r => Assert.Equal((null, null), (r.CpuP95, r.MemoryP95)));
        Assert.Equal(3, recs.Count);
    }

    [Fact]
    public async Task StorageRules_FromCost_DropGeoReplicationOutsideProduction_AndCoolTheUnreadAccount()
    {
        var (host, rows) = await ImportAsync();
        await using var _h = host;

        var recs = await QueryAsync(host, RecommendationKind.Storage);

        // GRS → LRS for the dev account: the bill's monthly cost, less the capacity price difference on the file's 930 GB.
        var grs = Assert.Single(recs, r => r.ResourceId == DevGrs);
        Assert.Equal((RecommendationAction.ChangeReplication, "Hot · LRS"), (grs.Action, grs.Target));
        var current = Cents(Monthly(rows, DevGrs));
        var gb = GrsGbMonthsPerDay * 31;
        var saving = gb * (StoragePriceCatalog.CapacityPerGbMonth(AccessTier.Hot, Replication.GRS) - StoragePriceCatalog.CapacityPerGbMonth(AccessTier.Hot, Replication.LRS));
        Assert.Equal((current, Cents(current - saving)), (grs.CurrentMonthlyCost, grs.ProjectedMonthlyCost));
        Assert.DoesNotContain(recs, r => r.ResourceId == ProdGrs);

        // Hot → Cool for the account with no reads or writes billed in the file: capacity price difference, no access cost.
        var cool = Assert.Single(recs, r => r.ResourceId == IdleHot);
        Assert.Equal((RecommendationAction.ChangeAccessTier, "Cool"), (cool.Action, cool.Target));
        var idleCurrent = Cents(Monthly(rows, IdleHot));
        var idleSaving = IdleGbMonthsPerDay * 31 * (StoragePriceCatalog.CapacityPerGbMonth(AccessTier.Hot, Replication.LRS) - StoragePriceCatalog.CapacityPerGbMonth(AccessTier.Cool, Replication.LRS));
        Assert.Equal((idleCurrent, Cents(idleCurrent - idleSaving)), (cool.CurrentMonthlyCost, cool.ProjectedMonthlyCost));
        Assert.Equal(2, recs.Count);
    }

    [Fact]
    public async Task RealEaSample_WhoseComputeRowsAreOnReservations_YieldsNoInventory_RatherThanAGuessedOne()
    {
        // EA_ActualCost_Small.csv bills its VM hours to a reservation and a capacity reservation, not to a VM, has a disk
        // named after a VM that has no row, and storage accounts with operations but no Data Stored rows: nothing to derive.
        var path = SharedData.File("EA_ActualCost_Small.csv");
        await using var host = await CoreHost.StartAsync(Kind, Now);
        await host.Get<CostImporter>().ImportFileAsync(Actor.System, ImportFile.FromPath(path), Ct);

        Assert.Equal((0, 0), await host.Get<ImportedInventory>().RebuildAsync(Ct));
        Assert.Empty(await QueryAsync(host, RecommendationKind.Compute));
    }

    [Fact]
    public async Task Rebuild_AfterTheImportIsUndone_EmptiesTheCostDerivedInventory()
    {
        var (host, _) = await ImportAsync();
        await using var _h = host;
        var batch = (await host.Get<CostImporter>().HistoryAsync(Actor.System, 10, Ct)).Single();

        await host.Get<CostImporter>().UndoAsync(Actor.System, batch.Id, Ct);
        var written = await host.Get<ImportedInventory>().RebuildAsync(Ct);

        Assert.Equal((0, 0), written);
        Assert.Empty(await QueryAsync(host, RecommendationKind.Compute));
        Assert.Empty(await QueryAsync(host, RecommendationKind.Storage));
    }
}

public sealed class SqliteCostOnlyRecommendationsTests : CostOnlyRecommendationsTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresCostOnlyRecommendationsTests : CostOnlyRecommendationsTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
