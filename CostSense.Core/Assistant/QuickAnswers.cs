using System.Globalization;
using System.Text;
using CostSense.Core.Anomalies;
using CostSense.Core.Costs;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;

namespace CostSense.Core.Assistant;

/// <summary>
/// Data answers without a model: the same services the tools read, written as Markdown with the pages' figures.
/// They keep the panel useful while Ollama is down or its model is not pulled.
/// </summary>
public sealed class QuickAnswers(IDashboardService dashboard, IAnomalyService anomalies, IRecommendationService recommendations, TimeProvider time)
{
    public Task<QuickAnswer> AnswerAsync(QuickAction action, CancellationToken ct) => action switch
    {
        QuickAction.TopCostDrivers => TopCostDriversAsync(ct),
        QuickAction.BiggestSavings => BiggestSavingsAsync(ct),
        QuickAction.Anomalies => AnomaliesAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private async Task<QuickAnswer> TopCostDriversAsync(CancellationToken ct)
    {
        var asOf = await dashboard.AsOfAsync(time, ct);
        var from = new DateOnly(asOf.Year, asOf.Month, 1);
        var s = await dashboard.GetAsync(new CostFilter(from, asOf), ct);
        var tool = Tool("get_cost_breakdown", ("dimension", "service"), ("from", $"{from:yyyy-MM-dd}"), ("to", $"{asOf:yyyy-MM-dd}"));
        if (!s.HasData) return new QuickAnswer("Top cost drivers this month", NoData, tool);
        var c = s.Currency;
        var md = new StringBuilder();
        md.Append(Inv($"Month to date ({from:MMM d}–{asOf:MMM d}): **{MoneyFormat.Format(s.Kpis.MonthToDate, c)}**, "));
        md.Append(Inv($"{MoneyFormat.Percent(s.Kpis.ChangePercent)} against the same days last month; forecast to month end **{MoneyFormat.Format(s.Kpis.ForecastMonthEnd, c)}**.\n\n"));
        md.Append("| Service | Cost | Share |\n|---|---:|---:|\n");
        foreach (var x in s.TopServices.Take(5))
            md.Append(Inv($"| {Cell(x.Name)} | {MoneyFormat.Format(x.Cost, c)} | {x.SharePercent:0.#}% |\n"));
        if (s.ByResourceGroup.FirstOrDefault() is { } group)
            md.Append(Inv($"\nThe largest resource group is **{Cell(group.Name)}** at {MoneyFormat.Format(group.Cost, c)} ({group.SharePercent:0.#}%)."));
        return new QuickAnswer("Top cost drivers this month", md.ToString(), tool);
    }

    private async Task<QuickAnswer> BiggestSavingsAsync(CancellationToken ct)
    {
        var summary = await recommendations.SummaryAsync(ct);
        var top = await recommendations.TopAsync(5, ct);
        var c = summary.Currency;
        var tool = Tool("get_savings_summary");
        if (top.Count == 0) return new QuickAnswer("Biggest savings", "There are no open recommendations: nothing to save right now, or no inventory loaded yet.", tool);
        var md = new StringBuilder();
        md.Append(Inv($"Open savings: **{MoneyFormat.Format(summary.OpenMonthlySavings, c)} a month** ({MoneyFormat.Format(summary.OpenAnnualSavings, c)} a year), one best action per resource.\n\n"));
        md.Append("| Resource | Action | Monthly savings |\n|---|---|---:|\n");
        foreach (var r in top)
            md.Append(Inv($"| {Cell(r.ResourceName)} ({Cell(r.ResourceGroup)}) | {r.Action} → {Cell(r.Target)} | {MoneyFormat.Format(r.MonthlySavings, c)} |\n"));
        return new QuickAnswer("Biggest savings", md.ToString(), tool);
    }

    /// <summary>The anomalies page's list over the last 90 days, one row per incident (its narrowest scope), largest excess first.</summary>
    private async Task<QuickAnswer> AnomaliesAsync(CancellationToken ct)
    {
        var to = await dashboard.AsOfAsync(time, ct);
        var from = to.AddDays(-90);
        var incidents = AnomalyIncident.Group((await anomalies.ListAsync(new AnomalyQuery(Since: from, Take: 1_000), ct)).Where(a => a.From <= to));
        var tool = Tool("get_anomalies", ("from", $"{from:yyyy-MM-dd}"), ("to", $"{to:yyyy-MM-dd}"));
        if (incidents.Count == 0) return new QuickAnswer("Anomalies", Inv($"No anomalies between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}."), tool);
        var md = new StringBuilder(Inv($"{incidents.Count} anomal{(incidents.Count == 1 ? "y" : "ies")} between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}, largest excess first:\n\n"));
        md.Append("| When | Where | Service | Cost | Usual | Excess | Main driver |\n|---|---|---|---:|---:|---:|---|\n");
        foreach (var a in incidents.Take(8).Select(i => i.Main))
        {
            var when = a.From == a.To ? Inv($"{a.From:yyyy-MM-dd}") : Inv($"{a.From:yyyy-MM-dd} – {a.To:MM-dd}");
            if (a.Kind == CostSense.Core.Data.Entities.AnomalyKind.LevelShift) when += " (new level)";
            var driver = a.Drivers.FirstOrDefault();
            var service = driver?.ServiceName ?? (a.Scope.Kind == CostSense.Core.Data.Entities.CostScopeKind.Service ? a.Scope.Name : "");
            var main = driver is null ? "" : Inv($"{driver.ResourceName} ({driver.SharePercent:0}%){(driver.Detail is { } d ? ": " + d : "")}");
            md.Append(Inv($"| {when} | {Cell(a.Scope.Describe())} | {Cell(service)} | {MoneyFormat.Format(a.Actual, a.Currency)} | {MoneyFormat.Format(a.Expected, a.Currency)} | {MoneyFormat.Format(a.Excess, a.Currency)} | {Cell(main)} |\n"));
        }
        return new QuickAnswer("Anomalies", md.ToString(), tool);
    }

    private const string NoData = "There is no cost data yet. Load the demo tenant or import a cost export on the Data page.";

    private static ToolCallInfo Tool(string name, params (string Key, string Value)[] args) =>
        new(name, args.Select(a => new KeyValuePair<string, string>(a.Key, a.Value)).ToList());

    /// <summary>Names come from imported files: keep them from breaking the table or becoming markup.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
