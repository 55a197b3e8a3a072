using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;
using Microsoft.AspNetCore.Components;
using CostSense.Web.Recommendations;
using MudBlazor;

namespace CostSense.Web.Components.Pages.Recommendations;

public sealed partial class RecommendationGrid
{
    public enum GroupBy { None, Subscription, ResourceGroup }

    [Parameter, EditorRequired] public required RecommendationKind Kind { get; set; }
    /// <summary>A recommendation to find (from the dashboard or the savings plan): the grid opens searching for its resource.</summary>
    [Parameter] public string? Focus { get; set; }

    private readonly CancellationTokenSource _lifetime = new();
    private readonly RecommendationFilter _filter = new();
    private Func<GridState<Recommendation>, CancellationToken, Task<GridData<Recommendation>>> _load = default!;
    private MudDataGrid<Recommendation>? _grid;
    /// <summary>The ids of the rows picked for a bulk action (across pages, until the filter changes or an action is taken).</summary>
    private HashSet<string> _selected = new(StringComparer.Ordinal);
    private RecommendationPage? _page;
    private (string? By, bool Descending) _sort;
    private GroupBy _groupBy;
    private string? _currency;
    private string? _error;
    private bool _canAct;
    private bool _busy;
    /// <summary>Sticky once seen: the store holds Advisor data, so the Advisor column and filter show.</summary>
    private bool _hasAdvisor;
    private AdvisorOnlyGrid? _advisorOnly;
    private bool _showingAdvisorOnly;

    private bool AdvisorOnly => _filter.Advisor == AdvisorFilter.AdvisorOnly;

    private AdvisorOpinion? OpinionOf(Recommendation r) => _page?.Advisor.GetValueOrDefault(r.Id);

    private MetricsSource MetricsOf(Recommendation r) => _page?.MetricsSources.GetValueOrDefault(r.ResourceId) ?? MetricsSource.None;

    private string ExportHref => RecommendationExport.Href(_filter.ToQuery(Kind, _sort.By, _sort.Descending));

    protected override async Task OnInitializedAsync()
    {
        // One delegate for the grid's lifetime: a new one on every render would read as a changed parameter.
        _load = LoadAsync;
        _canAct = (await Me.GetAsync()).Can(Permission.ActOnRecommendations);
        // Recommendations carry no currency of their own: their figures are the price catalogue's (not a summary of every
        // row read to learn it, which at 30,000 recommendations costs each grid's opening a scan).
        _currency = RecommendationService.Currency;
        try
        {
            if (Focus is not null && await Recommendations.GetAsync(Focus, _lifetime.Token) is { } focus && focus.Kind == Kind)
                _filter.Search = focus.ResourceName;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The grid's own load reports the store's state; amounts fall back to plain numbers.
        }
    }

    private async Task<GridData<Recommendation>> LoadAsync(GridState<Recommendation> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        _sort = (sort?.SortBy, sort?.Descending ?? true);
        var query = _filter.ToQuery(Kind, _sort.By, _sort.Descending, state.Page * state.PageSize, state.PageSize) with { GroupBy = GroupColumn };
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
        try
        {
            var page = await Recommendations.QueryAsync(query, linked.Token);
            (_page, _error) = (page, null);
            _hasAdvisor |= page.HasAdvisorData;
            return new GridData<Recommendation> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            (_page, _error) = (null, "The recommendations could not be read: the store is not answering. Try again shortly.");
            return new GridData<Recommendation> { Items = [], TotalItems = 0 };
        }
        finally
        {
            // The summary, the export link and the selection live outside the grid.
            StateHasChanged();
        }
    }

    /// <summary>Whether every row of the page shown is selected (the header's checkbox).</summary>
    private bool PageSelected => _page is { Items.Count: > 0 } page && page.Items.All(r => _selected.Contains(r.Id));

    private void Select(string id, bool selected)
    {
        if (selected) _selected.Add(id);
        else _selected.Remove(id);
    }

    /// <summary>The header's checkbox: the whole page in, or (when it all was) out.</summary>
    private void SelectPage()
    {
        if (_page is null) return;
        var all = PageSelected;
        foreach (var r in _page.Items) Select(r.Id, !all);
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    /// <summary>A new filter starts from its first page: the page the user was on may no longer exist.</summary>
    private Task FilterChangedAsync()
    {
        _selected = new(StringComparer.Ordinal);
        // Advisor only swaps the grid for Advisor's own rows (and back): the grid shown new loads itself.
        if (AdvisorOnly != _showingAdvisorOnly)
        {
            _showingAdvisorOnly = AdvisorOnly;
            StateHasChanged();
            return Task.CompletedTask;
        }
        if (AdvisorOnly) return _advisorOnly?.ReloadAsync() ?? Task.CompletedTask;
        if (_grid is null) return Task.CompletedTask;
        if (_grid.CurrentPage == 0) return _grid.ReloadServerData();
        _grid.NavigateTo(Page.First);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The store sorts by the grouping column first, so a group's rows are contiguous across pages (the grid groups the page
    /// it is given); a new grouping starts again from the first page.
    /// </summary>
    private string? GroupColumn => _groupBy switch
    {
        GroupBy.Subscription => nameof(Recommendation.SubscriptionId),
        GroupBy.ResourceGroup => nameof(Recommendation.ResourceGroup),
        _ => null,
    };

    private Task GroupAsync(GroupBy groupBy)
    {
        if (_groupBy == groupBy) return Task.CompletedTask;
        _groupBy = groupBy;
        return FilterChangedAsync();
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }
}
