using CostSense.Core.Access;
using CostSense.Core.Costs;
using CostSense.Core.Reports;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CostSense.Web.Reports;

/// <summary>
/// GET /reports/summary.pdf?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;subscription=&lt;id&gt;(&amp;provider=&lt;name&gt;): the executive summary for any
/// signed-in user, Viewers included. Without dates it is month to date at the latest day with data. A malformed or
/// reversed range or an unknown subscription is a 400 with a plain message, never a broken file.
/// </summary>
public static class SummaryPdfEndpoint
{
    public const string Path = "/reports/summary.pdf";

    /// <summary>The URL of the summary for exactly a dashboard filter.</summary>
    public static string Href(CostFilter filter) =>
        $"{Path}?from={filter.From:yyyy-MM-dd}&to={filter.To:yyyy-MM-dd}"
        + (filter.SubscriptionId is { } sub ? "&subscription=" + Uri.EscapeDataString(sub) : "")
        + (filter.ProviderName is { } provider ? "&provider=" + Uri.EscapeDataString(provider) : "");

    public static IEndpointRouteBuilder MapSummaryPdf(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, WriteAsync).RequireAuthorization(Policies.Read);
        return app;
    }

    // [FromServices]: resolved per request, as the CSV export does.
    private static async Task WriteAsync(HttpContext http, [FromServices] SummaryDocuments documents, [FromServices] IDashboardService dashboard,
        [FromServices] TimeProvider time, CancellationToken ct)
    {
        var q = http.Request.Query;
        var asOf = await dashboard.AsOfAsync(time, ct);
        var request = SummaryRequest.TryParse(q["from"], q["to"], q["subscription"], asOf, out var error, q["provider"]);
        if (request is null)
        {
            await BadRequestAsync(http, error!, ct);
            return;
        }
        RenderedSummary summary;
        try
        {
            summary = await documents.CreateAsync(request, Actor.From(http.User).Name, ct);
        }
        catch (SummaryRequestException e)
        {
            await BadRequestAsync(http, e.Message, ct);
            return;
        }
        http.Response.ContentType = "application/pdf";
        http.Response.ContentLength = summary.Pdf.Length;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = summary.FileName, FileName = summary.FileName,
        }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.Body.WriteAsync(summary.Pdf, ct);
    }

    private static async Task BadRequestAsync(HttpContext http, string message, CancellationToken ct)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, ct);
    }
}
