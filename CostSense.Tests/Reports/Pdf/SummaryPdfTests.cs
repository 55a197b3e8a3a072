using System.Globalization;
using System.Text.RegularExpressions;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using CostSense.Core.Reports;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Reports.Pdf;

/// <summary>
/// The summary PDF read back by PdfPig: its figures are the ones the dashboard's and the savings page's services return
/// for the same filter, formatted as the screen formats them, for two different filters; its type is only the embedded
/// DejaVu Sans subset; every page carries its footer; a period without cost gets one page that says so.
/// </summary>
public sealed partial class SummaryPdfTests(DemoTenantStore store) : IClassFixture<DemoTenantStore>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AllSubscriptions_MonthToDate_PrintsTheScreensFigures()
    {
        var asOf = await store.Host.Get<IDashboardService>().AsOfAsync(store.Host.Time, Ct);
        await AssertPrintsTheScreensFiguresAsync(new SummaryRequest(new DateOnly(asOf.Year, asOf.Month, 1), asOf));
    }

    [Fact]
    public async Task OneSubscription_LastMonth_PrintsTheScreensFigures()
    {
        var dashboard = store.Host.Get<IDashboardService>();
        var asOf = await dashboard.AsOfAsync(store.Host.Time, Ct);
        var all = await dashboard.GetAsync(new CostFilter(asOf, asOf), Ct);
        var everyRecommendation = await store.Host.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute, Take: 10_000), Ct);
        // The subscription with the most open savings, so its tables are not empty.
        var subscription = all.Subscriptions.OrderByDescending(s => everyRecommendation.Items.Where(r => r.SubscriptionId == s.Id).Sum(r => r.MonthlySavings)).First();
        var lastMonth = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);

        await AssertPrintsTheScreensFiguresAsync(new SummaryRequest(lastMonth, lastMonth.AddMonths(1).AddDays(-1), subscription.Id));
    }

    [Fact]
    public async Task RangeWithoutCost_IsOnePage_ThatNamesTheScopeAndPeriod()
    {
        var request = new SummaryRequest(new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 31));

        var rendered = await store.Host.Get<SummaryDocuments>().CreateAsync(request, "Ann Analyst", Ct);
        var pdf = PdfReadBack.Read(rendered.Pdf);

        var screen = await store.Host.Get<IDashboardService>().GetAsync(request.Filter, Ct);
        Assert.False(screen.HasData);
        Assert.Single(pdf.PageTexts);
        Assert.Contains($"There is no cost for All subscriptions ({screen.Subscriptions.Count}) in 1–31 Jan 2019.", pdf.Text);
        Assert.Contains("Executive cost summary", pdf.Text);
        Assert.Contains("Page 1 of 1", pdf.Text);
        var through = await store.Host.Get<IDashboardService>().LatestDataDateAsync(Ct);
        Assert.Contains($"Data through {SummaryFigures.Day(through!.Value)}", pdf.Text);
        AssertOnlyTheEmbeddedFont(pdf);
        SummaryPdfLayoutTests.AssertInsideTheFrame(pdf);
    }

    private async Task AssertPrintsTheScreensFiguresAsync(SummaryRequest request)
    {
        var rendered = await store.Host.Get<SummaryDocuments>().CreateAsync(request, "Ann Analyst", Ct);
        var pdf = PdfReadBack.Read(rendered.Pdf);

        // What the screen shows for the same filter, asked of the services directly.
        var dashboard = store.Host.Get<IDashboardService>();
        var recommendations = store.Host.Get<IRecommendationService>();
        var screen = await dashboard.GetAsync(request.Filter, Ct);
        var savings = await recommendations.SummaryAsync(request.SubscriptionId, Ct);
        var top = await recommendations.TopAsync(SummaryReportBuilder.TopRecommendations, request.SubscriptionId, Ct);
        var through = await dashboard.LatestDataDateAsync(Ct);
        string Cost(decimal v) => MoneyFormat.Format(v, screen.Currency);
        string Saving(decimal v) => MoneyFormat.Format(v, savings.Currency);

        Assert.InRange(pdf.PageTexts.Count, 2, 4);
        AssertOnlyTheEmbeddedFont(pdf);
        SummaryPdfLayoutTests.AssertInsideTheFrame(pdf);
        Assert.Equal("CostSense", pdf.Author);
        Assert.Contains(rendered.Report.Scope.Subscriptions, pdf.Subject);

        // The headline figures: the summary's wording of them is the services' figures through the money formatter…
        string[] screenKpis =
        [
            Cost(screen.RangeTotal), MoneyFormat.Percent(screen.Previous.ChangePercent), Cost(screen.Kpis.ForecastMonthEnd),
            Saving(savings.OpenMonthlySavings) + " / month", Saving(savings.RealizedMonthlySavings) + " / month",
        ];
        Assert.Equal(screenKpis, SummaryFigures.Kpis(rendered.Report).Select(k => k.Value));
        // …and each is printed, with the savings page's implementation cost, ROI and payback.
        string[] savingsKpis =
        [
            Saving(savings.ImplementationCost),
            savings.RoiPercent is { } roi ? roi.ToString("N0", CultureInfo.InvariantCulture) + "%" : "n/a",
            savings.PaybackMonths is { } months ? months.ToString("N1", CultureInfo.InvariantCulture) + " months" : "n/a",
        ];
        foreach (var value in screenKpis.Concat(savingsKpis))
            Assert.Contains(value, pdf.PageTexts[0]);

        // The top recommendations, in the savings page's order, with their monthly savings and the grid's confidence.
        Assert.NotEmpty(top);
        Assert.Equal(top.Select(r => r.Id), rendered.Report.TopRecommendations.Select(r => r.Id));
        var savingsPage = string.Concat(pdf.PageTexts.Skip(1));
        var at = -1;
        foreach (var r in top)
        {
            var row = savingsPage.IndexOf(Prefix(r.ResourceName), at + 1, StringComparison.Ordinal);
            Assert.True(row > at, $"'{r.ResourceName}' is listed after the recommendation before it");
            var saving = Saving(r.MonthlySavings);
            Assert.Contains(saving + r.Confidence.ToString("0.#", CultureInfo.InvariantCulture) + "/5", savingsPage[row..]);
            at = row;
        }
        foreach (var step in savings.Plan.OrderBy(s => s.Order).Take(5))
            Assert.Contains(Saving(step.SavingsPerEffortHour), savingsPage);

        // The top five services and resource groups with their cost and share.
        static IEnumerable<CostShare> FirstFive(IReadOnlyList<CostShare> shares) => shares.Where(s => s.Key != CostAnalytics.OtherKey).Take(5);
        foreach (var share in FirstFive(screen.TopServices).Concat(FirstFive(screen.ByResourceGroup)))
        {
            Assert.Contains(Prefix(share.Name), pdf.PageTexts[0]);
            Assert.Contains(Cost(share.Cost) + share.SharePercent.ToString("N1", CultureInfo.InvariantCulture) + "%", pdf.PageTexts[0]);
        }

        // The footer on every page.
        for (var i = 0; i < pdf.PageTexts.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pdf.PageTexts.Count}", pdf.PageTexts[i]);
            Assert.Contains($"Data through {SummaryFigures.Day(through!.Value)}", pdf.PageTexts[i]);
        }
        Assert.Contains($"Generated {rendered.Report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC by Ann Analyst", pdf.PageTexts[0]);
        Assert.Contains(SummaryFigures.Period(request.From, request.To), pdf.PageTexts[0]);
        Assert.Contains(rendered.Report.Scope.DataSource, pdf.PageTexts[0]);
    }

    /// <summary>A long name is cut with an ellipsis to fit its column: the start of it is what must be there.</summary>
    private static string Prefix(string name) => name.Length <= 14 ? name : name[..14];

    internal static void AssertOnlyTheEmbeddedFont(PdfReadBack pdf)
    {
        var fonts = pdf.PageLetters.SelectMany(p => p).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(SubsetOfDejaVu(), f));
        // Each font the text uses is in the file: one TrueType program per subset, none the reader must find elsewhere.
        Assert.Equal(fonts.Count, pdf.EmbeddedFontPrograms);
    }

    // A subset's name is six capital letters and a plus before the font's own ("ABCDEF+DejaVu Sans,Bold").
    [GeneratedRegex(@"^[A-Z]{6}\+DejaVu Sans(,Bold)?$")]
    private static partial Regex SubsetOfDejaVu();
}
