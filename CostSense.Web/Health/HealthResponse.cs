using System.Text.Json;
using CostSense.Core.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CostSense.Web.Health;

/// <summary>
/// The health report as JSON. The endpoints answer anyone (probes do not sign in), so anyone gets status words only:
/// the descriptions name the Ollama URL and say where the store and Redis are, which is for whoever manages the
/// settings. Descriptions are the checks' own sentences; exceptions and their data are never written, so no
/// connection string or stack trace reaches the body even for an Admin.
/// </summary>
internal static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        // Authentication runs before the endpoints, so a signed-in Admin's cookie is already on the request.
        object body = Actor.From(context.User).Can(Permission.ManageSettings) ? Details(report) : StatusWords(report);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }

    private static object StatusWords(HealthReport report) => new
    {
        Status = report.Status.ToString(),
        Checks = report.Entries.Select(e => new { Name = e.Key, Status = e.Value.Status.ToString() }),
    };

    private static object Details(HealthReport report) => new
    {
        Status = report.Status.ToString(),
        DurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
        Checks = report.Entries.Select(e => new
        {
            Name = e.Key,
            Status = e.Value.Status.ToString(),
            DurationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            e.Value.Description,
        }),
    };
}
