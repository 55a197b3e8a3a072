using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Notifications;

/// <summary>
/// A webhook receiver in the test process: Kestrel on a free loopback port, plain http (the one place CostSense allows
/// http). It keeps every request's path and body and answers with what <see cref="Answer"/> says for the n-th request
/// (1-based): 200 "ok" unless told otherwise, as Slack does.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string ContentType, string Body)> Received { get; } = new();

    /// <summary>The status and reply for the n-th request (1-based).</summary>
    public Func<int, (int Status, string Reply)> Answer { get; set; } = _ => (200, "ok");

    public string BaseUrl { get; private set; } = "";

    /// <summary>A URL on this receiver with a secret-looking path, as Slack's and Teams' URLs have.</summary>
    public string Url(string path = "hooks/T0001/B0002/s3cr3tXyZtoken") => $"{BaseUrl}/{path}";

    /// <summary>The bodies received, parsed.</summary>
    public IReadOnlyList<JsonObject> Bodies => Received.Select(r => (JsonObject)JsonNode.Parse(r.Body)!).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            receiver.Received.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body));
            var (status, reply) = receiver.Answer(Interlocked.Increment(ref receiver._count));
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(reply, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
