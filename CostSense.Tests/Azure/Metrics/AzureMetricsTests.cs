using System.Text.Json;
using Azure;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Azure.Inventory;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Azure.Metrics;

/// <summary>
/// The metrics step against the fake Monitor batch endpoint: hourly series the test gives are reduced to the daily rows the
/// test computes itself (average, maximum, P95 of the hours, memory used, network), empty buckets count as no data, calls
/// hold at most 50 resources of one subscription, region and type, storage usage comes from capacity and transactions split
/// by API name, and a failed call leaves the previous metrics as they were.
/// </summary>
public sealed class AzureMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    // The window: the 30 whole days before the sync's day.
    private static readonly DateOnly To = new(2026, 11, 19), From = To.AddDays(-29);
    private static readonly DateTimeOffset WindowStart = new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    private const double GiB = 1024d * 1024 * 1024, MiB = 1024d * 1024;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly FakeSubscription Production = AzureInventoryTests.Production;
    private static readonly FakeSubscription Development = AzureInventoryTests.Development;

    /// <summary>A deterministic hourly series over the window and two days before it; null where <paramref name="gap"/> says.</summary>
    private static List<double?> Hourly(Func<int, double> value, Func<int, bool> gap, int hours = 32 * 24) =>
        Enumerable.Range(0, hours).Select(h => gap(h) ? (double?)null : value(h)).ToList();

    private static readonly DateTimeOffset SeriesStart = WindowStart.AddDays(-2);

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task DailyRows_AreTheTestsOwnReductionOfTheHourlySeries(StoreKind kind)
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(Production);
        var busy = new FakeVm(Production.Id, "rg-app", "vm-busy", "Standard_D4s_v3", "eastus");       // 16 GiB
        var silent = new FakeVm(Production.Id, "rg-app", "vm-silent", "Standard_E8s_v5", "westus2");  // no data at all
        var late = new FakeVm(Production.Id, "rg-app", "vm-late", "Standard_B2ms", "eastus");         // 8 GiB, the last days only
        tenant.Vms.AddRange([busy, silent, late]);
        // Gaps: every 7th hour, and the whole of the window's fifth day (a VM stopped for a day).
        bool Gap(int h) => h % 7 == 3 || h / 24 == 2 + 4;
        var cpu = Hourly(h => 5 + (h * 37 % 90) + (h % 3) * 0.25, Gap);
        var available = Hourly(h => (4 + h % 9) * GiB, Gap);
        var netIn = Hourly(h => 1_000_000 + h * 1_000, Gap);
        var netOut = Hourly(h => 500_000 + h % 13 * 10_000, h => h % 5 == 0);
        var lateCpu = Hourly(h => 50 + h % 10, h => h < 30 * 24 + 10);
        var data = new FakeMetricData()
            .Add(busy.Id, "Percentage CPU", SeriesStart, cpu)
            .Add(busy.Id, "Available Memory Bytes", SeriesStart, available)
            .Add(busy.Id, "Network In Total", SeriesStart, netIn)
            .Add(busy.Id, "Network Out Total", SeriesStart, netOut)
            .Add(late.Id, "Percentage CPU", SeriesStart, lateCpu);
        await using var bed = await LiveAzureBed.StartAsync(kind, Now, tenant, data);
        await bed.RunAsync(AzureSyncStep.Inventory);

        var outcome = await bed.RunAsync(AzureSyncStep.Metrics);

        var rows = await bed.ReadAsync(db => db.DailyMetrics.AsNoTracking().OrderBy(m => m.ResourceId).ThenBy(m => m.Date).ToListAsync(Ct));
        var expected = Expected(busy.Id, 16, cpu, available, netIn, netOut).Concat(Expected(late.Id, 8, lateCpu, null, null, null)).ToList();
        Assert.Equal(expected.Count, outcome.Items);
        Assert.Equal(expected.Select(e => (e.ResourceId, e.Date)).OrderBy(x => x.ResourceId, StringComparer.Ordinal).ThenBy(x => x.Date),
            rows.Select(r => (r.ResourceId, r.Date)).OrderBy(x => x.ResourceId, StringComparer.Ordinal).ThenBy(x => x.Date));
        Assert.DoesNotContain(rows, r => r.ResourceId == silent.Id.ToLowerInvariant());
        Assert.DoesNotContain(rows, r => r.ResourceId == busy.Id.ToLowerInvariant() && r.Date == From.AddDays(4)); // the day without data
        Assert.Equal(30 - 1, rows.Count(r => r.ResourceId == busy.Id.ToLowerInvariant()));
        foreach (var e in expected)
        {
            var r = rows.Single(x => x.ResourceId == e.ResourceId && x.Date == e.Date);
            Assert.Equal(e.HoursRunning, r.HoursRunning);
            Assert.Equal(e.CpuAverage, r.CpuAverage, 9);
            Assert.Equal(e.CpuMax, r.CpuMax, 9);
            Assert.Equal(e.CpuP95, r.CpuP95, 9);
            Assert.Equal(e.MemoryAverage, r.MemoryAverage, 9);
            Assert.Equal(e.MemoryMax, r.MemoryMax, 9);
            Assert.Equal(e.MemoryP95, r.MemoryP95, 9);
            Assert.Equal(e.NetworkMiB, r.NetworkMiB, 6);
        }
        // The rollups are rebuilt from the new rows.
        var rollups = await bed.ReadAsync(db => db.UtilizationRollups.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(expected.GroupBy(e => e.Date).Select(g => (g.Key, g.Count())).OrderBy(x => x.Key), rollups.Select(r => (r.Date, r.VmCount)).OrderBy(x => x.Date));
    }

    /// <summary>What the store should hold for one VM, computed here from the hourly values: the window's days with any CPU value.</summary>
    private static IEnumerable<DailyMetric> Expected(string id, double memoryGiB, List<double?> cpu, List<double?>? available, List<double?>? netIn, List<double?>? netOut)
    {
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            var first = (day.DayNumber - From.DayNumber + 2) * 24;
            List<double> Of(List<double?>? s) => s is null ? [] : s.Skip(first).Take(24).OfType<double>().ToList();
            var hours = Of(cpu);
            if (hours.Count == 0) continue;
            var used = Of(available).Select(a => 100 * (1 - a / (memoryGiB * GiB))).ToList();
            yield return new DailyMetric
            {
                ResourceId = id.ToLowerInvariant(), Date = day, HoursRunning = hours.Count,
                CpuAverage = hours.Average(), CpuMax = hours.Max(), CpuP95 = Percentile95(hours),
                MemoryAverage = used.Count == 0 ? 0 : used.Average(), MemoryMax = used.Count == 0 ? 0 : used.Max(), MemoryP95 = used.Count == 0 ? 0 : Percentile95(used),
                NetworkMiB = (Of(netIn).Sum() + Of(netOut).Sum()) / MiB,
            };
        }
    }

    /// <summary>P95 between the closest ranks: position 0.95 × (n − 1) in the sorted hours, interpolated.</summary>
    private static double Percentile95(List<double> values)
    {
        var s = values.OrderBy(v => v).ToList();
        var position = 0.95 * (s.Count - 1);
        var below = (int)position;
        return below + 1 < s.Count ? s[below] + (s[below + 1] - s[below]) * (position - below) : s[below];
    }

    [Fact]
    public async Task EachCall_HoldsAtMost50ResourcesOfOneSubscriptionRegionAndType_AndEveryResourceIsAsked()
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.AddRange([Production, Development]);
        for (var i = 0; i < 120; i++) tenant.Vms.Add(new(Production.Id, "rg-a", $"vm-a-{i:000}", "Standard_B2ms", "eastus"));
        for (var i = 0; i < 7; i++) tenant.Vms.Add(new(Production.Id, "rg-b", $"vm-b-{i:000}", "Standard_B2ms", "westus2"));
        for (var i = 0; i < 3; i++) tenant.Vms.Add(new(Development.Id, "rg-c", $"vm-c-{i:000}", "Standard_B2ms", "eastus"));
        for (var i = 0; i < 55; i++) tenant.StorageAccounts.Add(new(Production.Id, "rg-s", $"st{i:000}", "eastus"));
        await using var bed = await LiveAzureBed.StartAsync(StoreKind.Sqlite, Now, tenant, pageSize: 100);
        await bed.RunAsync(AzureSyncStep.Inventory);
        var before = bed.Azure.Requests.Count;

        await bed.RunAsync(AzureSyncStep.Metrics);

        var calls = bed.Azure.Requests.Skip(before).Where(r => r.Path.EndsWith("/metrics:getBatch", StringComparison.Ordinal)).Select(r =>
        {
            var parts = r.Path.Split('/');   // /metrics/{region}/subscriptions/{sub}/metrics:getBatch
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.PathAndQuery.Split('?')[1]);
            var ids = JsonDocument.Parse(r.Body).RootElement.GetProperty("resourceids").EnumerateArray().Select(e => e.GetString()!).ToList();
            return (Region: parts[2], Sub: parts[4], Namespace: query["metricnamespace"].ToString(), Metrics: query["metricnames"].ToString(), Ids: ids, r.Authorization);
        }).ToList();
        Assert.All(calls, c => Assert.InRange(c.Ids.Count, 1, 50));
        Assert.All(calls, c => Assert.Equal("Bearer fake-token:https://metrics.monitor.azure.com/.default", c.Authorization));
        Assert.All(calls, c => Assert.All(c.Ids, id => Assert.StartsWith($"/subscriptions/{c.Sub}/", id)));
        // Every resource once per metric set, in calls of its own subscription, region and type (the fake refuses others).
        var vmCalls = calls.Where(c => c.Namespace == "Microsoft.Compute/virtualMachines").ToList();
        Assert.Equal(tenant.Vms.Select(v => v.Id.ToLowerInvariant()).Order(), vmCalls.SelectMany(c => c.Ids).Order());
        Assert.Equal(3 + 1 + 1, vmCalls.Count);   // 120 = 50 + 50 + 20 in eastus; 7 in westus2; 3 in the other subscription
        var storageCalls = calls.Where(c => c.Namespace == "Microsoft.Storage/storageAccounts").ToList();
        foreach (var metric in new[] { "UsedCapacity", "Transactions" })
        {
            var these = storageCalls.Where(c => c.Metrics == metric).ToList();
            Assert.Equal(2, these.Count);   // 55 = 50 + 5
            Assert.Equal(tenant.StorageAccounts.Select(a => a.Id.ToLowerInvariant()).Order(), these.SelectMany(c => c.Ids).Order());
        }
        Assert.Equal(0, await bed.ReadAsync(db => db.DailyMetrics.CountAsync(Ct)));   // empty buckets only: no rows
    }

    [Fact]
    public async Task StorageUsage_IsTheLatestCapacity_TheTransactionsPerDaySplitIntoReadsAndWrites_AndTheLastDayOfAccess()
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(Production);
        var busy = new FakeStorageAccount(Production.Id, "rg-s", "stbusy", "eastus");
        var idle = new FakeStorageAccount(Production.Id, "rg-s", "stidle", "eastus", AccessTier: "Cool");
        tenant.StorageAccounts.AddRange([busy, idle]);
        var capacity = Hourly(h => (100 + h) * GiB, h => h % 24 != 0);   // hourly buckets, a value once a day
        var lastAccess = (30 + 2 - 3) * 24 + 5;                            // an hour on To − 2
        var reads = Hourly(h => h % 4, h => h > lastAccess);
        var writes = Hourly(_ => 3, h => h % 2 == 0 || h > lastAccess - 30);
        var data = new FakeMetricData()
            .Add(busy.Id, "UsedCapacity", SeriesStart, capacity)
            .Add(busy.Id, "Transactions", SeriesStart, reads, apiName: "GetBlob")
            .Add(busy.Id, "Transactions", SeriesStart, writes, apiName: "PutBlob")
            .Add(idle.Id, "UsedCapacity", SeriesStart, Hourly(_ => 2 * GiB, h => h % 24 != 0));
        await using var bed = await LiveAzureBed.StartAsync(StoreKind.Sqlite, Now, tenant, data);
        await bed.RunAsync(AzureSyncStep.Inventory);

        await bed.RunAsync(AzureSyncStep.Metrics);

        var accounts = await bed.ReadAsync(db => db.StorageAccounts.AsNoTracking().ToDictionaryAsync(a => a.Name, Ct));
        var inWindow = (Func<List<double?>, double>)(s => s.Skip(2 * 24).Take(30 * 24).OfType<double>().Sum());
        var lastCapacity = capacity.Take(32 * 24).Select((v, h) => (v, h)).Last(x => x.v is not null && x.h >= 2 * 24);
        Assert.Equal(lastCapacity.v!.Value / GiB, accounts["stbusy"].UsedCapacityGiB, 9);
        Assert.Equal((long)Math.Round(inWindow(reads) / 30), accounts["stbusy"].ReadTransactionsPerDay);
        Assert.Equal((long)Math.Round(inWindow(writes) / 30), accounts["stbusy"].WriteTransactionsPerDay);
        Assert.Equal(To.AddDays(-2), accounts["stbusy"].LastAccessed);
        // No transaction in the window: last accessed before it.
        Assert.Equal((2d, 0L, 0L, From.AddDays(-1)), (accounts["stidle"].UsedCapacityGiB, accounts["stidle"].ReadTransactionsPerDay, accounts["stidle"].WriteTransactionsPerDay, accounts["stidle"].LastAccessed));
        Assert.Equal((AccessTier.Cool, "stidle"), (accounts["stidle"].AccessTier, accounts["stidle"].Name));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AFailedCall_FailsTheStep_AndLeavesThePreviousMetricsAsTheyWere(StoreKind kind)
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(Production);
        var east = new FakeVm(Production.Id, "rg", "vm-east", "Standard_B2ms", "eastus");
        var west = new FakeVm(Production.Id, "rg", "vm-west", "Standard_B2ms", "westus2");
        tenant.Vms.AddRange([east, west]);
        var data = new FakeMetricData()
            .Add(east.Id, "Percentage CPU", SeriesStart, Hourly(h => h % 20, _ => false))
            .Add(west.Id, "Percentage CPU", SeriesStart, Hourly(h => h % 30, _ => false));
        await using var bed = await LiveAzureBed.StartAsync(kind, Now, tenant, data);
        await bed.RunAsync(AzureSyncStep.Inventory);
        await bed.RunAsync(AzureSyncStep.Metrics);
        var before = await bed.SnapshotAsync();

        // New values a day later; eastus answers, westus2 fails (after Azure.Core's retries).
        bed.Host.Time.Advance(TimeSpan.FromDays(1));
        data.Add(east.Id, "Percentage CPU", SeriesStart, Hourly(_ => 99, _ => false, 34 * 24));
        bed.Fail = ("/metrics/westus2/", 500, "InternalServerError");
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => bed.RunAsync(AzureSyncStep.Metrics));
        Assert.Equal(500, e.Status);
        Assert.Equal(before, await bed.SnapshotAsync());

        bed.Fail = null;
        await bed.RunAsync(AzureSyncStep.Metrics);
        Assert.NotEqual(before, await bed.SnapshotAsync());
    }
}
