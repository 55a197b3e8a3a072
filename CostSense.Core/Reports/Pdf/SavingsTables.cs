using System.Globalization;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;

namespace CostSense.Core.Reports.Pdf;

/// <summary>
/// The savings page's lists for the scope: the top recommendations (resource, action, monthly savings, confidence) and
/// the first steps of the remediation plan, in the words and formats of the grids and the plan.
/// </summary>
internal static class SavingsTables
{
    /// <summary>How many steps of the plan the summary shows.</summary>
    public const int PlanSteps = 5;

    /// <summary>As the grid: confidence is a score from 0 to 5, printed "4.5/5".</summary>
    public static string Confidence(double score) => score.ToString("0.#", CultureInfo.InvariantCulture) + "/5";

    public static void Recommendations(PdfCanvas c, SummaryReport report)
    {
        var currency = report.Savings.Currency;
        var top = report.TopRecommendations;
        c.Ensure(SectionTitle.Height + 60);
        SectionTitle.Draw(c, top.Count == SummaryReportBuilder.TopRecommendations ? $"Top {top.Count} recommendations" : "Top recommendations",
            $"Open, by monthly savings · {MoneyFormat.Format(report.Savings.OpenMonthlySavings, currency)} a month open in all");
        if (top.Count == 0)
        {
            Nothing(c, "No open recommendations for this scope.");
            return;
        }
        PdfTable.Draw(c,
        [
            new("#", 0.45), new("Resource", 2.7), new("Action", 4.3), new("Savings / month", 1.75, AlignRight: true),
            new("Confidence", 1.4, AlignRight: true),
        ],
        top.Select((r, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), r.ResourceName, RecommendationWords.ActionAndTarget(r),
            MoneyFormat.Format(r.MonthlySavings, currency), Confidence(r.Confidence),
        }).ToList());
    }

    public static void Plan(PdfCanvas c, SummaryReport report)
    {
        var currency = report.Savings.Currency;
        var steps = report.Savings.Plan.OrderBy(s => s.Order).Take(PlanSteps).ToList();
        c.Ensure(SectionTitle.Height + 60);
        SectionTitle.Draw(c, "Remediation plan: first steps",
            $"Ordered by savings per hour of effort · {report.Savings.Plan.Count.ToString("N0", CultureInfo.InvariantCulture)} steps in all");
        if (steps.Count == 0)
        {
            Nothing(c, "No open recommendations to plan.");
            return;
        }
        PdfTable.Draw(c,
        [
            new("#", 0.45), new("Resource", 2.7), new("Action", 3.4), new("Savings / month", 1.75, AlignRight: true),
            new("Effort", 1.0, AlignRight: true), new("Per hour", 1.3, AlignRight: true),
        ],
        steps.Select(s => new[]
        {
            s.Order.ToString(CultureInfo.InvariantCulture), s.Recommendation.ResourceName, RecommendationWords.ActionAndTarget(s.Recommendation),
            MoneyFormat.Format(s.Recommendation.MonthlySavings, currency),
            s.Recommendation.EffortHours.ToString("0.#", CultureInfo.InvariantCulture) + " h",
            MoneyFormat.Format(s.SavingsPerEffortHour, currency),
        }).ToList());
    }

    /// <summary>Open potential by category, as the savings page's card: Performance is a cost, not a saving, and is left out.</summary>
    public static void Categories(PdfCanvas c, SummaryReport report)
    {
        var currency = report.Savings.Currency;
        var rows = report.Savings.ByCategory.Where(x => x.Category != RecommendationCategory.Performance).OrderByDescending(x => x.MonthlySavings).ToList();
        c.Ensure(SectionTitle.Height + 60);
        SectionTitle.Draw(c, "Open potential by category", $"{MoneyFormat.Format(report.Savings.OpenAnnualSavings, currency)} a year if every open recommendation is carried out");
        if (rows.Count == 0)
        {
            Nothing(c, "No open savings.");
            return;
        }
        PdfTable.Draw(c,
        [
            new("Category", 3.15), new("Open", 1.2, AlignRight: true), new("Effort", 1.3, AlignRight: true),
            new("Savings / month", 2.0, AlignRight: true), new("Savings / year", 2.0, AlignRight: true),
        ],
        rows.Select(x => new[]
        {
            RecommendationWords.Category(x.Category), x.Count.ToString("N0", CultureInfo.InvariantCulture),
            x.EffortHours.ToString("0.#", CultureInfo.InvariantCulture) + " h",
            MoneyFormat.Format(x.MonthlySavings, currency), MoneyFormat.Format(x.AnnualSavings, currency),
        }).ToList(), firstColumnMuted: false);
        // The categories add up every alternative (a VM can be reserved or shut down); the open potential above counts
        // only the best one per resource, as the savings page does. Said here so the two totals do not look like an error.
        c.Text("A resource with several alternatives counts in each of their categories; the open potential counts its best one only.",
            c.Theme.Small, c.Theme.MutedBrush, c.Left, c.Y - 6);
        c.Y += 10;
    }

    private static void Nothing(PdfCanvas c, string text)
    {
        c.Text(text, c.Theme.Body, c.Theme.MutedBrush, c.Left, c.Y);
        c.Y += 24;
    }
}
