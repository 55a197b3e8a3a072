using System.Globalization;
using System.Text;
using CostSense.Core.Showback;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CostSense.Web.Showback;

/// <summary>GET /showback/export.csv?key=cost-center&amp;month=2026-11[&amp;subscription=…]: a month's chargeback table as a CSV download.</summary>
public static class ShowbackExport
{
    public const string Path = "/showback/export.csv";

    public static string Href(string tagKey, DateOnly month, string? subscriptionId) =>
        $"{Path}?key={Uri.EscapeDataString(tagKey)}&month={month:yyyy-MM}" + (subscriptionId is null ? "" : $"&subscription={Uri.EscapeDataString(subscriptionId)}");

    public static IEndpointRouteBuilder MapShowbackExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Read);
        return app;
    }

    // [FromServices]: the service is resolved per request, so the app maps this endpoint even before it is registered.
    private static async Task ExportAsync(HttpContext http, [FromServices] ShowbackService showback, CancellationToken ct)
    {
        var q = http.Request.Query;
        var key = q["key"].ToString().Trim();
        if (key.Length == 0 || key.Length > 512)
        {
            await BadRequestAsync(http, "key: give the tag key, for example key=cost-center.", ct);
            return;
        }
        if (!DateOnly.TryParseExact(q["month"].ToString(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            await BadRequestAsync(http, "month: give the month as yyyy-MM, for example month=2026-11.", ct);
            return;
        }
        var subscription = q["subscription"].ToString();
        var view = await showback.GetAsync(ShowbackQuery.Month(key, month, subscription.Length == 0 ? null : subscription), ct);
        var name = ShowbackCsv.FileName(view.Query);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name, FileName = name }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await ShowbackCsv.WriteAsync(view, writer, ct);
        await writer.FlushAsync(ct);
    }

    private static async Task BadRequestAsync(HttpContext http, string message, CancellationToken ct)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, ct);
    }
}
