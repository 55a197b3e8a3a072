using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations;

namespace CostSense.Core.Reports;

/// <summary>
/// Everything an executive summary shows, read from the services the screen uses for the same scope: the dashboard's
/// snapshot (KPIs, comparison, trend, breakdowns) and the savings page's summary and top list. The document only lays
/// these out and formats them with <see cref="Money.MoneyFormat"/>; it computes no figure of its own.
/// </summary>
public sealed record SummaryReport(
    SummaryRequest Request,
    SummaryScope Scope,
    DashboardSnapshot Costs,
    SavingsSummary Savings,
    /// <summary>The open recommendations that save most, at most <see cref="SummaryReportBuilder.TopRecommendations"/>.</summary>
    IReadOnlyList<Recommendation> TopRecommendations,
    DateTimeOffset GeneratedAt,
    string GeneratedBy)
{
    /// <summary>False when the range has no cost for the scope: the document then says so on one page.</summary>
    public bool HasData => Costs.HasData;
}

/// <summary>What the header says the summary covers.</summary>
/// <param name="Subscriptions">"All subscriptions (12)" or the one subscription's name.</param>
/// <param name="SubscriptionId">The one subscription's id, or null for all.</param>
/// <param name="DataSource">Where the costs came from: "Demo tenant", "Imported cost exports", "Azure" (joined when mixed).</param>
/// <param name="DataThrough">The latest day with cost data in the store, or null when it is empty.</param>
/// <param name="Currency">The billing currency of the cost figures (the dashboard's).</param>
/// <param name="SavingsCurrency">The currency of the savings figures (the catalogue's prices).</param>
public sealed record SummaryScope(string Subscriptions, string? SubscriptionId, string DataSource, DateOnly? DataThrough, string Currency, string SavingsCurrency);
