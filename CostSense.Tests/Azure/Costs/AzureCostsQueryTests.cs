using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports;
using CostSense.Core.Sources.Azure;
using CostSense.Core.Sources.Azure.Costs;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Azure.Costs;

/// <summary>
/// The costs step over the Cost Management Query API against the fake: complete paging, 204, the largest 429 wait, the
/// throttling bound, the QPU budget, which months are read again, idempotence and the demo tenant stepping aside.
/// </summary>
public sealed class AzureCostsQueryTests
{
    // 20 November: September and October are closed (ended more than 5 days ago), November is open.
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly WindowStart = new(2026, 9, 1);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private const string ReservationOrder = "/providers/Microsoft.Capacity/reservationOrders/7f0c2f8e-1b5c-4a63-9b1f-2d7e0c1a9e55";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTenant Tenant()
    {
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(new("aaaaaaaa-0000-0000-0000-000000000001", "Production"));
        tenant.Subscriptions.Add(new("aaaaaaaa-0000-0000-0000-000000000002", "Development"));
        tenant.Vms.Add(new(tenant.Subscriptions[0].Id, "rg-Web", "vm-Web-1", "Standard_D2s_v5", "eastus"));
        tenant.Vms.Add(new(tenant.Subscriptions[0].Id, "rg-Web", "vm-Web-2", "Standard_D2s_v5", "eastus"));
        tenant.Vms.Add(new(tenant.Subscriptions[0].Id, "rg-Data", "vm-Db-1", "Standard_E8s_v5", "westeurope"));
        tenant.Vms.Add(new(tenant.Subscriptions[1].Id, "rg-Dev", "vm-Dev-1", "Standard_B2s", "eastus"));
        return tenant;
    }

    /// <summary>Daily costs for Production's VMs from August (before the window) to today; Development has none (204).</summary>
    private static void Ledger(FakeCostManagement costs)
    {
        var vms = costs.Tenant.Vms.Where(v => v.SubscriptionId == costs.Tenant.Subscriptions[0].Id).ToList();
        for (var i = 0; i < vms.Count; i++)
        {
            var n = i;
            // vm-Db-1 runs on a reservation: amortized cost on its usage, nothing billed for it; the purchase is billed once.
            costs.AddDaily(vms[i], new DateOnly(2026, 8, 1), Today, d => 1.37m + n * 0.11m + d.Day * 0.013m + d.Month * 0.0007m,
                n == 2 ? _ => 0m : null);
        }
        costs.Costs.Add(new FakeCost(costs.Tenant.Subscriptions[0].Id, new DateOnly(2026, 10, 1), ReservationOrder, "", 0m, 412.37m));
    }

