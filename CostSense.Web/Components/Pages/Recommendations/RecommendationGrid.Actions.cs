using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using MudBlazor;

namespace CostSense.Web.Components.Pages.Recommendations;

/// <summary>The lifecycle actions: ask what a change needs (a reason, a date), send it with the actor, reload, say what happened.</summary>
public sealed partial class RecommendationGrid
{
    private async Task ChangeAsync(IReadOnlyCollection<string> ids, RecommendationStatus to)
    {
        if (ids.Count == 0 || _busy) return;
        var change = await AskAsync(to, ids.Count);
        if (change is null) return;
        _busy = true;
        try
        {
            var changed = await Recommendations.ChangeStatusAsync(await Me.GetAsync(), ids, change, _lifetime.Token);
            var until = change.SnoozeUntil is { } d ? $" until {d:yyyy-MM-dd}" : "";
            Snackbar.Add($"{RecommendationText.Count(changed)} {RecommendationText.Done(to)}{until}.", changed == 0 ? Severity.Info : Severity.Success);
        }
        catch (AccessDeniedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add("The change was not saved: the store is not answering. Try again shortly.", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        // The rows acted on may no longer match the filter: the selection starts again with what is shown.
        _selected = new(StringComparer.Ordinal);
        await ReloadAsync();
    }

    /// <summary>The change to send, or null when the user cancelled the dialog.</summary>
    private async Task<StatusChange?> AskAsync(RecommendationStatus to, int count)
    {
        if (to is not (RecommendationStatus.Dismissed or RecommendationStatus.Snoozed)) return new StatusChange(to);
        var parameters = new DialogParameters { ["Count"] = count };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = to == RecommendationStatus.Dismissed
            ? await Dialogs.ShowAsync<DismissDialog>(null, parameters, options)
            : await Dialogs.ShowAsync<SnoozeDialog>(null, parameters, options);
        var result = await dialog.Result;
        // The dialogs refuse to close without a reason or a future date; checked again here so nothing incomplete is sent.
        return result is { Canceled: false, Data: StatusChange change } && IsComplete(change) ? change : null;
    }

    private static bool IsComplete(StatusChange change) => change.To switch
    {
        RecommendationStatus.Dismissed => !string.IsNullOrWhiteSpace(change.Reason),
        RecommendationStatus.Snoozed => change.SnoozeUntil is not null,
        _ => true,
    };
}
