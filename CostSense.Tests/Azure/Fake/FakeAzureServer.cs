using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
using CostSense.Core.Sources.Azure;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Azure.Fake;

/// <summary>
/// Azure's management, metrics and prices APIs on one loopback port, over https with a certificate made for the test
/// (Azure.Core sends no bearer token over plain http). Each area's fake (<see cref="FakeArm"/>, cost management, monitor …)
/// maps its routes with <see cref="StartAsync"/>'s callback, answering in Azure's real response shapes. Every request is
/// recorded (<see cref="Requests"/>). The clients reach it through <see cref="Setup"/> (a transport trusting exactly this
/// certificate and a <see cref="FakeCredential"/>) and <see cref="Settings"/> (the endpoints).
/// </summary>
public sealed class FakeAzureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestCertificate _certificate;
    private readonly Lock _gate = new();
    private readonly List<FakeAzureRequest> _requests = [];

    private FakeAzureServer(WebApplication app, TestCertificate certificate) => (_app, _certificate) = (app, certificate);

    /// <summary>https://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public FakeCredential Credential { get; } = new();

    /// <summary>The credential and a transport that trusts this server's certificate and nothing else.</summary>
    public AzureClientSetup Setup => new(Credential, new HttpClientTransport(_certificate.TrustingHandler()));

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<FakeAzureRequest> Requests { get { lock (_gate) return [.. _requests]; } }

    /// <summary>
    /// Starts a server whose routes <paramref name="map"/> adds (e.g. <c>app => { FakeArm.Map(app, tenant); }</c>).
    /// Unmapped requests get ARM's 404 shape.
    /// </summary>
    public static async Task<FakeAzureServer> StartAsync(Action<IEndpointRouteBuilder> map, CancellationToken ct)
    {
        var certificate = new TestCertificate();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate.Certificate)));
        builder.Services.AddRouting();
        var app = builder.Build();
        var server = new FakeAzureServer(app, certificate);
        app.Use(server.RecordAsync);
        app.UseRouting();
        map(app);
        app.MapFallback(context => Error(context, 404, "ResourceNotFound", $"The fake Azure has no route for {context.Request.Method} {context.Request.Path}."));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>
    /// The CostSense:Azure settings that point every endpoint here, switched on for <paramref name="subscriptionIds"/>;
    /// <paramref name="more"/> wins over them.
    /// </summary>
    public Dictionary<string, string?> Settings(IEnumerable<string> subscriptionIds, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CostSense:Azure:Enabled"] = "true",
            ["CostSense:Azure:SubscriptionIds"] = string.Join(",", subscriptionIds),
            ["CostSense:Azure:ResourceManagerEndpoint"] = BaseUrl.ToString(),
            ["CostSense:Azure:MetricsEndpoint"] = new Uri(BaseUrl, "metrics/{region}/").ToString().Replace("%7Bregion%7D", "{region}"),
            ["CostSense:Azure:RetailPricesEndpoint"] = new Uri(BaseUrl, "retail/").ToString(),
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    /// <summary>ARM's error shape: <c>{"error":{"code","message"}}</c> with the status.</summary>
    public static Task Error(HttpContext context, int status, string code, string message) =>
        Json(context, new { error = new { code, message } }, status);

    /// <summary>Writes <paramref name="body"/> as JSON with <paramref name="status"/>.</summary>
    public static async Task Json(HttpContext context, object body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    /// <summary>
    /// One page of <paramref name="items"/> in ARM's list shape: <c>{"value":[…],"nextLink":"…&amp;$skiptoken=N"}</c>, the
    /// link absent on the last page. The page starts at the request's <c>$skiptoken</c>.
    /// </summary>
    public static Task Page<T>(HttpContext context, IReadOnlyList<T> items, int pageSize, string valueName = "value", string linkName = "nextLink")
    {
        var skip = int.TryParse(context.Request.Query["$skiptoken"], out var s) ? s : 0;
        var page = items.Skip(skip).Take(pageSize).ToList();
        var body = new Dictionary<string, object?> { [valueName] = page };
        if (skip + pageSize < items.Count)
        {
            var query = QueryString.Create(context.Request.Query.Where(q => q.Key != "$skiptoken")
                .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
                .Append(KeyValuePair.Create("$skiptoken", (string?)(skip + pageSize).ToString())));
            body[linkName] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{query}";
        }
        return Json(context, body);
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        lock (_gate)
            _requests.Add(new FakeAzureRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(), body));
        await next(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}

/// <summary>A request the fake received: method, path with query, the Authorization header and the body.</summary>
public sealed record FakeAzureRequest(string Method, string PathAndQuery, string Authorization, string Body)
{
    public string Path => PathAndQuery.Split('?', 2)[0];
}
