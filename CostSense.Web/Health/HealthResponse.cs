using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CostSense.Web.Health;

/// <summary>
/// The health report as JSON: each check's status, duration and description. Descriptions are the checks' own
/// sentences; exceptions and their data are left out, so no connection string or stack trace reaches the body.
/// </summary>
internal static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
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
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }
}
