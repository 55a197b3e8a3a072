using System.Globalization;
using CostSense.Core.Csv;
using CostSense.Core.Data.Entities;
using CostSense.Core.Recommendations.Advisor;

namespace CostSense.Core.Recommendations;

/// <summary>RFC 4180 CSV of recommendations, streamed row by row; text cells cannot start a spreadsheet formula.</summary>
public static class RecommendationCsv
{
    private static readonly string[] Header =
    [
        "Id", "Resource", "ResourceGroup", "SubscriptionId", "Region", "Category", "Action", "Current", "Recommended",
        "CurrentMonthlyCost", "ProjectedMonthlyCost", "MonthlySavings", "AnnualSavings", "Currency", "Confidence", "EffortHours",
        "Risk", "Status", "CpuP95", "MemoryP95", "Rationale", "Command",
    ];

    /// <param name="advisor">Advisor's opinion of a row; when given (the store has Advisor data), two columns more say it.</param>
    public static async Task<int> WriteAsync(IAsyncEnumerable<Recommendation> rows, TextWriter writer, CancellationToken ct,
        Func<Recommendation, AdvisorOpinion?>? advisor = null)
    {
        await writer.WriteLineAsync(string.Join(',', advisor is null ? Header : [.. Header, "Advisor", "AdvisorTarget"]));
        var count = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            string[] cells =
            [
                Text(r.Id), Text(r.ResourceName), Text(r.ResourceGroup), Text(r.SubscriptionId), Text(r.Region), r.Category.ToString(), r.Action.ToString(),
                Text(r.Current), Text(r.Target), Money(r.CurrentMonthlyCost), Money(r.ProjectedMonthlyCost), Money(r.MonthlySavings), Money(r.AnnualSavings),
                RecommendationService.Currency, r.Confidence.ToString("0.#", CultureInfo.InvariantCulture), r.EffortHours.ToString("0.##", CultureInfo.InvariantCulture),
                r.Risk.ToString(), r.Status.ToString(), Percent(r.CpuP95), Percent(r.MemoryP95), Text(r.Rationale), Text(r.Command),
            ];
            if (advisor is not null)
            {
                var opinion = advisor(r);
                cells = [.. cells, opinion?.Verdict.ToString() ?? "", Text(opinion?.AdvisorTarget)];
            }
            await writer.WriteLineAsync(string.Join(',', cells));
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    // Text cells go through the one shared helper: imported names and tags must not start a spreadsheet formula.
    private static string Text(string? value) => CsvCell.Text(value);
}
