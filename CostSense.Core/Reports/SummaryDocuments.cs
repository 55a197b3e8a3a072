using System.Text;
using CostSense.Core.Reports.Pdf;

namespace CostSense.Core.Reports;

/// <summary>Executive summaries as PDF files: the report from the screen's services, laid out by <see cref="SummaryPdfWriter"/>.</summary>
public sealed class SummaryDocuments(SummaryReportBuilder builder, SummaryPdfWriter writer)
{
    /// <exception cref="SummaryRequestException">The subscription is not one the store has cost for.</exception>
    public async Task<RenderedSummary> CreateAsync(SummaryRequest request, string generatedBy, CancellationToken ct)
    {
        var report = await builder.BuildAsync(request, generatedBy, ct);
        return new RenderedSummary(writer.Write(report), FileName(report), report);
    }

    /// <summary>"costsense-summary-2026-11-01-to-2026-11-28.pdf", with the subscription's name when there is one.</summary>
    public static string FileName(SummaryReport report)
    {
        var name = new StringBuilder($"costsense-summary-{report.Request.From:yyyy-MM-dd}-to-{report.Request.To:yyyy-MM-dd}");
        if (report.Scope.SubscriptionId is not null)
        {
            name.Append('-');
            foreach (var c in report.Scope.Subscriptions.ToLowerInvariant())
                name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return System.Text.RegularExpressions.Regex.Replace(name.ToString(), "-{2,}", "-").TrimEnd('-') + ".pdf";
    }
}
