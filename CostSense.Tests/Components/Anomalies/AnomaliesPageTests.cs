using Bunit;
using CostSense.Core.Access;
using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;
using CostSense.Web.Components.Pages.Anomalies;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostSense.Tests.Components.Anomalies;

public sealed class AnomaliesPageTests : ComponentTestBase
{
    private readonly FakeAnomalyService _anomalies = new();
    private readonly StoreStatus _store = new();

    public AnomaliesPageTests()
    {
        Services.AddSingleton<IAnomalyService>(_anomalies);
        _store.MarkReady();
        Services.AddSingleton(_store);
        OnLiveCircuit();
    }

    private IRenderedComponent<AnomaliesPage> RenderPage(string address = "/anomalies")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        var cut = Render<AnomaliesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='anomaly-grid']")));
        return cut;
    }

    private static IReadOnlyList<long> RowIds(IRenderedComponent<AnomaliesPage> cut) =>
        cut.FindAll("[data-testid='anomaly-row']").Select(td => long.Parse(td.GetAttribute("data-anomaly-id")!)).ToList();

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<AnomaliesPage> cut, long id) =>
        cut.FindAll("tr").Single(tr => tr.QuerySelector($"[data-anomaly-id='{id}']") is not null);

    private static string Text(AngleSharp.Dom.IParentNode node, string testId) => node.QuerySelector($"[data-testid='{testId}']")!.TextContent.Trim();

    [Fact]
    public void Page_ByDefault_ListsTheOpenAnomalies_NewOnesFirstAndNewestFirst()
    {
        var cut = RenderPage();

        // New: 18 Nov, 17 Nov, 12 Nov, 3 Nov; then the acknowledged egress level; the load test marked as expected is closed.
        Assert.Equal([4L, 1L, 5L, 6L, 2L], RowIds(cut));
        Assert.Equal([AnomalyStatus.New, AnomalyStatus.Acknowledged], _anomalies.Queries.Select(q => q.Status));
        Assert.Equal("5 anomalies · 4 new", Text(cut.Find("[data-testid='anomaly-filters']"), "anomaly-count"));
    }

    [Fact]
    public void Page_Row_ShowsTheScopeDaysFiguresInTheTenantsCurrencyAndTheMainDrivers()
    {
        var cut = RenderPage();

        var row = Row(cut, 1);
        Assert.Equal("rg-batch (Contoso Production)", Text(row, "anomaly-open"));
        Assert.Equal("Resource group", Text(row, "anomaly-scope-kind"));
        Assert.Equal("17 Nov 2026", Text(row, "anomaly-days"));
        Assert.Contains("1 day", row.TextContent);
        Assert.Equal("Spike", Text(row, "anomaly-kind"));
        Assert.Equal("$82.40", Text(row, "anomaly-expected"));
        Assert.Equal("$494.50", Text(row, "anomaly-actual"));
        Assert.Equal("+$412.10", Text(row, "anomaly-excess"));
        // The two largest drivers by share, the third counted.
        var drivers = row.QuerySelectorAll("[data-testid='anomaly-driver']").Select(d => string.Join(' ', d.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["83% vm-worker-07 · Standard_D8s_v3: 24 h instead of 8 h", "12% vm-worker-08 · Standard_D8s_v3: 11 h instead of 8 h"], drivers);
        Assert.Contains("and 1 more", Text(row, "anomaly-drivers"));
        Assert.Equal("New", Text(row, "anomaly-status"));
        Assert.Null(row.QuerySelector("[data-testid='anomaly-triaged']"));

        var egress = Row(cut, 2);
        Assert.Equal("New level", Text(egress, "anomaly-kind"));
        Assert.Equal("10–20 Nov 2026", Text(egress, "anomaly-days"));
        Assert.Contains("11 days", egress.TextContent);
        Assert.Equal("Acknowledged by ana@contoso.com on 2026-11-21 09:12 UTC", Text(egress, "anomaly-triaged"));
    }

    [Fact]
    public async Task Page_FilteringByStatusAndScopeKind_AsksTheServiceForThoseAndListsOnlyThem()
    {
        var cut = RenderPage();
        var status = cut.FindComponent<MudSelect<AnomalyStatusFilter>>().Instance;
        var scope = cut.FindComponent<MudSelect<CostScopeKind?>>().Instance;

        await cut.InvokeAsync(() => status.ValueChanged.InvokeAsync(AnomalyStatusFilter.Expected));
        cut.WaitForAssertion(() => Assert.Equal([3L], RowIds(cut)));
        Assert.Equal("Expected by ana@contoso.com on 2026-11-07 08:30 UTC", Text(Row(cut, 3), "anomaly-triaged"));

        await cut.InvokeAsync(() => status.ValueChanged.InvokeAsync(AnomalyStatusFilter.All));
        await cut.InvokeAsync(() => scope.ValueChanged.InvokeAsync(CostScopeKind.Service));
        cut.WaitForAssertion(() => Assert.Equal([6L, 2L], RowIds(cut)));
        Assert.Equal(new AnomalyQuery(null, CostScopeKind.Service), _anomalies.Queries[^1]);
    }

    [Fact]
    public async Task Page_WithFiltersNothingMatches_SaysSo()
    {
        var cut = RenderPage();
        var scope = cut.FindComponent<MudSelect<CostScopeKind?>>().Instance;

        await cut.InvokeAsync(() => scope.ValueChanged.InvokeAsync(CostScopeKind.Tag));

        cut.WaitForAssertion(() => Assert.Equal("No anomalies match these filters.", cut.Find("[data-testid='anomalies-empty']").TextContent.Trim()));
    }

    [Fact]
    public void Page_WithoutAnomalies_SaysTheCostIsWithinItsUsualRange()
    {
        _anomalies.Items.Clear();

        var cut = RenderPage();

        Assert.StartsWith("No open anomalies: every scope's daily cost is within its usual range", cut.Find("[data-testid='anomalies-empty']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='anomaly-detail']"));
    }

    [Fact]
    public void Page_WithAnIdInTheAddress_OpensThatAnomaly_WithItsSummaryFiguresAndEveryDriver()
    {
        var cut = RenderPage("/anomalies?id=1");

        cut.WaitForAssertion(() => cut.Find("[data-testid='anomaly-detail']"));
        var detail = cut.Find("[data-testid='anomaly-detail']");
        Assert.Equal("1", detail.GetAttribute("data-anomaly-id"));
        Assert.Equal(AnomalySamples.BatchVm.Summary, Text(detail, "anomaly-summary"));
        Assert.Equal("+$412.10", Text(detail, "anomaly-detail-excess"));
        Assert.Equal("17 Nov 2026 · 1 day", Text(detail, "anomaly-detail-days"));
        Assert.Equal(["vm-worker-07", "vm-worker-08", "stbatchlogs"], cut.FindAll("[data-testid='driver-name']").Select(e => e.TextContent.Trim()));
        Assert.Equal(["83%", "12%", "2%"], cut.FindAll("[data-testid='driver-share']").Select(e => e.TextContent.Trim()));
        Assert.Equal(["+$342.10", "+$49.45", "+$8.45"], cut.FindAll("[data-testid='driver-excess']").Select(e => e.TextContent.Trim()));
        // What the named drivers leave over, so the table adds up to the excess: 412.10 - 400.00.
        Assert.Contains("+$12.10", Text(detail, "driver-rest"));
        // The selected row is marked in the grid.
        Assert.Contains("anomaly-selected", Row(cut, 1).ClassName);
    }

    [Fact]
    public void Detail_Chart_DrawsActualExpectedAndTheBand_AndMarksOnlyTheAnomalousDays()
    {
        var cut = RenderPage("/anomalies?id=1");
        cut.WaitForAssertion(() => cut.Find("[data-testid='anomaly-chart'] svg"));

        var chart = cut.FindComponent<MudChart<double>>().Instance;
        var series = AnomalySamples.Series(AnomalySamples.BatchVm);
        var byName = chart.ChartSeries!.ToDictionary(s => s.Name, s => s.Data.Values.ToList());
        Assert.Equal(["Actual", "Expected", "Usual high", "Usual low", "Anomalous days"], chart.ChartSeries!.Select(s => s.Name));
        Assert.Equal(series.Select(p => (double)p.Actual), byName["Actual"]);
        Assert.Equal(series.Select(p => (double)p.High), byName["Usual high"]);
        Assert.Equal(series.Select(p => (double)p.Low), byName["Usual low"]);
        // One point on 17 Nov, at its actual cost; nothing on the usual days.
        var anomalous = chart.ChartSeries!.Single(s => s.Name == "Anomalous days").Data;
        var day = series.ToList().FindIndex(p => p.Date == new DateOnly(2026, 11, 17));
        Assert.Equal(494.50, anomalous.GetValue(day));
        Assert.Equal([day], Enumerable.Range(0, anomalous.Count).Where(i => anomalous[i].HasValue));
        var marked = Assert.Single(cut.FindAll("[data-testid='anomaly-marked-day']"));
        Assert.Equal("2026-11-17", marked.GetAttribute("data-date"));
        Assert.Equal("17 Nov: $494.50 (usually $61.80–$103.00)", string.Join(' ', marked.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("Usual high", cut.Find("[data-testid='anomaly-chart']").TextContent);
    }

    [Fact]
    public void Detail_OfANewLevelLastingDays_NamesItsFirstFiveDaysAndCountsTheRest()
    {
        var cut = RenderPage("/anomalies?id=2");
        cut.WaitForAssertion(() => cut.Find("[data-testid='anomaly-chart'] svg"));

        Assert.Equal(["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"],
            cut.FindAll("[data-testid='anomaly-marked-day']").Select(e => e.GetAttribute("data-date")));
        Assert.Equal("and 6 more days, to 20 Nov", cut.Find("[data-testid='anomaly-marked-more']").TextContent.Trim());
        // The chart still marks all eleven.
        var anomalous = cut.FindComponent<MudChart<double>>().Instance.ChartSeries!.Single(s => s.Name == "Anomalous days").Data;
        Assert.Equal(11, Enumerable.Range(0, anomalous.Count).Count(i => anomalous[i].HasValue));
    }

    [Fact]
    public void Page_ChoosingARow_OpensItsDetailAndPutsItInTheAddress()
    {
        var cut = RenderPage();

        Row(cut, 2).QuerySelector("[data-testid='anomaly-open']")!.Click();

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid='anomaly-detail']").GetAttribute("data-anomaly-id")));
        Assert.EndsWith("/anomalies?id=2", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal(AnomalySamples.Egress.Summary, cut.Find("[data-testid='anomaly-summary']").TextContent.Trim());
    }

    [Fact]
    public void Page_WithTheIdOfAnAnomalyNoLongerThere_SaysSo()
    {
        var cut = RenderPage("/anomalies?id=99");

        cut.WaitForAssertion(() => Assert.Contains("Anomaly 99 is no longer there", cut.Find("[data-testid='anomaly-gone']").TextContent));
        Assert.Empty(cut.FindAll("[data-testid='anomaly-detail']"));
    }

    [Fact]
    public void Page_WithAMistypedId_SaysSoAndStillListsTheAnomalies()
    {
        var cut = RenderPage("/anomalies?id=12x");

        Assert.Equal("\"12x\" is not an anomaly's number: the link is mistyped.", cut.Find("[data-testid='anomaly-bad-id']").TextContent.Trim());
        Assert.Equal(5, RowIds(cut).Count);
        Assert.Empty(cut.FindAll("[data-testid='anomaly-detail']"));
    }

    [Fact]
    public void Detail_ForAViewer_ShowsNoTriageButtons()
    {
        Authentication.SignInAs(AppRoles.Viewer);

        var cut = RenderPage("/anomalies?id=1");

        cut.WaitForAssertion(() => cut.Find("[data-testid='anomaly-detail']"));
        Assert.Empty(cut.FindAll("[data-testid='anomaly-triage']"));
        Assert.Empty(cut.FindAll("[data-testid^='triage-']"));
    }

    [Fact]
    public void Detail_ForAnAnalyst_OffersWhatTheStatusAllows()
    {
        var cut = RenderPage("/anomalies?id=1");
        cut.WaitForAssertion(() => cut.Find("[data-testid='anomaly-triage']"));
        Assert.Equal(["triage-acknowledge", "triage-expected"], cut.FindAll("[data-testid^='triage-']").Select(b => b.GetAttribute("data-testid")));

        cut.Find("[data-testid='anomaly-close']").Click();
        Row(cut, 2).QuerySelector("[data-testid='anomaly-open']")!.Click();
        cut.WaitForAssertion(() => Assert.Equal(["triage-expected", "triage-reopen"], cut.FindAll("[data-testid^='triage-']").Select(b => b.GetAttribute("data-testid"))));
    }

    [Fact]
    public void Detail_Acknowledging_SendsTheActor_ShowsTheNewStatusAndWhoTriaged_AndReloadsTheList()
    {
        var cut = RenderPage("/anomalies?id=1");
        cut.WaitForAssertion(() => cut.Find("[data-testid='triage-acknowledge']"));
        var queriesBefore = _anomalies.Queries.Count;

        cut.Find("[data-testid='triage-acknowledge']").Click();

        cut.WaitForAssertion(() => Assert.Equal("Acknowledged", cut.Find("[data-testid='anomaly-detail-status']").TextContent.Trim()));
        var (actor, id, to, note) = Assert.Single(_anomalies.Triages);
        Assert.Equal((1L, AnomalyStatus.Acknowledged, (string?)null), (id, to, note));
        Assert.Equal("id-someone@example.test", actor.Id);
        Assert.Equal("Acknowledged by someone@example.test on 2026-11-28 09:15 UTC", cut.Find("[data-testid='anomaly-detail-triaged']").TextContent.Trim());
        Assert.Equal("Acknowledged.", cut.Find("[data-testid='anomaly-notice']").TextContent.Trim());
        Assert.True(_anomalies.Queries.Count > queriesBefore);
        Assert.Equal("Acknowledged", Text(Row(cut, 1), "anomaly-status"));
        // Now it can be marked as expected or reopened, no longer acknowledged.
        Assert.Equal(["triage-expected", "triage-reopen"], cut.FindAll("[data-testid^='triage-']").Select(b => b.GetAttribute("data-testid")));
    }

    [Fact]
    public void Detail_MarkingAsExpected_WithoutANote_CannotBeConfirmed_AndCancellingSendsNothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage("/anomalies?id=1");
        cut.WaitForAssertion(() => cut.Find("[data-testid='triage-expected']"));

        cut.Find("[data-testid='triage-expected']").Click();

        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("[data-testid='expected-confirm']").HasAttribute("disabled")));
        dialogs.Find("[data-testid='expected-dialog'] textarea").Input("   ");
        Assert.True(dialogs.Find("[data-testid='expected-confirm']").HasAttribute("disabled"));
        dialogs.Find("[data-testid='dialog-cancel']").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid='expected-dialog']")));
        Assert.Empty(_anomalies.Triages);
        Assert.Equal("New", cut.Find("[data-testid='anomaly-detail-status']").TextContent.Trim());
    }

    [Fact]
    public void Detail_MarkingAsExpected_WithANote_SendsTheNoteAndShowsIt()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage("/anomalies?id=1");
        cut.WaitForAssertion(() => cut.Find("[data-testid='triage-expected']"));

        cut.Find("[data-testid='triage-expected']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='expected-dialog'] textarea"));
        Assert.Contains(AnomalySamples.BatchVm.Summary, dialogs.Find("[data-testid='expected-dialog']").TextContent);
        dialogs.Find("[data-testid='expected-dialog'] textarea").Input("  Month-end batch rerun after the outage  ");
        dialogs.Find("[data-testid='expected-confirm']").Click();

        cut.WaitForAssertion(() => Assert.Equal("Expected", cut.Find("[data-testid='anomaly-detail-status']").TextContent.Trim()));
        Assert.Equal((1L, AnomalyStatus.Expected, "Month-end batch rerun after the outage"), (Assert.Single(_anomalies.Triages).Id, _anomalies.Triages[0].To, _anomalies.Triages[0].Note));
        Assert.Equal("Note: Month-end batch rerun after the outage", cut.Find("[data-testid='anomaly-detail-note']").TextContent.Trim());
        // Closed now: the default (open) list no longer holds it.
        Assert.DoesNotContain(1L, RowIds(cut));
    }

    [Fact]
    public void Detail_WhenTheServiceRefusesTheTriage_ShowsItsMessageAndKeepsTheStatus()
    {
        _anomalies.TriageFailure = new AccessDeniedException(TestAuthentication.Actor(AppRoles.Analyst), Permission.ManageCostControls);
        var cut = RenderPage("/anomalies?id=1");
        cut.WaitForAssertion(() => cut.Find("[data-testid='triage-acknowledge']"));

        cut.Find("[data-testid='triage-acknowledge']").Click();

        cut.WaitForAssertion(() => Assert.Contains("may not do this: it needs the", cut.Find("[data-testid='triage-error']").TextContent));
        Assert.Equal("New", cut.Find("[data-testid='anomaly-detail-status']").TextContent.Trim());
    }

    [Fact]
    public void Page_WhenTheStoreFails_SaysSoWithRetry_AndRetryLoadsTheList()
    {
        _anomalies.Failure = new TimeoutException("no answer");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/anomalies?id=1");
        var cut = Render<AnomaliesPage>();

        cut.WaitForAssertion(() => Assert.Contains("The store did not answer (no answer in time)", cut.Find("[data-testid='store-error']").TextContent));
        Assert.Empty(cut.FindAll("[data-testid='anomaly-grid']"));

        _anomalies.Failure = null;
        cut.Find("[data-testid='store-retry']").Click();

        cut.WaitForAssertion(() => Assert.Equal([4L, 1L, 5L, 6L, 2L], RowIds(cut)));
        cut.WaitForAssertion(() => cut.Find("[data-testid='anomaly-detail']"));
        Assert.Empty(cut.FindAll("[data-testid='store-error']"));
    }

    [Fact]
    public void Page_WhileTheStoreIsNotUp_SaysWhyAndAsksNothing()
    {
        _store.MarkFailed("PostgreSQL at db:5432 refused the connection.", 2, TimeSpan.FromSeconds(10));

        var cut = Render<AnomaliesPage>();

        Assert.Contains("refused the connection", cut.Find("[data-testid='store-problem']").TextContent);
        Assert.Empty(_anomalies.Queries);

        _store.MarkReady();
        cut.WaitForAssertion(() => Assert.Equal(5, RowIds(cut).Count));
    }
}
