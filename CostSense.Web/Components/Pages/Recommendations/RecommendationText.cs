using System.Globalization;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;
using CostSense.Core.Recommendations.Advisor;
using CostSense.Core.Recommendations.CostOnly;
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

    /// <summary>Where a VM's metrics came from, as the grid says it.</summary>
    public static string Metrics(MetricsSource source) => source switch
    {
        MetricsSource.AzureMonitor => "Azure Monitor",
        MetricsSource.Demo => "demo",
        _ => "none",
    };

    public static string AdvisorFilterLabel(AdvisorFilter? filter) => filter switch
    {
        AdvisorFilter.Agrees => "Advisor agrees",
        AdvisorFilter.Differs => "Advisor differs",
        AdvisorFilter.AdvisorOnly => "Advisor only",
        _ => "Any",
    };

    /// <summary>The Advisor column: "✓", "Advisor: Standard_D2s_v5 vs ours: Standard_D4s_v5", or "—" when Advisor says nothing.</summary>
    public static string Advisor(AdvisorOpinion? opinion) => opinion switch
    {
        null => "—",
        { Verdict: AdvisorVerdict.Agrees } => "✓",
        _ => $"Advisor: {opinion.AdvisorTarget} vs ours: {opinion.OurTarget}",
    };

    /// <summary>
    /// Advisor's saving: a month's when given, else a twelfth of the year's, else "not given" (never $0.00: Advisor often
    /// leaves it out, which is not a saving of zero).
    /// </summary>
    public static string AdvisorSavings(AdvisorRecommendation a, string? currency)
    {
        var c = a.Currency ?? currency;
        if (a.MonthlySavings is { } m) return $"{Money(m, c)} a month" + (a.AnnualSavings is { } y ? $" · {Money(y, c)} a year" : "");
        if (a.AnnualSavings is { } annual) return $"{Money(annual, c)} a year";
        return "not given";
    }

    /// <summary>"Standard_D4s_v5 → Standard_D2s_v5", or what is known of it; "not given" when Advisor names neither.</summary>
    public static string AdvisorSkus(AdvisorRecommendation a) => (a.CurrentSku, a.TargetSku) switch
    {
        (null, null) => "not given",
        ({ } current, null) => $"{current} → not given",
        (null, { } target) => $"→ {target}",
        var (current, target) => $"{current} → {target}",
    };

    /// <summary>The last segment of Advisor's resource id (a VM's name, or the subscription id for a reservation).</summary>
    public static string AdvisorResource(AdvisorRecommendation a) => a.ImpactedValue ?? a.ResourceId.TrimEnd('/')[(a.ResourceId.TrimEnd('/').LastIndexOf('/') + 1)..];
}
