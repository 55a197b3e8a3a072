using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Showback;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Showback;

/// <summary>
/// Showback over a real store (SQLite and PostgreSQL): on the demo tenant, for every tag key and several months, with
/// and without allocation rules, the chargeback table adds up to the dashboard's range total to the cent; cost rows
/// without tags, with malformed tag text or without the key land in the untagged row; rules are validated with messages
/// that name the field, audited, and refused to a Viewer; the CSV carries the table with a neutralised formula.
/// </summary>
public abstract class ShowbackStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnTheDemoTenant_EveryTagKey_EveryMonth_ReconcilesWithTheDashboardToTheCent_WithAndWithoutRules()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now, demoTenant: true);
        var showback = host.Get<ShowbackService>();
        var dashboard = host.Get<IDashboardService>();
        var latest = (await dashboard.LatestDataDateAsync(Ct))!.Value;
        var months = Enumerable.Range(0, 3).Select(i => new DateOnly(latest.Year, latest.Month, 1).AddMonths(-i)).ToList();
        var subscription = (await dashboard.GetAsync(new CostFilter(months[0], latest), Ct)).Subscriptions.First().Id;

        var checkedViews = 0;
        async Task CheckAllAsync(string stage)
        {
            foreach (var month in months)
            foreach (var sub in new[] { null, subscription })
            {
                var q = ShowbackQuery.Month("x", month, sub);
                var keys = await showback.TagKeysAsync(q.From, q.To, sub, Ct);
                Assert.True(keys.Count >= 3, $"{stage} {month}: the demo tenant tags by several keys");
                var expected = (await dashboard.GetAsync(new CostFilter(q.From, q.To, sub), Ct)).RangeTotal;
                Assert.True(expected > 0);
                foreach (var key in keys)
                {
                    var v = await showback.GetAsync(q with { TagKey = key.Key }, Ct);
                    var where = $"{stage}, {key.Key}, {month:yyyy-MM}, {sub ?? "all"}";
                    Assert.True(expected == v.ExactTotal, $"{where}: exact {v.ExactTotal} vs dashboard {expected}");
                    Assert.True(LargestRemainder.Cents(expected) == v.Total, $"{where}: {v.Total}");
                    Assert.True(v.Total == v.AllRows.Sum(r => r.Total), $"{where}: rows add up to {v.AllRows.Sum(r => r.Total)}");
                    Assert.Equal(v.Total, v.AllRows.Sum(r => r.Direct));
                    Assert.InRange(v.Coverage!.Value, 0m, 100m);
                    checkedViews++;
                }
            }
        }

        await CheckAllAsync("direct");
        Assert.True(checkedViews >= 3 * 2 * 3);

        // A rule of each kind on every key: the shared cost moves, the total does not.
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var rules = host.Get<AllocationRules>();
        var choices = await rules.SourceChoicesAsync(Ct);
        var allKeys = await showback.TagKeysAsync(months[^1], latest, null, Ct);
        var order = 0;
        foreach (var key in allKeys)
        {
            await rules.CreateAsync(analyst, new AllocationRuleDraft($"{key.Key} shared", key.Key, AllocationSource.ResourceGroups,
                string.Join('\n', choices.ResourceGroups.Take(2).Select(g => g.Key)), AllocationMethod.Proportional, null, ++order), Ct);
            await rules.CreateAsync(analyst, new AllocationRuleDraft($"{key.Key} untagged", key.Key, AllocationSource.Untagged, null,
                AllocationMethod.Proportional, null, ++order), Ct);
        }
        await CheckAllAsync("with rules");
        var withRules = await showback.GetAsync(ShowbackQuery.Month(allKeys[0].Key, months[0]), Ct);
        Assert.Contains(withRules.Rules, r => r.Applied);
        Assert.NotEqual(0m, withRules.AllRows.Sum(r => Math.Abs(r.Allocated)));
        Assert.Equal(2 * (allKeys.Count - 1), withRules.OtherKeyRules.Count);
    }

    [Fact]
    public async Task CostWithoutTags_WithMalformedTagText_OrWithoutTheKey_IsInTheUntaggedRow_NeverLost()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var day = new DateOnly(2026, 11, 3);
        CostRecord Row(decimal cost, string? tags, string group = "rg-a")
        {
            var r = Rows.Cost(day, cost, resourceGroup: group);
            r.Tags = tags;
            return r;
        }
        await host.Get<CostStore>().ReplacePeriodAsync("test", new(2026, 11, 1), new(2026, 12, 1),
        [
            Row(100.10m, """{"Team":"payments","env":"prod"}"""),
            Row(40.05m, """{"team":"search"}"""),
            Row(7.77m, null),                          // no tags at all
            Row(3.33m, "{not json"),                   // malformed
            Row(2.22m, """{"env":"dev"}""", "rg-b"),  // other keys, not team
            Row(1.11m, """{"team":""}"""),             // an empty value
            Row(-0.50m, """{"team":"payments"}"""),    // a credit
        ], Ct);

        var v = await host.Get<ShowbackService>().GetAsync(ShowbackQuery.Month("Team", day), Ct);
        var dashboard = await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 11, 1), new(2026, 11, 30)), Ct);

        Assert.Equal(154.08m, dashboard.RangeTotal);
        Assert.Equal(154.08m, v.Total);
        Assert.Equal(["payments", "search"], v.Values.Select(r => r.Value));
        Assert.Equal(99.60m, v.Values[0].Total);
        Assert.Equal(40.05m, v.Values[1].Total);
        Assert.Equal(7.77m + 3.33m + 2.22m + 1.11m, v.Untagged.Total);
        Assert.Equal(v.Total, v.AllRows.Sum(r => r.Total));
        Assert.Equal(Math.Round(139.65m * 100m / 154.08m, 1, MidpointRounding.AwayFromZero), v.Coverage);

        var keys = await host.Get<ShowbackService>().TagKeysAsync(new(2026, 11, 1), new(2026, 11, 30), null, Ct);
        Assert.Equal(["team", "env"], keys.Select(k => k.Key));
    }

    [Fact]
    public async Task Rules_AreValidated_WithMessagesNamingTheField_AuditedWhenSaved_AndRefusedToAViewer()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var day = new DateOnly(2026, 11, 3);
        var payments = Rows.Cost(day, 10m);
        payments.Tags = """{"team":"payments"}""";
        var search = Rows.Cost(day, 5m, resourceGroup: "rg-shared");
        search.Tags = """{"team":"search"}""";
        await host.Get<CostStore>().ReplacePeriodAsync("test", new(2026, 11, 1), new(2026, 12, 1), [payments, search], Ct);
        var analyst = await host.AddPersonAsync("ann@costsense.test", AppRoles.Analyst);
        var viewer = await host.AddPersonAsync("vic@costsense.test", AppRoles.Viewer);
        var rules = host.Get<AllocationRules>();
        AllocationRuleDraft Draft(string name = "Shared", string key = "team", AllocationSource source = AllocationSource.ResourceGroups,
            string? keys = "sub-a/rg-shared", AllocationMethod method = AllocationMethod.Proportional, string? shares = null) =>
            new(name, key, source, keys, method, shares, 1);

        async Task<string> Refused(AllocationRuleDraft d) => (await Assert.ThrowsAsync<AllocationRuleException>(() => rules.CreateAsync(analyst, d, Ct))).Message;
        Assert.StartsWith("Name:", await Refused(Draft(name: "  ")));
        Assert.StartsWith("Tag key:", await Refused(Draft(key: "")));
        Assert.Contains("\"owner\"", await Refused(Draft(key: "owner")));
        Assert.Contains("sub-a/rg-nowhere", await Refused(Draft(keys: "sub-a/rg-nowhere")));
        Assert.StartsWith("Source: choose at least one resource group", await Refused(Draft(keys: " ")));
        Assert.Contains("sub-zz", await Refused(Draft(source: AllocationSource.Subscriptions, keys: "sub-zz")));
        Assert.Contains("add up to 90, not 100", await Refused(Draft(method: AllocationMethod.Fixed, shares: "payments = 50\nsearch = 40")));
        Assert.Contains("add up to 100.01, not 100", await Refused(Draft(method: AllocationMethod.Fixed, shares: "payments = 60.01\nsearch = 40")));
        Assert.Contains("\"billing\"", await Refused(Draft(method: AllocationMethod.Fixed, shares: "payments = 50\nbilling = 50")));
        Assert.Contains("line 2", await Refused(Draft(method: AllocationMethod.Fixed, shares: "payments = 50\nsearch fifty")));
        Assert.Contains("given twice", await Refused(Draft(method: AllocationMethod.Fixed, shares: "payments = 50\npayments = 50")));
        Assert.Contains("above 0", await Refused(Draft(method: AllocationMethod.Fixed, shares: "payments = 100\nsearch = 0")));

        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.CreateAsync(viewer, Draft(), Ct));

        var created = await rules.CreateAsync(analyst, Draft(method: AllocationMethod.Fixed, shares: "payments = 62.5\nsearch = 37.5"), Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.DeleteAsync(viewer, created.Id, Ct));
        var v = await host.Get<ShowbackService>().GetAsync(ShowbackQuery.Month("team", day), Ct);
        Assert.Equal([(string?)"payments", "search"], v.Values.Select(r => r.Value));
        Assert.Equal((3.13m, 13.13m), (v.Values[0].Allocated, v.Values[0].Total));   // 10 + 62.5% of 5 = 13.125
        Assert.Equal((-3.13m, 1.87m), (v.Values[1].Allocated, v.Values[1].Total));   // 5 − 5 + 1.875
        Assert.Equal(15m, v.Total);

        await rules.UpdateAsync(analyst, created.Id, Draft(name: "Shared, proportional"), Ct);
        await rules.DeleteAsync(analyst, created.Id, Ct);
        Assert.Empty(await rules.ListAsync(Ct));
        await using var db = await host.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("allocation.")).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([Core.Audit.AuditActions.AllocationRuleCreate, Core.Audit.AuditActions.AllocationRuleEdit, Core.Audit.AuditActions.AllocationRuleDelete],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("ann@costsense.test", a.ActorName));
        Assert.Contains("fixed payments 62.5%, search 37.5%", audit[0].Detail);
    }

    [Fact]
    public async Task TheCsv_HasTheHeader_EveryValue_TheUntaggedRow_AndATotalEqualToTheDashboards_WithFormulasNeutralised()
    {
        await using var host = await CoreHost.StartAsync(Kind, Now);
        var day = new DateOnly(2026, 11, 3);
        var evil = Rows.Cost(day, 12.34m);
        evil.Tags = """{"team":"=HYPERLINK(\"http://x\")"}""";
        var plain = Rows.Cost(day, 5.55m, resourceGroup: "rg-b");
        plain.Tags = """{"team":"search, ops"}""";
        var untagged = Rows.Cost(day, 1.01m, resourceGroup: "rg-c");
        await host.Get<CostStore>().ReplacePeriodAsync("test", new(2026, 11, 1), new(2026, 12, 1), [evil, plain, untagged], Ct);

        var view = await host.Get<ShowbackService>().GetAsync(ShowbackQuery.Month("team", day), Ct);
        var writer = new StringWriter { NewLine = "\n" };
        await ShowbackCsv.WriteAsync(view, writer, Ct);
        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        var dashboard = await host.Get<IDashboardService>().GetAsync(new CostFilter(new(2026, 11, 1), new(2026, 11, 30)), Ct);

        Assert.Equal(
        [
            ShowbackCsv.Header,
            "\"'=HYPERLINK(\"\"http://x\"\")\",12.34,0.00,12.34,65.29,USD",
            "\"search, ops\",5.55,0.00,5.55,29.37,USD",
            "(untagged),1.01,0.00,1.01,5.34,USD",
            $"Total,18.90,0.00,{dashboard.RangeTotal:0.00},100.00,USD",
        ], lines);
        Assert.Equal("costsense-showback-team-2026-11.csv", ShowbackCsv.FileName(view.Query));
    }
}

public sealed class SqliteShowbackStoreTests : ShowbackStoreTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresShowbackStoreTests : ShowbackStoreTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
