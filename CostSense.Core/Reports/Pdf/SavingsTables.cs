using System.Globalization;
using CostSense.Core.Money;

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
        SectionTitle.Draw(c, $"Top {SummaryReportBuilder.TopRecommendations} recommendations",
            $"Open, by monthly savings · {MoneyFormat.Format(report.Savings.OpenMonthlySavings, currency)} a month open in all");
        if (top.Count == 0)
        {
            Nothing(c, "No open recommendations for this scope.");
            return;
        }
        PdfTable.Draw(c,
        [
            new("#", 0.35), new("Resource", 2.9), new("Action", 3.4), new("Savings / month", 1.55, AlignRight: true),
            new("Annual", 1.5, AlignRight: true), new("Confidence", 1.15, AlignRight: true),
        ],
        top.Select((r, i) => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), r.ResourceName, RecommendationWords.ActionAndTarget(r),
            MoneyFormat.Format(r.MonthlySavings, currency), MoneyFormat.Format(r.AnnualSavings, currency), Confidence(r.Confidence),
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
            new("#", 0.35), new("Resource", 2.9), new("Action", 3.4), new("Savings / month", 1.55, AlignRight: true),
            new("Effort", 0.95, AlignRight: true), new("Per hour", 1.7, AlignRight: true),
        ],
        steps.Select(s => new[]
        {
            s.Order.ToString(CultureInfo.InvariantCulture), s.Recommendation.ResourceName, RecommendationWords.ActionAndTarget(s.Recommendation),
            MoneyFormat.Format(s.Recommendation.MonthlySavings, currency),
            s.Recommendation.EffortHours.ToString("0.#", CultureInfo.InvariantCulture) + " h",
            MoneyFormat.Format(s.SavingsPerEffortHour, currency),
        }).ToList());
    }

    private static void Nothing(PdfCanvas c, string text)
    {
        c.Text(text, c.Theme.Body, c.Theme.MutedBrush, c.Left, c.Y);
        c.Y += 24;
    }
}
