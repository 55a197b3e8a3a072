using System.Text.Json;
using Azure;
using Azure.Core;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// One cost details report (EA and MCA scopes): <c>POST {scope}/providers/Microsoft.CostManagement/generateCostDetailsReport</c>
/// with <c>{metric, timePeriod {start, end}}</c> answers 202 with <c>Location</c> and <c>Retry-After</c>; the Location is polled
/// (waiting what Retry-After says, on the injected clock) until 200, whose body (CostDetailsOperationResults) has
/// <c>status</c> and <c>manifest.blobs[].blobLink</c>: SAS URLs of the CSV files. 429s are waited out as for queries.
/// </summary>
public sealed class CostDetailsReport(CostManagementClient client, TimeProvider time)
{
    /// <summary>How long a report may take to generate before the step gives up.</summary>
    public static readonly TimeSpan MaxGeneration = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(10);

    /// <summary>The blob links of the report of <paramref name="metric"/> cost on <paramref name="scope"/> for the days [from, to]; empty when Azure has no data.</summary>
    /// <exception cref="InvalidOperationException">The report failed, or did not finish within <see cref="MaxGeneration"/>.</exception>
    public async Task<IReadOnlyList<Uri>> GenerateAsync(string scope, string metric, DateOnly from, DateOnly to, IProgress<string>? progress, CancellationToken ct)
    {
        var what = $"cost details of {scope}";
        var uri = client.Connection.ResourceManagerUri($"{scope.TrimEnd('/')}/providers/Microsoft.CostManagement/generateCostDetailsReport?api-version={CostQueryReader.ApiVersion}");
        var body = new { metric, timePeriod = new { start = from.ToString("yyyy-MM-dd"), end = to.ToString("yyyy-MM-dd") } };
        var started = time.GetUtcNow();
        var response = await client.SendAsync(RequestMethod.Post, uri, body, costsQpu: false, what, progress, ct);
        while (response.Status == 202)
        {
            if (!response.Headers.TryGetValue("Location", out var location))
                throw new InvalidOperationException($"Cost Management accepted the cost details report of {scope} but gave no Location to poll.");
            var wait = response.Headers.TryGetValue("Retry-After", out var after) && int.TryParse(after, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds) : DefaultPoll;
            if (time.GetUtcNow() + wait - started > MaxGeneration)
                throw new InvalidOperationException($"Cost Management did not finish the cost details report of {scope} {from:yyyy-MM-dd}..{to:yyyy-MM-dd} within {MaxGeneration.TotalMinutes:0} minutes; the next sync asks again.");
            progress?.Report($"Costs: the cost details report of {from:yyyy-MM} is being generated");
            await Task.Delay(wait, time, ct);
            response.Dispose();
            response = await client.SendAsync(RequestMethod.Get, new Uri(uri, location), null, costsQpu: false, what, progress, ct);
        }
        using (response)
        {
            if (response.Json is not { } json)
                throw new InvalidOperationException($"Cost Management's cost details report of {scope} came back without a body.");
            var root = json.RootElement;
            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (string.Equals(status, "NoDataFound", StringComparison.OrdinalIgnoreCase)) return [];
            if (!string.Equals(status, "Completed", StringComparison.OrdinalIgnoreCase))
            {
                var message = root.TryGetProperty("error", out var e) && e.TryGetProperty("message", out var m) ? m.GetString() : null;
                throw new InvalidOperationException($"Cost Management's cost details report of {scope} {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ended {status ?? "without a status"}{(message is null ? "" : $": {message}")}.");
            }
            if (!root.TryGetProperty("manifest", out var manifest) || !manifest.TryGetProperty("blobs", out var blobs) || blobs.ValueKind != JsonValueKind.Array)
                return [];
            return blobs.EnumerateArray()
                .Select(b => b.TryGetProperty("blobLink", out var link) ? link.GetString() : null)
                .Where(l => !string.IsNullOrEmpty(l)).Select(l => new Uri(l!)).ToList();
        }
    }

    /// <summary>Downloads a blob (a SAS URL: no credential) to <paramref name="path"/>.</summary>
    public async Task DownloadAsync(Uri blob, string path, CancellationToken ct)
    {
        var pipeline = client.Connection.Anonymous;
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(blob);
        message.BufferResponse = false;
        await pipeline.SendAsync(message, ct);
        if (message.Response.Status is < 200 or > 299) throw new RequestFailedException(message.Response);
        await using var file = File.Create(path);
        if (message.Response.ContentStream is { } stream) await stream.CopyToAsync(file, ct);
    }
}
