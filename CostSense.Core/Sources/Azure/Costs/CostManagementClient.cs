using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CostSense.Core.Sources.Azure.Costs;

/// <summary>
/// Sends Cost Management requests on a Resource Manager pipeline without Azure.Core's retries, so every 429 comes back
/// here: Cost Management names its waits in several headers (<c>x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after</c>,
/// <c>-entity-retry-after</c>, <c>-tenant-retry-after</c>, <c>-client-retry-after</c> …) besides <c>Retry-After</c>, and only the
/// largest is safe. Queries draw on <see cref="CostQueryBudget"/> first. A wait longer than <see cref="MaxWait"/>, or more
/// than <see cref="MaxThrottledAttempts"/> 429s in a row, stops the step with <see cref="AzureThrottledException"/>.
/// </summary>
public sealed class CostManagementClient
{
    /// <summary>The longest a sync waits out one 429 before it gives up and says when to try again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);

    /// <summary>How many 429s in a row one request may meet.</summary>
    public const int MaxThrottledAttempts = 5;

    /// <summary>The wait when a 429 names none (it should not happen; Cost Management always sends its headers).</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private const string ThrottleHeaderPrefix = "x-ms-ratelimit-microsoft.costmanagement-";
    private const string ThrottleHeaderSuffix = "-retry-after";

    private readonly AzureConnection _connection;
    private readonly CostQueryBudget _budget;
    private readonly TimeProvider _time;
    private readonly Lazy<HttpPipeline> _pipeline;

    public CostManagementClient(AzureConnection connection, CostQueryBudget budget, TimeProvider time)
    {
        (_connection, _budget, _time) = (connection, budget, time);
        _pipeline = new(() => connection.CreatePipeline(connection.Options.ResourceManagerAudience, retries: false));
    }

    public AzureConnection Connection => _connection;

    /// <summary>
    /// Sends one request, waiting out 429s (and, when <paramref name="costsQpu"/>, the client-side budget first).
    /// Returns the 2xx response's status, headers and JSON body (null when it has none, e.g. 204 or a 202 without body).
    /// </summary>
    /// <param name="what">What is read, for <see cref="AzureThrottledException"/> ("cost data of subscription …").</param>
    /// <param name="progress">Told of each wait, so the Data page shows why the step pauses.</param>
    /// <exception cref="RequestFailedException">A status other than 2xx or 429.</exception>
    /// <exception cref="AzureThrottledException">Azure asked for a wait beyond <see cref="MaxWait"/>, or kept throttling.</exception>
    public async Task<CostManagementResponse> SendAsync(RequestMethod method, Uri uri, object? body, bool costsQpu, string what,
        IProgress<string>? progress, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (costsQpu) await _budget.SpendAsync(ct);
            using var message = AzureConnection.CreateJsonMessage(_pipeline.Value, method, uri, body);
            await _pipeline.Value.SendAsync(message, ct);
            var response = message.Response;
            if (response.Status == 429)
            {
                var wait = ThrottleWait(response, _time.GetUtcNow());
                var retryAt = _time.GetUtcNow() + wait;
                _budget.HoldUntil(retryAt);
                if (wait > MaxWait || attempt >= MaxThrottledAttempts)
                    throw new AzureThrottledException(what, retryAt, new RequestFailedException(response));
                progress?.Report($"Cost Management is throttling (429); waiting {wait.TotalSeconds:0} s as it asks");
                await Task.Delay(wait, _time, ct);
                continue;
            }
            if (response.Status is < 200 or > 299) throw new RequestFailedException(response);
            JsonDocument? json = null;
            if (response.Status != 204 && response.ContentStream is { } stream)
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                if (buffer.Length > 0)
                {
                    buffer.Position = 0;
                    json = await JsonDocument.ParseAsync(buffer, default, ct);
                }
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in response.Headers) headers[h.Name] = h.Value;
            return new CostManagementResponse(response.Status, headers, json);
        }
    }

    /// <summary>
    /// The largest wait any of the 429's headers asks for: every <c>x-ms-ratelimit-microsoft.costmanagement-*-retry-after</c>
    /// (seconds) and <c>Retry-After</c> (seconds or an HTTP date); <see cref="DefaultWait"/> when none is readable.
    /// </summary>
    public static TimeSpan ThrottleWait(Response response, DateTimeOffset now)
    {
        TimeSpan? largest = null;
        foreach (var header in response.Headers)
        {
            var name = header.Name;
            var isThrottle = name.StartsWith(ThrottleHeaderPrefix, StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(ThrottleHeaderSuffix, StringComparison.OrdinalIgnoreCase);
            if (!isThrottle && !name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in header.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (Parse(value, now, httpDateAllowed: !isThrottle) is { } wait && (largest is null || wait > largest))
                    largest = wait;
        }
        return largest ?? DefaultWait;
    }

    private static TimeSpan? Parse(string value, DateTimeOffset now, bool httpDateAllowed)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(Math.Ceiling(seconds));
        if (httpDateAllowed && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}

/// <summary>A successful Cost Management response: its status (200, 202, 204), headers and JSON body if any.</summary>
public sealed record CostManagementResponse(int Status, IReadOnlyDictionary<string, string> Headers, JsonDocument? Json) : IDisposable
{
    public void Dispose() => Json?.Dispose();
}
