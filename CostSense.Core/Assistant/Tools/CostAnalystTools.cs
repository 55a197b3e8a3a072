using System.ComponentModel;
using CostSense.Core.Anomalies;
using CostSense.Core.Costs;
using Microsoft.SemanticKernel;

namespace CostSense.Core.Assistant.Tools;

/// <summary>The cost analyst's tools: the dashboard's figures, breakdowns, one day explained, anomalies.</summary>
public sealed class CostAnalystTools(IDashboardService dashboard, CostInsights insights, IAnomalyService anomalies, TimeProvider time)
{
    [KernelFunction("get_cost_overview"), Description("Month-to-date spend, the same days last month, the change, the forecast to month end, the 30-day trend and the top services this month.")]
    public async Task<string> GetCostOverviewAsync(CancellationToken ct = default)
    {
        var asOf = await dashboard.AsOfAsync(time, ct);
        var s = await dashboard.GetAsync(new CostFilter(new DateOnly(asOf.Year, asOf.Month, 1), asOf), ct);
        if (!s.HasData) return ToolJson.Error("There is no cost data yet. Load the demo tenant or import a cost export on the Data page.");
        var c = s.Currency;
        return ToolJson.Serialize(new
        {
            asOf = asOf.ToString("yyyy-MM-dd"),
            monthToDate = ToolJson.Money(s.Kpis.MonthToDate, c),
            sameDaysLastMonth = ToolJson.Money(s.Kpis.PreviousMonthSameDays, c),
            change = ToolJson.Percent(s.Kpis.ChangePercent),
            forecastMonthEnd = ToolJson.Money(s.Kpis.ForecastMonthEnd, c),
            lastMonthTotal = ToolJson.Money(s.Kpis.PreviousMonthTotal, c),
            trend = $"{s.Trend.Direction.ToString().ToLowerInvariant()} ({ToolJson.Percent(s.Trend.ChangeOver30DaysPercent)} over 30 days)",
            topServices = s.TopServices.Take(5).Select(x => new { name = x.Name, cost = ToolJson.Money(x.Cost, c), share = $"{x.SharePercent:0.#}%" }),
        });
    }

    [KernelFunction("get_cost_breakdown"), Description("Cost over a date range split by one dimension, largest first, with each one's share of the total.")]
    public async Task<string> GetCostBreakdownAsync(
        [Description("One of: service, resource_group, subscription, region, environment, cost_center")] string dimension,
        [Description("First day, YYYY-MM-DD (default: first day of this month)")] string? from = null,
        [Description("Last day, YYYY-MM-DD (default: latest day with data)")] string? to = null,
        [Description("How many rows, 1-10 (default 5)")] int? top = null,
        CancellationToken ct = default)
    {
        var by = ToolArguments.Choice(dimension, "dimension", "service", "resource_group", "subscription", "region", "environment", "cost_center")
            ?? throw new ToolArgumentException("dimension is required: service, resource_group, subscription, region, environment or cost_center.");
        var asOf = await dashboard.AsOfAsync(time, ct);
        var end = ToolArguments.Date(to, "to") ?? asOf;
        var start = ToolArguments.Date(from, "from") ?? new DateOnly(end.Year, end.Month, 1);
        if (end < start) throw new ToolArgumentException($"to ({end:yyyy-MM-dd}) is before from ({start:yyyy-MM-dd}).");
        var s = await dashboard.GetAsync(new CostFilter(start, end), ct);
        var shares = by switch
        {
            "service" => s.TopServices,
            "resource_group" => s.ByResourceGroup,
            "subscription" => s.BySubscription,
            "region" => s.ByRegion,
            "environment" => s.ByEnvironment,
            _ => s.ByCostCenter,
        };
        var c = s.Currency;
        return ToolJson.Serialize(new
        {
            from = start.ToString("yyyy-MM-dd"), to = end.ToString("yyyy-MM-dd"), dimension = by,
            total = ToolJson.Money(s.RangeTotal, c),
            rows = shares.Take(ToolArguments.Top(top, 5, 10)).Select(x => new { name = x.Name, cost = ToolJson.Money(x.Cost, c), share = $"{x.SharePercent:0.#}%" }),
        });
    }

