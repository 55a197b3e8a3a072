using CostSense.Core.Data;
using CostSense.Core.Imports;
using CostSense.Core.Sources.Azure.Costs;
using CostSense.Tests.Azure.Fake;
using CostSense.Tests.Imports;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Azure.Costs;

/// <summary>
/// The costs step for an EA billing scope: generateCostDetailsReport 202 → polled → 200 with blob links, the CSV
/// downloaded and imported through the import pipeline with the file's totals.
/// </summary>
public sealed class AzureCostDetailsTests
{
    // 20 October 2023: September (the EA sample's month) is closed, October is open and has no data yet.
    private static readonly DateTimeOffset Now = new(2023, 10, 20, 9, 0, 0, TimeSpan.Zero);
    private const string Scope = "/providers/microsoft.billing/billingaccounts/8611537";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AReport_IsPolledUntilReady_AndItsCsvImportedWithTheFilesTotals(StoreKind kind)
    {
        var file = SharedData.File("EA_AmortizedCost_Small.csv");
        var tenant = new FakeTenant();
        tenant.Subscriptions.Add(new("9ec51cfd-5ca7-4d76-8101-dd0a4abc5674", "Trey Research Corporate"));
        await using var rig = await CostsRig.StartAsync(kind, Now, tenant, c =>
        {
            c.CostDetailsFiles[(Scope, new DateOnly(2023, 9, 1))] = file;
            c.PollsBeforeReady = 2;
            c.PollSeconds = 15;
            c.Throttles.Enqueue(FakeThrottle.Qpu(qpu: 0, entity: 40, tenant: 0, retryAfter: 5));
        }, new Dictionary<string, string?>
        {
            ["CostSense:Azure:CostMonths"] = "2",
            ["CostSense:Azure:CostDetailsScopes"] = "/providers/Microsoft.Billing/billingAccounts/8611537",
        });

        var outcome = await rig.RunStepAsync();

        var requests = rig.Azure.Requests;
        Assert.Equal(3, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/generateCostDetailsReport")));   // one throttled, then one a month
        Assert.Equal(2 * 3, requests.Count(r => r.Method == "GET" && r.Path.Contains("/costDetailsOperationResults/")));   // two 202 polls and the 200, per month
        Assert.Single(requests, r => r.Path.StartsWith("/fake-blobs/"));   // only September has data (October: NoDataFound)
        Assert.DoesNotContain(requests, r => r.Path.EndsWith("/query"));   // the billing scope replaces the per-subscription queries
        Assert.Contains(requests, r => r.Body.Contains("\"metric\":\"AmortizedCost\"") && r.Body.Contains("\"start\":\"2023-09-01\"") && r.Body.Contains("\"end\":\"2023-09-30\""));
        Assert.Equal(2 * 3, rig.Time.Waits.Count(w => w == TimeSpan.FromSeconds(15)));   // each 202's Retry-After, waited on the clock
        Assert.Contains(TimeSpan.FromSeconds(40), rig.Time.Waits);   // the 429's largest header

        await using var db = await rig.Host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var source = CostImporter.ExportSourceKey(CostDetailsSync.ExportKey(Scope));
        Assert.Equal(16.29693213663664462748541900m, await db.CostRecords.Where(r => r.Source == source).SumAsync(r => r.EffectiveCost, Ct));   // ΣCost in SOURCES.md
        Assert.Equal(28, outcome.Items);
        var months = await rig.MonthsAsync();
        Assert.Equal([(Scope, new DateOnly(2023, 9, 1), true), (Scope, new DateOnly(2023, 10, 1), false)], months.Select(m => (m.Scope, m.Month, m.Closed)));

        // Again within four hours: nothing is asked; September is closed and never asked again.
        rig.Time.Advance(TimeSpan.FromHours(1));
        await rig.RunStepAsync();
        Assert.Equal(requests.Count, rig.Azure.Requests.Count);
    }
}
