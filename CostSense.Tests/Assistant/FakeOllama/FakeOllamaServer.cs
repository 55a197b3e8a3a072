using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Assistant.FakeOllama;

/// <summary>
/// An Ollama server on a loopback port that speaks Ollama's HTTP API as the real one does on the wire
/// (<c>/api/version</c>, <c>/api/tags</c>, <c>/api/chat</c> as NDJSON or, with <c>"stream":false</c>, one object),
/// answering each chat request with the next scripted <see cref="Reply"/>. It records every chat request body and
/// every request the client gave up on, so tests can assert what a client sent and that cancelling reached the server.
/// </summary>
/// <example>
/// <code>
/// await using var ollama = await FakeOllamaServer.StartAsync(ct);
/// ollama.Enqueue(Reply.ToolCall("get_weather", new { city = "Tokyo" }), Reply.Text("Sunny", " in Tokyo."));
/// var client = new OllamaApiClient(new HttpClient { BaseAddress = ollama.BaseUrl }, "llama3.2");
/// </code>
/// </example>
public sealed class FakeOllamaServer : IAsyncDisposable
{
    public const string Version = "0.12.3";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    // As Go's encoding/json writes it: quotes and non-ASCII text as they are, not as \u escapes.
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Queue<Reply> _replies = new();
    private readonly List<JsonNode> _requests = [];
    private int _aborted;
    private TaskCompletionSource _changed = NewSignal();

    private FakeOllamaServer(WebApplication app) => _app = app;

    /// <summary>Where the server listens, e.g. http://127.0.0.1:PORT/ (what <c>OLLAMA_HOST</c> would name).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The installed models, as /api/tags lists them; chat requests for any other get 404. Empty for none.</summary>
    public IReadOnlyList<string> Models { get; set; } = ["llama3.2:latest"];

    /// <summary>Every /api/chat request body received so far, in order of arrival.</summary>
    public IReadOnlyList<JsonNode> Requests { get { lock (_gate) return [.. _requests]; } }

    public int ChatRequestCount { get { lock (_gate) return _requests.Count; } }

    /// <summary>How many chat answers stopped early because the connection went away (the client cancelled, timed out
    /// or disposed it; or this server stopped).</summary>
    public int AbortedRequests { get { lock (_gate) return _aborted; } }

