using CostSense.Core.Assistant;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Health;

/// <summary>
/// The assistant's model server: GET /api/version. Degraded, not Unhealthy, when it does not answer: the assistant
/// is optional and the rest of the app works without it.
/// </summary>
internal sealed class OllamaHealthCheck(IHttpClientFactory clients, IOptions<OllamaOptions> options) : IHealthCheck
{
    /// <summary>The named client the check uses, with <see cref="Timeout"/> instead of the 100 s default.</summary>
    public const string ClientName = "ollama-health";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var baseUrl = options.Value.BaseUrl;
        // Scheme, host and port only: a user name or password in the URL stays out of the report.
        var where = $"Ollama at {baseUrl.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)} (Ollama:BaseUrl)";
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/api/version"), ct);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{where} answered.")
                : HealthCheckResult.Degraded($"{where} answered {(int)response.StatusCode}: is that an Ollama server? The assistant is unavailable; the rest of CostSense works.");
        }
        catch (HttpRequestException ex) when (AssistantErrors.IsConnectionFailure(ex))
        {
            return HealthCheckResult.Degraded($"{where} is not reachable. The assistant is unavailable; the rest of CostSense works. Start Ollama (docker compose -f docker-compose.azure.yml up -d ollama) or correct Ollama:BaseUrl.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{where} did not answer within {Timeout.TotalSeconds:0} s. The assistant is unavailable; the rest of CostSense works. Start Ollama or correct Ollama:BaseUrl.");
        }
    }
}
