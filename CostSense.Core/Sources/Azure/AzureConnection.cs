using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.ResourceManager;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// One credential and the clients built on it: <see cref="Arm"/> for the inventory (Azure.ResourceManager), and Azure.Core
/// pipelines for the REST APIs whose SDK packages are not served (Cost Management, Monitor's batch metrics, Advisor, Retail
/// Prices). Built on first use, so an app with Azure off never creates a credential.
/// </summary>
public sealed class AzureConnection
{
    private readonly Lazy<TokenCredential> _credential;
    private readonly Lazy<ArmClient> _arm;
    private readonly Lazy<HttpPipeline> _resourceManager;
    private readonly Lazy<HttpPipeline> _metrics;
    private readonly Lazy<HttpPipeline> _anonymous;
    private readonly HttpPipelineTransport? _transport;

    public AzureConnection(IOptions<AzureOptions> options, AzureClientSetup? setup = null)
    {
        Options = options.Value;
        _transport = setup?.Transport;
        _credential = new(() => setup?.Credential ?? CreateCredential(Options));
        _arm = new(() =>
        {
            var o = new ArmClientOptions { Environment = new ArmEnvironment(Options.ResourceManagerEndpoint, Options.ResourceManagerAudience) };
            if (_transport is not null) o.Transport = _transport;
            return new ArmClient(_credential.Value, default, o);
        });
        _resourceManager = new(() => CreatePipeline(Options.ResourceManagerAudience, retries: true));
        _metrics = new(() => CreatePipeline(Options.MetricsAudience, retries: true));
        _anonymous = new(() => CreatePipeline(null, retries: true));
    }

    public AzureOptions Options { get; }

    /// <summary>How the connection signs in, in words (never the secret).</summary>
    public string SignInDescription => Options.UsesServicePrincipal
        ? $"Service principal {Options.ClientId} in tenant {Options.TenantId}"
        : "DefaultAzureCredential (managed identity, workload identity or Azure CLI login)" + (Options.TenantId is { Length: > 0 } t ? $" in tenant {t}" : "");

    public TokenCredential Credential => _credential.Value;

    /// <summary>Azure Resource Manager through the SDK.</summary>
    public ArmClient Arm => _arm.Value;

    /// <summary>Resource Manager's REST APIs (Advisor, Management Groups) with Azure.Core's retries (429 and 5xx, honouring Retry-After).</summary>
    public HttpPipeline ResourceManager => _resourceManager.Value;

    /// <summary>Azure Monitor's batch metrics endpoint, with its own token audience.</summary>
    public HttpPipeline Metrics => _metrics.Value;

    /// <summary>Public APIs without a credential (Retail Prices).</summary>
    public HttpPipeline Anonymous => _anonymous.Value;

    /// <summary>
    /// A pipeline signed for <paramref name="audience"/> (none: anonymous); without <paramref name="retries"/> every response
    /// comes back to the caller as it is (Cost Management's throttling needs its own waits).
    /// </summary>
    public HttpPipeline CreatePipeline(string? audience, bool retries)
    {
        var options = new RestClientOptions();
        if (_transport is not null) options.Transport = _transport;
        if (!retries) options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        return audience is null
            ? HttpPipelineBuilder.Build(options)
            : HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(_credential.Value, ScopeOf(audience)));
    }

    /// <summary>A Resource Manager URL: <paramref name="pathAndQuery"/> ("/subscriptions/…?api-version=…") on the configured endpoint.</summary>
    public Uri ResourceManagerUri(string pathAndQuery) => new(Options.ResourceManagerEndpoint, pathAndQuery);

    /// <summary>The batch metrics URL of a region: <paramref name="pathAndQuery"/> on the region's host.</summary>
    public Uri MetricsUri(string region, string pathAndQuery) =>
        new(new Uri(Options.MetricsEndpoint.Replace("{region}", region.ToLowerInvariant(), StringComparison.Ordinal)), pathAndQuery.TrimStart('/'));

    /// <summary>A Retail Prices URL: <paramref name="pathAndQuery"/> ("api/retail/prices?…") under the configured endpoint.</summary>
    public Uri RetailPricesUri(string pathAndQuery) => new(Options.RetailPricesEndpoint, pathAndQuery.TrimStart('/'));

    /// <summary>
    /// Sends a request and returns its JSON body (null for 204 No Content).
    /// </summary>
    /// <exception cref="RequestFailedException">Any status other than 2xx, with Azure's error code and message.</exception>
    public static async Task<JsonDocument?> SendAsync(HttpPipeline pipeline, RequestMethod method, Uri uri, object? body, CancellationToken ct)
    {
        using var message = CreateJsonMessage(pipeline, method, uri, body);
        await pipeline.SendAsync(message, ct);
        var response = message.Response;
        if (response.Status is < 200 or > 299) throw new RequestFailedException(response);
        if (response.Status == 204 || response.ContentStream is null) return null;
        return await JsonDocument.ParseAsync(response.ContentStream, default, ct);
    }

    /// <summary>A request that accepts JSON, with <paramref name="body"/> (if any) written as Azure's REST APIs expect it.</summary>
    public static HttpMessage CreateJsonMessage(HttpPipeline pipeline, RequestMethod method, Uri uri, object? body)
    {
        var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(uri);
        request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), AzureJson.Options));
        }
        return message;
    }

    private static string ScopeOf(string audience) => audience.TrimEnd('/') + "/.default";

    private static TokenCredential CreateCredential(AzureOptions o) => o.UsesServicePrincipal
        ? new ClientSecretCredential(o.TenantId, o.ClientId, o.ClientSecret, new ClientSecretCredentialOptions { AuthorityHost = o.AuthorityHost })
        : new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            AuthorityHost = o.AuthorityHost,
            TenantId = string.IsNullOrWhiteSpace(o.TenantId) ? null : o.TenantId,
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(o.ClientId) ? null : o.ClientId,
        });

    private sealed class RestClientOptions : ClientOptions;
}