    public static async Task<FakeOllamaServer> StartAsync(CancellationToken ct)
    {
        // An empty builder: no configuration files or environment variables from the test host can move the port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOllamaServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Replies for the next chat requests, one each, in order. With none queued a request gets an echo of its
    /// last user message.</summary>
    public void Enqueue(params Reply[] replies)
    {
        lock (_gate)
            foreach (var reply in replies) _replies.Enqueue(reply);
    }

    /// <summary>Drops replies a previous test queued but never used, so a test that failed half-way cannot answer the next.</summary>
    public void ClearReplies()
    {
        lock (_gate) _replies.Clear();
    }

    /// <summary>Waits until at least <paramref name="count"/> chat requests have arrived.</summary>
    public Task WaitForRequestAsync(int count, CancellationToken ct, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => _requests.Count >= count, ct, timeout);

    /// <summary>Waits until at least <paramref name="count"/> chat answers were cut short by the connection going away.</summary>
    public Task WaitForAbortAsync(CancellationToken ct, int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => _aborted >= count, ct, timeout);

    public async ValueTask DisposeAsync()
    {
        // Answers still streaming (a test that failed half-way) are cut off rather than waited for.
        using var hurry = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(hurry.Token);
        await _app.DisposeAsync();
    }

    private Task HandleAsync(HttpContext context) => (context.Request.Method, context.Request.Path.Value) switch
    {
        ("GET" or "HEAD", "/api/version") => WriteJsonAsync(context, 200, new JsonObject { ["version"] = Version }),
        ("GET" or "HEAD", "/api/tags") => WriteJsonAsync(context, 200, Tags()),
        ("POST", "/api/chat") => ChatAsync(context),
        ("GET" or "HEAD", "/") => context.Response.WriteAsync("Ollama is running"),
        _ => NotFoundAsync(context),
    };

    private async Task ChatAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            await WriteErrorAsync(context, 400, "missing request body");
            return;
        }
        JsonNode request;
        try
        {
            request = JsonNode.Parse(body) ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            await WriteErrorAsync(context, 400, ex.Message);
            return;
        }
        var model = request["model"]?.GetValue<string>() ?? "";
        var reply = Record(request, model);
        if (reply is null)
            await WriteErrorAsync(context, 404, $"model '{model}' not found");
        else if (reply.Status != 200)
            await WriteErrorAsync(context, reply.Status, reply.ErrorMessage!);
        else if (request["stream"]?.GetValue<bool>() == false)
            await WholeAsync(context, model, reply);
        else
            await StreamAsync(context, model, reply);
    }

    /// <summary>Records the request and takes its reply; null when the model is not installed (no reply is used up).</summary>
    private Reply? Record(JsonNode request, string model)
    {
        Reply? reply = null;
        lock (_gate)
        {
            _requests.Add(request);
            if (Models.Any(m => SameModel(m, model)))
                reply = _replies.TryDequeue(out var next) ? next : Echo(request);
        }
        Pulse();
        return reply?.For(request);
    }

    /// <summary>The default answer: the last user message, echoed back.</summary>
    private static Reply Echo(JsonNode request)
    {
        var lastUser = request["messages"]?.AsArray().LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        return Reply.Text("Echo: ", lastUser?["content"]?.GetValue<string>() ?? "");
    }

    /// <summary>Streams the chunks as NDJSON, one compact object per line, flushed one by one; the headers go out with
    /// the first chunk, as Ollama's do.</summary>
    private async Task StreamAsync(HttpContext context, string model, Reply reply)
    {
        var aborted = context.RequestAborted;
        context.Response.ContentType = "application/x-ndjson";
        try
        {
            foreach (var chunk in reply.Chunks)
            {
                await Task.Delay(chunk.Delay, aborted);
                await WriteLineAsync(context, ChatChunk(model, chunk.Content, chunk.ToolCalls), aborted);
            }
            var last = reply.ErrorMessage is { } error
                ? new JsonObject { ["error"] = error }
                : Done(ChatChunk(model, "", toolCalls: null), reply.Chunks.Count);
            await WriteLineAsync(context, last, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        if (aborted.IsCancellationRequested) RecordAbort();
    }

    /// <summary>The answer to <c>"stream":false</c>: every chunk's content joined and every tool call collected into
    /// one done object, after the whole generation time; an error that would come mid-stream is a 500 instead.</summary>
    private async Task WholeAsync(HttpContext context, string model, Reply reply)
    {
        var aborted = context.RequestAborted;
        try
        {
            await Task.Delay(reply.Chunks.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Delay), aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            RecordAbort();
            return;
        }
        if (reply.ErrorMessage is { } error)
        {
            await WriteErrorAsync(context, 500, error);
            return;
        }
        var toolCalls = reply.Chunks.Where(c => c.ToolCalls is not null).SelectMany(c => c.ToolCalls!).ToList();
        var content = string.Concat(reply.Chunks.Select(c => c.Content));
        var message = ChatChunk(model, content, toolCalls.Count == 0 ? null : new JsonArray([.. toolCalls.Select(t => t!.DeepClone())]));
        await WriteJsonAsync(context, 200, Done(message, reply.Chunks.Count));
    }

    private static JsonObject ChatChunk(string model, string content, JsonArray? toolCalls)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (toolCalls is not null) message["tool_calls"] = toolCalls.DeepClone();
        return new JsonObject
        {
            ["model"] = model,
            ["created_at"] = DateTime.UtcNow.ToString("O"),
            ["message"] = message,
            ["done"] = false,
        };
    }

    /// <summary>Makes <paramref name="chunk"/> the final one: done_reason, done and the metrics (nanoseconds).</summary>
    private static JsonObject Done(JsonObject chunk, int evalCount)
    {
        chunk.Remove("done");
        chunk["done_reason"] = "stop";
        chunk["done"] = true;
        chunk["total_duration"] = 182_242_375L;
        chunk["load_duration"] = 41_295_167L;
        chunk["prompt_eval_count"] = 26;
        chunk["prompt_eval_duration"] = 24_573_166L;
        chunk["eval_count"] = evalCount;
        chunk["eval_duration"] = 115_959_084L;
        return chunk;
    }

    private JsonObject Tags() => new()
    {
        ["models"] = new JsonArray([.. Models.Select(name => (JsonNode)new JsonObject
        {
            ["name"] = name,
            ["model"] = name,
            ["modified_at"] = "2025-05-04T17:37:44.706015396-07:00",
            ["size"] = 2_019_393_189L,
            ["digest"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))),
            ["details"] = new JsonObject
            {
                ["parent_model"] = "",
                ["format"] = "gguf",
                ["family"] = "llama",
                ["families"] = new JsonArray("llama"),
                ["parameter_size"] = "3.2B",
                ["quantization_level"] = "Q4_K_M",
            },
        })]),
    };

    /// <summary>Ollama's rule: a name without a tag means <c>:latest</c>; names are not case sensitive.</summary>
    private static bool SameModel(string installed, string requested) =>
        string.Equals(WithTag(installed), WithTag(requested), StringComparison.OrdinalIgnoreCase);

    private static string WithTag(string name) => name.LastIndexOf(':') > name.LastIndexOf('/') ? name : name + ":latest";

    /// <summary>What Ollama's router (gin) answers for a path it does not have: plain text, not JSON.</summary>
    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync("404 page not found");
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, new JsonObject { ["error"] = message });

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(Wire), context.RequestAborted);
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line, CancellationToken ct)
    {
        await context.Response.WriteAsync(line.ToJsonString(Wire) + "\n", ct);
        await context.Response.Body.FlushAsync(ct);
    }

    private void RecordAbort()
    {
        lock (_gate) _aborted++;
        Pulse();
    }

    private void Pulse()
    {
        TaskCompletionSource changed;
        lock (_gate) (changed, _changed) = (_changed, NewSignal());
        changed.SetResult();
    }

    private async Task WaitUntilAsync(Func<bool> done, CancellationToken ct, TimeSpan? timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? DefaultWait);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done()) return;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The fake Ollama server did not get there within {timeout ?? DefaultWait}: "
                    + $"{ChatRequestCount} chat requests, {AbortedRequests} aborted.");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
