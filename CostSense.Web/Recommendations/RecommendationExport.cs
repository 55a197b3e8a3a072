using System.Text;
using CostSense.Core.Recommendations;
using CostSense.Web.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CostSense.Web.Recommendations;

/// <summary>GET /recommendations/export.csv?kind=Compute&amp;…: the grid's filtered rows as a CSV download.</summary>
public static class RecommendationExport
{
    public const string Path = "/recommendations/export.csv";

    public static string Href(RecommendationQuery query) => Path + RecommendationQueryString.Build(query);

    public static IEndpointRouteBuilder MapRecommendationExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(Policies.Read);
        return app;
    }

    // [FromServices]: the service is resolved per request, so the app maps this endpoint even before it is registered.
    private static async Task ExportAsync(HttpContext http, [FromServices] IRecommendationService recommendations,
        [FromServices] TimeProvider time, CancellationToken ct)
    {
        var query = RecommendationQueryString.TryParse(http.Request.Query.ToDictionary(), out var error);
        if (query is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(error ?? "Bad query.", ct);
            return;
        }
        var name = $"costsense-{query.Kind.ToString().ToLowerInvariant()}-recommendations-{time.GetUtcNow():yyyyMMdd}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name, FileName = name }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        // Streams: the writer flushes to the response as the service writes, so a large export is never held in memory.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await recommendations.WriteCsvAsync(query, writer, ct);
        await writer.FlushAsync(ct);
    }
}