    [KernelFunction("compare_day"), Description("Why one day cost more or less than usual: its total against the average of the same kind of day (weekday or weekend) over the four weeks before, and the services and resource groups that moved most.")]
    public async Task<string> CompareDayAsync(
        [Description("The day, YYYY-MM-DD")] string date,
        CancellationToken ct = default)
    {
        var day = ToolArguments.Date(date, "date") ?? throw new ToolArgumentException("date is required, as YYYY-MM-DD.");
        var d = await insights.CompareDayAsync(day, 5, ct);
        var c = d.Currency;
        object Mover(CostMover m) => new { name = m.Name, cost = ToolJson.Money(m.Cost, c), usual = ToolJson.Money(m.Usual, c), change = ToolJson.Money(m.Change, c) };
        return ToolJson.Serialize(new
        {
            date = day.ToString("yyyy-MM-dd"), weekday = day.DayOfWeek.ToString(),
            cost = ToolJson.Money(d.Cost, c), usual = ToolJson.Money(d.Usual, c),
            change = ToolJson.Money(d.Change, c), changePercent = ToolJson.Percent(d.ChangePercent),
            servicesThatMoved = d.ByService.Select(Mover),
            resourceGroupsThatMoved = d.ByResourceGroup.Select(Mover),
        });
    }

    [KernelFunction("get_anomalies"), Description("Cost anomalies, as the Anomalies page lists them: spikes and new levels (up or down) at every scope (the tenant, subscriptions, resource groups, services, tag values), each incident once at its narrowest scope with the resources that drove it, largest excess first.")]
    public async Task<string> GetAnomaliesAsync(
        [Description("First day, YYYY-MM-DD (default: 90 days ago)")] string? from = null,
        [Description("Last day, YYYY-MM-DD (default: latest day with data)")] string? to = null,
        CancellationToken ct = default)
    {
        var asOf = await dashboard.AsOfAsync(time, ct);
        var end = ToolArguments.Date(to, "to") ?? asOf;
        var start = ToolArguments.Date(from, "from") ?? end.AddDays(-90);
        if (end < start) throw new ToolArgumentException($"to ({end:yyyy-MM-dd}) is before from ({start:yyyy-MM-dd}).");
        var listed = await anomalies.ListAsync(new AnomalyQuery(Since: start, Take: 1_000), ct);
        var incidents = AnomalyIncident.Group(listed.Where(a => a.From <= end));
        return ToolJson.Serialize(new
        {
            from = start.ToString("yyyy-MM-dd"), to = end.ToString("yyyy-MM-dd"),
            count = incidents.Count,
            anomalies = incidents.Take(8).Select(i => i.Main).Select(a => new
            {
                kind = a.Kind == CostSense.Core.Data.Entities.AnomalyKind.LevelShift ? "new level" : "spike",
                scope = a.Scope.Describe(),
                from = a.From.ToString("yyyy-MM-dd"), to = a.To.ToString("yyyy-MM-dd"), days = a.Days,
                expected = ToolJson.Money(a.Expected, a.Currency), actual = ToolJson.Money(a.Actual, a.Currency), excess = ToolJson.Money(a.Excess, a.Currency),
                summary = a.Summary,
                drivers = a.Drivers.Select(d => new
                {
                    resource = d.ResourceName, meter = d.Meter, service = d.ServiceName, share = $"{d.SharePercent:0.#}%",
                    excess = ToolJson.Money(d.Excess, a.Currency), detail = d.Detail,
                }),
                status = a.Status.ToString().ToLowerInvariant(),
            }),
        });
    }
}
