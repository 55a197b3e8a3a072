using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Reports;
using CostSense.Core.Reports.Pdf;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Reports.Pdf;

/// <summary>
/// The layout holds whatever the data: names too long for their column are cut with an ellipsis, a table longer than
/// the page continues on the next with its heading, and no letter is drawn outside the margins or over the footer.
/// </summary>
public sealed class SummaryPdfLayoutTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongNamesAndALongTable_AreCutToTheirColumns_AndBreakOntoNewPages()
    {
        var asOf = await store.Host.Get<IDashboardService>().AsOfAsync(store.Host.Time, Ct);
        var report = await store.Host.Get<SummaryReportBuilder>().BuildAsync(new SummaryRequest(new DateOnly(asOf.Year, asOf.Month, 1), asOf), "Ann Analyst", Ct);
        Assert.NotEmpty(report.TopRecommendations);
        // Forty rows whose names alone are wider than the page: far more than one page of table holds.
        var longName = "vm-" + string.Concat(Enumerable.Repeat("very-long-resource-name-", 8)) + "end";
        var many = Enumerable.Range(0, 40).Select(i => Copy(report.TopRecommendations[i % report.TopRecommendations.Count], $"{i:00}-{longName}")).ToList();

        var pdf = PdfReadBack.Read(store.Host.Get<SummaryPdfWriter>().Write(report with { TopRecommendations = many }));

        Assert.True(pdf.PageTexts.Count >= 3, $"forty rows continue onto a third page ({pdf.PageTexts.Count} pages)");
        Assert.DoesNotContain(longName, pdf.Text);
        Assert.Contains($"00-{longName[..8]}", pdf.Text);
        Assert.Contains("…", pdf.PageTexts[1]);
        Assert.Contains("39-vm-very", pdf.PageTexts[2]);
        // The heading row is repeated where the table continues.
        Assert.Contains("SAVINGS / MONTH", pdf.PageTexts[2]);
        AssertInsideTheFrame(pdf);
    }

    [Fact]
    public async Task TwelveMonths_OneSubscription_StaysWithinItsPages()
    {
        var dashboard = store.Host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(store.Host.Time, Ct);
        var subscription = (await dashboard.GetAsync(new CostFilter(asOf, asOf), Ct)).Subscriptions[0];
        var request = new SummaryRequest(asOf.AddMonths(-12).AddDays(1), asOf, subscription.Id);

        var rendered = await store.Host.Get<SummaryDocuments>().CreateAsync(request, "Ann Analyst", Ct);
        var pdf = PdfReadBack.Read(rendered.Pdf);

        Assert.True(rendered.Report.HasData);
        Assert.InRange(pdf.PageTexts.Count, 2, 4);
        AssertInsideTheFrame(pdf);
    }

    /// <summary>
    /// Every letter lies between the side margins, none below the bottom margin, and the band kept for the footer holds
    /// only the footer's own words.
    /// </summary>
    internal static void AssertInsideTheFrame(PdfReadBack pdf)
    {
        for (var i = 0; i < pdf.PageLetters.Count; i++)
        {
            var (width, _) = pdf.PageSizes[i];
            var letters = pdf.PageLetters[i].Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            Assert.All(letters, l => Assert.InRange(l.BoundingBox.Left, PdfCanvas.Margin - 0.5, width - PdfCanvas.Margin + 0.5));
            Assert.All(letters, l => Assert.InRange(l.BoundingBox.Right, PdfCanvas.Margin - 0.5, width - PdfCanvas.Margin + 0.5));
            Assert.All(letters, l => Assert.True(l.BoundingBox.Bottom >= PdfCanvas.Margin - 3, $"'{l.Value}' is below the bottom margin on page {i + 1}"));
            // PdfPig measures from the page's foot: the footer band is the lowest Margin + FooterHeight points.
            var inFooter = string.Concat(letters.Where(l => l.BoundingBox.Bottom < PdfCanvas.Margin + PdfCanvas.FooterHeight).Select(l => l.Value));
            Assert.Matches(@"^Datathrough(\d{1,2}[A-Z][a-z]{2}\d{4}|:nodata)CostSensePage\d+of\d+$", inFooter);
        }
    }

    private static Recommendation Copy(Recommendation r, string name) => new()
    {
        Id = r.Id + name, ResourceId = r.ResourceId + name, ResourceName = name, SubscriptionId = r.SubscriptionId,
        ResourceGroup = r.ResourceGroup, Region = r.Region, Kind = r.Kind, Category = r.Category, Action = r.Action,
        Current = r.Current, Target = r.Target + " " + name, MonthlySavings = r.MonthlySavings, AnnualSavings = r.AnnualSavings,
        Confidence = r.Confidence, EffortHours = r.EffortHours, Rationale = r.Rationale, Command = r.Command,
    };
}
