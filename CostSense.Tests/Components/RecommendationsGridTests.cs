using Bunit;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Web.Components.Pages.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace CostSense.Tests.Components;

public sealed class RecommendationsGridTests : ComponentTestBase
{
    private readonly FakeRecommendationService _recs = new();

    public RecommendationsGridTests()
    {
        _recs.Items.AddRange([
            RecommendationSamples.Vm("vm-web-1", 140m),
            RecommendationSamples.Vm("vm-web-2", 60.5m, RecommendationStatus.Accepted),
            RecommendationSamples.Vm("vm-db-1", -80m, action: RecommendationAction.ScaleUp, category: RecommendationCategory.Performance),
            RecommendationSamples.Account("stlogs", 25m),
        ]);
        Services.AddSingleton<IRecommendationService>(_recs);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero)));
        OnLiveCircuit();
    }

    private IRenderedComponent<RecommendationGrid> RenderGrid(RecommendationKind kind = RecommendationKind.Compute)
    {
        var cut = Render<RecommendationGrid>(p => p.Add(c => c.Kind, kind));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='rec-row']")));
        return cut;
    }

    private static string Text(IRenderedComponent<RecommendationGrid> cut, string testId) => cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    [Fact]
    public void Grid_ForCompute_ShowsOnlyComputeRowsAndTheFilteredTotal()
    {
        var cut = RenderGrid();

        Assert.Equal(3, cut.FindAll("[data-testid='rec-row']").Count);
        Assert.Equal("3 recommendations", Text(cut, "rec-count"));
        Assert.Equal("$120.50", Text(cut, "rec-total-savings"));
        Assert.Equal(["$140.00", "$60.50", "-$80.00"], cut.FindAll("[data-testid='rec-savings']").Select(e => e.TextContent.Trim()));
        Assert.Equal(RecommendationKind.Compute, Assert.Single(_recs.Queries).Kind);
    }

    [Fact]
    public void Grid_PerformanceRisk_ShowsItsNegativeSavingInTheWarningColour()
    {
        var cut = RenderGrid();

        var risk = cut.FindAll("[data-testid='rec-savings']").Single(e => e.TextContent.Contains("-$80.00"));
        Assert.Contains("mud-warning-text", risk.ClassName);
    }

    [Fact]
    public void Grid_ForAViewer_ShowsNoActionButtonsOrSelection()
    {
        Authentication.SignInAs(AppRoles.Viewer);

        var cut = RenderGrid();

        Assert.Empty(cut.FindAll("[data-testid='bulk-actions']"));
        Assert.Empty(cut.FindAll("[data-testid^='rec-accept'], [data-testid='rec-dismiss'], [data-testid='rec-reopen']"));
        Assert.Empty(cut.FindAll("[data-testid='rec-grid'] input[type='checkbox']"));
    }

    [Fact]
    public void Grid_AnalystAcceptingTwoSelectedRows_SendsTheirIdsWithTheActorAndSaysHowManyChanged()
    {
        var cut = RenderGrid();
        SelectRow(cut, "vm-web-1");
        SelectRow(cut, "vm-db-1");
        cut.WaitForAssertion(() => Assert.Equal("2 recommendations selected", Text(cut, "bulk-selected")));

        cut.Find("[data-testid='bulk-accept']").Click();

        cut.WaitForAssertion(() => Assert.Single(_recs.Changes));
        var (actor, ids, change) = _recs.Changes[0];
        Assert.Equal(["rec-vm-db-1", "rec-vm-web-1"], ids.Order());
        Assert.Equal(RecommendationStatus.Accepted, change.To);
        Assert.Equal("id-someone@example.test", actor.Id);
        var snackbar = Services.GetRequiredService<ISnackbar>();
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "2 recommendations accepted.");
        // Reloaded after the change.
        cut.WaitForAssertion(() => Assert.True(_recs.Queries.Count >= 2));
    }

    [Fact]
    public void Grid_HeaderCheckbox_SelectsThePage_AndAgainClearsIt()
    {
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.Equal("3 recommendations", Text(cut, "rec-count")));

        cut.Find("[data-testid='rec-select-page']").Change(true);
        cut.WaitForAssertion(() => Assert.Equal("3 recommendations selected", Text(cut, "bulk-selected")));
        Assert.All(cut.FindAll("[data-testid='rec-select']"), box => Assert.True(box.HasAttribute("checked")));

        cut.Find("[data-testid='rec-select-page']").Change(false);
        cut.WaitForAssertion(() => Assert.Equal("Select rows to act on several at once", Text(cut, "bulk-selected")));
    }

    [Fact]
    public void Grid_RowAccept_SendsThatRowOnly()
    {
        var cut = RenderGrid();

        RowOf(cut, "vm-web-1").QuerySelector("[data-testid='rec-accept']")!.Click();

        cut.WaitForAssertion(() => Assert.Equal(["rec-vm-web-1"], Assert.Single(_recs.Changes).Ids));
    }

    [Fact]
    public void Grid_DismissWithoutAReason_SendsNothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderGrid();

        RowOf(cut, "vm-web-1").QuerySelector("[data-testid='rec-dismiss']")!.Click();

        dialogs.WaitForAssertion(() => Assert.True(dialogs.Find("[data-testid='dismiss-confirm']").HasAttribute("disabled")));
        dialogs.Find("[data-testid='dialog-cancel']").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid='dismiss-confirm']")));
        Assert.Empty(_recs.Changes);
    }

    [Fact]
    public void Grid_DismissWithAReason_SendsTheReason()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderGrid();

        RowOf(cut, "vm-web-1").QuerySelector("[data-testid='rec-dismiss']")!.Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='dismiss-dialog'] textarea"));
        dialogs.Find("[data-testid='dismiss-dialog'] textarea").Input("Runs the quarter-end batch");
        dialogs.Find("[data-testid='dismiss-confirm']").Click();

        cut.WaitForAssertion(() => Assert.Equal(new StatusChange(RecommendationStatus.Dismissed, "Runs the quarter-end batch"), Assert.Single(_recs.Changes).Change));
    }

    [Fact]
    public void Grid_Snooze_DefaultsToThirtyDaysAhead()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderGrid();

        RowOf(cut, "vm-web-1").QuerySelector("[data-testid='rec-snooze']")!.Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid='snooze-confirm']"));
        dialogs.Find("[data-testid='snooze-confirm']").Click();

        cut.WaitForAssertion(() => Assert.Equal(new DateOnly(2026, 4, 15), Assert.Single(_recs.Changes).Change.SnoozeUntil));
    }

    [Fact]
    public async Task Grid_GroupedByResourceGroup_ShowsAGroupRowForTheGroupOnThePage()
    {
        var cut = RenderGrid();
        var select = cut.FindComponent<MudSelect<RecommendationGrid.GroupBy>>().Instance;

        await cut.InvokeAsync(() => select.ValueChanged.InvokeAsync(RecommendationGrid.GroupBy.ResourceGroup));

        cut.WaitForAssertion(() => Assert.Contains("rg-app", cut.Find(".mud-datagrid-group").TextContent));
    }

    [Fact]
    public async Task Grid_FilteringByMinimumSavings_ReloadsWithTheFilterAndItsTotal()
    {
        var cut = RenderGrid();
        var min = cut.FindComponent<MudNumericField<decimal?>>().Instance;

        await cut.InvokeAsync(() => min.ValueChanged.InvokeAsync(100m));

        cut.WaitForAssertion(() => Assert.Equal("1 recommendation", Text(cut, "rec-count")));
        Assert.Equal(100m, _recs.Queries[^1].MinMonthlySavings);
        Assert.Equal("$140.00", Text(cut, "rec-total-savings"));
        Assert.Contains("minSavings=100", cut.Find("[data-testid='export-csv']").GetAttribute("href"));
    }

    [Fact]
    public void Grid_WithAFocus_OpensSearchingForThatResource()
    {
        var cut = Render<RecommendationGrid>(p => p.Add(c => c.Kind, RecommendationKind.Compute).Add(c => c.Focus, "rec-vm-db-1"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='rec-row']")));
        Assert.Equal("vm-db-1", _recs.Queries[0].Search);
    }

    [Fact]
    public void Grid_ExportLink_CarriesTheKindAndTheFilter()
    {
        var cut = RenderGrid();

        var href = cut.Find("[data-testid='export-csv']").GetAttribute("href");

        Assert.StartsWith("/recommendations/export.csv?kind=Compute", href);
    }

    [Fact]
    public void Grid_WhenTheServiceFails_SaysSoInsteadOfCrashing()
    {
        _recs.Failure = new InvalidOperationException("connection refused");

        var cut = Render<RecommendationGrid>(p => p.Add(c => c.Kind, RecommendationKind.Compute));

        cut.WaitForAssertion(() => Assert.Contains("not answering", Text(cut, "rec-error")));
    }

    private static AngleSharp.Dom.IElement RowOf(IRenderedComponent<RecommendationGrid> cut, string name) =>
        cut.FindAll("tr.rec-row").Single(tr => tr.QuerySelector($"[data-rec-id='rec-{name}']") is not null);

    private static void SelectRow(IRenderedComponent<RecommendationGrid> cut, string name) =>
        RowOf(cut, name).QuerySelector("input[type='checkbox']")!.Change(true);
}