    private static IReadOnlyDictionary<string, string?> Months(int months) => new Dictionary<string, string?> { ["CostSense:Azure:CostMonths"] = months.ToString() };

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task EveryPageIsRead_TheStoreHoldsTheLedgerToTheCent_AndAnEmptySubscriptionIs204(StoreKind kind)
    {
        await using var rig = await CostsRig.StartAsync(kind, Now, Tenant(), Ledger, Months(3));

        var outcome = await rig.RunStepAsync();

        var ledger = rig.Costs.Costs.Where(c => c.Date >= WindowStart && c.Date <= Today).ToList();
        var rows = await rig.RowsAsync();
        Assert.Equal(ledger.Count, rows.Count);
        Assert.Equal(ledger.Count, outcome.Items);
        Assert.Equal(ledger.Sum(c => c.Amortized), rows.Sum(r => r.EffectiveCost));
        Assert.Equal(ledger.Sum(c => c.Actual), rows.Sum(r => r.BilledCost));
        // Several pages per query, every nextLink followed; Development answered 204 for each month and type.
        var queries = rig.Costs.Queries;
        Assert.True(queries.Count(q => q.Skip > 0) >= 3 * 2 * 10, $"{queries.Count(q => q.Skip > 0)} continuation pages");
        Assert.Equal(6, queries.Count(q => q.Scope.EndsWith("000000000002") && q.Status == 204));
        Assert.Equal(6, queries.Count(q => q.Skip == 0 && q.Scope.EndsWith("000000000001")));
        Assert.All(queries, q => Assert.True(q.To.DayNumber - q.From.DayNumber < 31));
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)], [queries[0].From, queries[0].To]);
        Assert.Contains(queries, q => q.From == new DateOnly(2026, 11, 1) && q.To == Today);

        // The rows as CostSense stores Azure's: ids lower case, the resource's parts, the service, region and subscription.
        var db1 = rows.Where(r => r.ResourceId == "/subscriptions/aaaaaaaa-0000-0000-0000-000000000001/resourcegroups/rg-data/providers/microsoft.compute/virtualmachines/vm-db-1").ToList();
        Assert.Equal(Today.DayNumber - WindowStart.DayNumber + 1, db1.Count);
        Assert.All(db1, r =>
        {
            Assert.Equal("rg-data", r.ResourceGroup);
            Assert.Equal("vm-db-1", r.ResourceName);
            Assert.Equal("microsoft.compute/virtualmachines", r.ResourceType);
            Assert.Equal("Virtual Machines", r.ServiceName);
            Assert.Equal("Compute", r.ServiceCategory);
            Assert.Equal("westeurope", r.RegionId);
            Assert.Equal("Production", r.SubAccountName);
            Assert.Equal(AzureSources.Costs("aaaaaaaa-0000-0000-0000-000000000001"), r.Source);
            Assert.Equal("USD", r.BillingCurrency);
            Assert.Equal(0m, r.BilledCost);
            Assert.True(r.EffectiveCost > 0);
        });
        var purchase = Assert.Single(rows, r => r.ResourceId == ReservationOrder.ToLowerInvariant());
        Assert.Equal(("Purchase", 412.37m, 0m), (purchase.ChargeCategory, purchase.BilledCost, purchase.EffectiveCost));

        // The rollups follow, and the months are recorded: two closed, November open.
        await using var db = await rig.Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(ledger.Sum(c => c.Amortized), await db.DailyCostRollups.SumAsync(r => r.EffectiveCost, Ct));
        var months = await rig.MonthsAsync();
        Assert.Equal(6, months.Count);
        Assert.All(months.Where(m => m.Month < new DateOnly(2026, 11, 1)), m => Assert.True(m.Closed));
        Assert.All(months.Where(m => m.Month == new DateOnly(2026, 11, 1)), m => Assert.False(m.Closed));
        Assert.All(months.Where(m => m.Scope.EndsWith("000000000002")), m => Assert.Equal(0, m.Rows));
    }

    [Fact]
    public async Task A429_WaitsForTheLargestOfItsHeaders_ThenTheQueryGoesOn()
    {
        await using var rig = await CostsRig.StartAsync(StoreKind.Sqlite, Now, Tenant(), c =>
        {
            Ledger(c);
            c.Throttles.Enqueue(FakeThrottle.Qpu(qpu: 7, entity: 31, tenant: 12, retryAfter: 20));
        }, Months(1));

        await rig.RunStepAsync();

        var queries = rig.Costs.Queries;
        Assert.Equal(429, queries[0].Status);
        Assert.Equal(200, queries[1].Status);
        Assert.Equal((queries[0].Scope, queries[0].Type, queries[0].From, queries[0].Skip), (queries[1].Scope, queries[1].Type, queries[1].From, queries[1].Skip));
        Assert.Equal(TimeSpan.FromSeconds(31), queries[1].At - queries[0].At);   // entity's 31 s: not qpu's 7, tenant's 12 or Retry-After's 20
        Assert.Contains(TimeSpan.FromSeconds(31), rig.Time.Waits);
        Assert.Contains(rig.Progress, l => l.Contains("waiting 31 s"));
        var ledger = rig.Costs.Costs.Where(c => c.Date >= new DateOnly(2026, 11, 1) && c.Date <= Today).ToList();
        Assert.Equal(ledger.Sum(c => c.Amortized), (await rig.RowsAsync()).Sum(r => r.EffectiveCost));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ThrottlingBeyondTheBound_FailsTheStepWithTheRetryTime_AndTheOldCostsStay(StoreKind kind)
    {
        await using var rig = await CostsRig.StartAsync(kind, Now, Tenant(), Ledger, Months(3));
        var sync = rig.Host.Get<AzureSync>();
        var first = await sync.RunAsync("test", Ct);
        Assert.Equal(AzureSyncStatus.Succeeded, first!.Steps.Single(s => s.Step == AzureSyncStep.Costs).Status);
        var before = await rig.RowsAsync();
        var monthsBefore = await rig.MonthsAsync();

        // Five hours on, the open month is due again, the ledger changed, and Azure asks for five minutes.
        rig.Time.Advance(TimeSpan.FromHours(5));
        rig.Costs.Costs.Add(new FakeCost(rig.Costs.Tenant.Subscriptions[0].Id, Today, "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/new", "eastus", 99m, 99m));
        var throttledAt = rig.Time.GetUtcNow();
        rig.Costs.Throttles.Enqueue(FakeThrottle.Qpu(qpu: 300, entity: 10, tenant: 5, retryAfter: 60));
        var second = await sync.RunAsync("test", Ct);

        var step = second!.Steps.Single(s => s.Step == AzureSyncStep.Costs);
        Assert.Equal(AzureSyncStatus.Failed, step.Status);
        Assert.Equal(throttledAt + TimeSpan.FromSeconds(300), step.RetryAt);
        Assert.Contains("429", step.Message);
        Assert.Contains($"{(throttledAt + TimeSpan.FromSeconds(300)).UtcDateTime:yyyy-MM-dd HH:mm} UTC", step.Message);
        var after = await rig.RowsAsync();
        Assert.Equal(before.Select(r => (r.Source, r.ChargePeriodStart, r.ResourceId, r.BilledCost, r.EffectiveCost, r.ImportBatchId)),
            after.Select(r => (r.Source, r.ChargePeriodStart, r.ResourceId, r.BilledCost, r.EffectiveCost, r.ImportBatchId)));
        Assert.Equal(monthsBefore.Select(m => (m.Scope, m.Month, m.FetchedAt)), (await rig.MonthsAsync()).Select(m => (m.Scope, m.Month, m.FetchedAt)));
    }

    [Fact]
    public async Task ClosedMonthsAreNotQueriedAgain_TheOpenMonthAtMostEveryFourHours()
    {
        await using var rig = await CostsRig.StartAsync(StoreKind.Sqlite, Now, Tenant(), Ledger, Months(3));
        int FirstPages() => rig.Costs.Queries.Count(q => q.Skip == 0);

        await rig.RunStepAsync();
        Assert.Equal(2 * 3 * 2, FirstPages());   // two subscriptions, three months, amortized and actual

        rig.Time.Advance(TimeSpan.FromHours(3));
        var early = await rig.RunStepAsync();
        Assert.Equal(12, FirstPages());
        Assert.StartsWith("Costs are up to date", early.Summary);

        rig.Time.Advance(TimeSpan.FromHours(1.5));
        await rig.RunStepAsync();
        var again = rig.Costs.Queries.Where(q => q.Skip == 0).Skip(12).ToList();
        Assert.Equal(4, again.Count);   // the open month of each subscription, both datasets
        Assert.All(again, q => Assert.Equal(new DateOnly(2026, 11, 1), q.From));

        // A month after, November has closed: it is read once more (closed now), December is the open month; September and
        // October are never read again.
        rig.Time.Advance(TimeSpan.FromDays(16));
        await rig.RunStepAsync();
        var later = rig.Costs.Queries.Where(q => q.Skip == 0).Skip(16).ToList();
        Assert.Equal([new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)], later.Select(q => q.From).Distinct().Order());
        Assert.DoesNotContain(rig.Costs.Queries.Where(q => q.Skip == 0).Skip(12), q => q.From < new DateOnly(2026, 11, 1));
        Assert.All((await rig.MonthsAsync()).Where(m => m.Month < new DateOnly(2026, 12, 1)), m => Assert.True(m.Closed));
    }

    [Fact]
    public async Task TheBudget_Spreads13QueriesOverMoreThanTenSeconds()
    {
        // One subscription, seven months: fourteen queries, which the tenant's 12 QPU per 10 s would refuse in a burst.
        var tenant = Tenant();
        tenant.Subscriptions.RemoveAt(1);
        await using var rig = await CostsRig.StartAsync(StoreKind.Sqlite, Now, tenant, c =>
        {
            Ledger(c);
            c.RowsPerPage = 1000;
        }, Months(7));

        await rig.RunStepAsync();

        var queries = rig.Costs.Queries.Where(q => q.Skip == 0).ToList();
        Assert.Equal(14, queries.Count);
        Assert.DoesNotContain(queries, q => q.Status == 429);
        for (var i = 0; i + 12 < queries.Count; i++)
            Assert.True(queries[i + 12].At - queries[i].At >= TimeSpan.FromSeconds(10), $"queries {i + 1} and {i + 13} went out {queries[i + 12].At - queries[i].At} apart");
        Assert.Equal(Now, queries[11].At);   // the first twelve at once: the budget holds back only what would exceed it
        Assert.NotEmpty(rig.Time.Waits);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ASyncRunTwice_GivesTheSameRows(StoreKind kind)
    {
        await using var rig = await CostsRig.StartAsync(kind, Now, Tenant(), Ledger, Months(3));
        await rig.RunStepAsync();
        var once = await rig.RowsAsync();

        rig.Time.Advance(TimeSpan.FromHours(5));
        await rig.RunStepAsync();
        var twice = await rig.RowsAsync();

        Assert.True(rig.Costs.Queries.Count(q => q.Skip == 0) > 12);   // the open month was read again
        Assert.Equal(once.Select(Shape), twice.Select(Shape));
        Assert.Equal(once.Sum(r => r.EffectiveCost), twice.Sum(r => r.EffectiveCost));
    }

    [Fact]
    public async Task TheDemoTenant_StepsAsideWhenAzureCostsArrive()
    {
        await using var rig = await CostsRig.StartAsync(StoreKind.Sqlite, Now, Tenant(), Ledger, Months(1), demoTenant: true);
        Assert.Contains(await rig.RowsAsync(), r => r.Source == KnownSources.Demo);

        await rig.RunStepAsync();

        var rows = await rig.RowsAsync();
        Assert.DoesNotContain(rows, r => r.Source == KnownSources.Demo);
        Assert.All(rows, r => Assert.StartsWith(AzureSources.Prefix, r.Source));
        await using var db = await rig.Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.VirtualMachines.AnyAsync(v => v.Source == KnownSources.Demo, Ct));
    }

    [Fact]
    public async Task TheInventorysTags_AreCarriedOntoItsResourcesCostRows()
    {
        await using var rig = await CostsRig.StartAsync(StoreKind.Sqlite, Now, Tenant(), Ledger, Months(1));
        var web1 = rig.Costs.Tenant.Vms[0];
        await using (var db = await rig.Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct))
        {
            db.VirtualMachines.Add(new VirtualMachine
            {
                ResourceId = web1.Id.ToLowerInvariant(), Source = AzureSources.Inventory, Name = web1.Name, SubscriptionId = web1.SubscriptionId,
                ResourceGroup = web1.ResourceGroup.ToLowerInvariant(), Region = web1.Region, Size = web1.Size, OsType = web1.OsType,
                Tags = """{"environment":"prod","cost-center":"CC-42"}""",
            });
            await db.SaveChangesAsync(Ct);
        }

        await rig.RunStepAsync();

        var rows = await rig.RowsAsync();
        var tagged = rows.Where(r => r.ResourceId == web1.Id.ToLowerInvariant()).ToList();
        Assert.Equal(20, tagged.Count);
        Assert.All(tagged, r => Assert.Equal(("prod", "CC-42"), (r.TagEnvironment, r.TagCostCenter)));
        Assert.All(rows.Except(tagged), r => Assert.Null(r.Tags));
    }

    private static object Shape(CostRecord r) => (r.Source, r.ChargePeriodStart, r.ResourceId, r.RegionId, r.ServiceName, r.ChargeCategory, r.BilledCost, r.EffectiveCost, r.BillingCurrency);
}
