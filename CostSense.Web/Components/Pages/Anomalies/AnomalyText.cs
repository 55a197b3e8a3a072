using System.Globalization;
using CostSense.Core.Anomalies;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Reports;
using MudBlazor;

namespace CostSense.Web.Components.Pages.Anomalies;

/// <summary>How anomalies read on screen: scope kinds, kinds, days, statuses, signed excesses and shares.</summary>
public static class AnomalyText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ScopeKind(CostScopeKind kind) => kind switch
    {
        CostScopeKind.Total => "All cost",
        CostScopeKind.Subscription => "Subscription",
        CostScopeKind.ResourceGroup => "Resource group",
        CostScopeKind.Service => "Service",
        _ => "Tag",
    };

    public static string Kind(AnomalyKind kind) => kind == AnomalyKind.Spike ? "Spike" : "New level";

    public static string Status(AnomalyStatus status) => status switch
    {
        AnomalyStatus.New => "New",
        AnomalyStatus.Acknowledged => "Acknowledged",
        _ => "Expected",
    };

    public static Color StatusColor(AnomalyStatus status) => status switch
    {
        AnomalyStatus.New => Color.Error,
        AnomalyStatus.Acknowledged => Color.Warning,
        _ => Color.Success,
    };

    public static string StatusFilter(AnomalyStatusFilter filter) => filter switch
    {
        AnomalyStatusFilter.Open => "Open (new first)",
        AnomalyStatusFilter.New => "New",
        AnomalyStatusFilter.Acknowledged => "Acknowledged",
        AnomalyStatusFilter.Expected => "Expected",
        _ => "All",
    };

    /// <summary>"17–19 Nov 2026" (the period as the reports write it).</summary>
    public static string Period(AnomalyView a) => SummaryFigures.Period(a.From, a.To);

    public static string DayCount(int days) => days == 1 ? "1 day" : $"{days.ToString(Invariant)} days";

    /// <summary>"+$412.10": an excess is always read against the expected level, so it carries its sign.</summary>
    public static string Signed(decimal amount, string currency) => (amount > 0 ? "+" : "") + MoneyFormat.Format(amount, currency);

    /// <summary>"83%": a driver's share of the excess.</summary>
    public static string Share(decimal percent) => Math.Round(percent, 0, MidpointRounding.AwayFromZero).ToString("0", Invariant) + "%";

    /// <summary>The excess against the expected level, as a percentage ("+240.5%"); n/a when nothing was expected.</summary>
    public static string ExcessPercent(AnomalyView a) => MoneyFormat.Percent(a.Expected == 0 ? null : a.Excess / a.Expected * 100m);

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    /// <summary>"Acknowledged by ana@contoso.com on 2026-11-28 09:12 UTC"; null while untriaged.</summary>
    public static string? Triage(AnomalyView a)
    {
        if (a.Status == AnomalyStatus.New || a.TriagedBy is null) return null;
        var when = a.TriagedAt is { } at ? " on " + Utc(at) : "";
        return $"{Status(a.Status)} by {a.TriagedBy}{when}";
    }

    /// <summary>"vm-worker-07 · Standard_D8s_v3": a driver's resource and its meter when known.</summary>
    public static string Driver(AnomalyDriver d) => string.IsNullOrWhiteSpace(d.Meter) ? d.ResourceName : $"{d.ResourceName} · {d.Meter}";

    /// <summary>Where the anomalies page opens on this anomaly: the link alerts and the dashboard card use.</summary>
    public static string Href(long id) => "/anomalies?id=" + id.ToString(Invariant);

    /// <summary>The triage actions an anomaly in this state can take; the service decides in the end.</summary>
    public static IReadOnlyList<AnomalyStatus> NextStates(AnomalyStatus status) => status switch
    {
        AnomalyStatus.New => [AnomalyStatus.Acknowledged, AnomalyStatus.Expected],
        AnomalyStatus.Acknowledged => [AnomalyStatus.Expected, AnomalyStatus.New],
        _ => [AnomalyStatus.New],
    };

    /// <summary>"1 other scope", "4 other scopes".</summary>
    public static string ScopeCount(int others) => others == 1 ? "1 other scope" : $"{others} other scopes";
}
