using System.Globalization;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using MudBlazor;

namespace CostSense.Web.Components.Pages.Recommendations;

/// <summary>How recommendations read on screen: action words, status colours, the grid a row lives on.</summary>
public static class RecommendationText
{
    public static string Action(RecommendationAction action) => RecommendationWords.Action(action);

    public static string Category(RecommendationCategory category) => RecommendationWords.Category(category);

    public static Color StatusColor(RecommendationStatus status) => status switch
    {
        RecommendationStatus.Open => Color.Info,
        RecommendationStatus.Accepted => Color.Primary,
        RecommendationStatus.Implemented => Color.Success,
        RecommendationStatus.Snoozed => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The past tense for the snackbar: "3 recommendations accepted".</summary>
    public static string Done(RecommendationStatus to) => to switch
    {
        RecommendationStatus.Accepted => "accepted",
        RecommendationStatus.Implemented => "marked implemented",
        RecommendationStatus.Dismissed => "dismissed",
        RecommendationStatus.Snoozed => "snoozed",
        _ => "reopened",
    };

    public static string Count(int n) => n == 1 ? "1 recommendation" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} recommendations";

    /// <summary>The changes a row in this state can take; the service decides in the end.</summary>
    public static IReadOnlyList<RecommendationStatus> NextStates(RecommendationStatus status) => status switch
    {
        RecommendationStatus.Open => [RecommendationStatus.Accepted, RecommendationStatus.Implemented, RecommendationStatus.Dismissed, RecommendationStatus.Snoozed],
        RecommendationStatus.Accepted => [RecommendationStatus.Implemented, RecommendationStatus.Dismissed, RecommendationStatus.Snoozed, RecommendationStatus.Open],
        RecommendationStatus.Snoozed => [RecommendationStatus.Accepted, RecommendationStatus.Dismissed, RecommendationStatus.Open],
        _ => [RecommendationStatus.Open],
    };

    public static IReadOnlyList<RecommendationAction> ActionsFor(RecommendationKind kind) => kind == RecommendationKind.Compute
        ? [RecommendationAction.Deallocate, RecommendationAction.Delete, RecommendationAction.Resize, RecommendationAction.ScaleUp, RecommendationAction.Reserve1Year, RecommendationAction.Reserve3Year]
        : [RecommendationAction.ChangeAccessTier, RecommendationAction.AddLifecyclePolicy, RecommendationAction.ChangeReplication];

    public static string Grid(RecommendationKind kind) => kind == RecommendationKind.Compute ? "compute" : "storage";

    public static string FocusHref(Recommendation r) => $"/{Grid(r.Kind)}?focus={Uri.EscapeDataString(r.Id)}";

    public static string Money(decimal amount, string? currency) =>
        currency is null ? amount.ToString("N2", CultureInfo.InvariantCulture) : Core.Money.MoneyFormat.Format(amount, currency);

    public static string Percent(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + "%";
}
