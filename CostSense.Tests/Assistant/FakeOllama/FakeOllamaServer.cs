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
/// <remarks>
/// <para>A request's <c>format</c> is honoured as Ollama 0.12 honours it (see <see cref="OllamaFormat"/>): a model
/// under a grammar can only write what the format allows, so the fake never answers anything else. The failures, each
/// raised where Ollama raises errors while generating (after the model was found, so the HTTP status is decided late):</para>
/// <list type="bullet">
/// <item>a <c>format</c> that is neither <c>"json"</c> nor an object: <c>invalid format: ""xml""; expected "json" or a
/// valid JSON Schema object</c> (Go's <c>%q</c> of the raw JSON); no scripted reply is used up;</item>
/// <item>a scripted reply whose whole content does not satisfy the format: <c>fake ollama: the scripted reply does not
/// satisfy the request's format: REASON</c>, also kept in <see cref="FormatViolations"/>.</item>
/// </list>
/// <para>Either is sent as <c>HTTP 500 {"error":MESSAGE}</c> for <c>"stream":false</c>, and as
/// <c>HTTP 200 application/x-ndjson</c> whose only line is <c>{"error":MESSAGE}</c> when streaming, the way
/// Ollama 0.12's chat handler reports an error from its generation goroutine. (Later Ollama versions send an error
/// that comes before any content with its status instead; this fake stays with the 0.12 shape it imitates.)</para>
/// <para>With no reply queued, a request with a format gets the least valid instance
/// (<see cref="OllamaFormat.MinimalInstance"/>) as <see cref="Reply.Json"/> instead of the echo.</para>
/// </remarks>
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
    internal static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Queue<Reply> _replies = new();
    private readonly List<JsonNode> _requests = [];
    private readonly List<string> _formatViolations = [];
    private int _aborted;
    private TaskCompletionSource _changed = NewSignal();

    private FakeOllamaServer(WebApplication app) => _app = app;

    /// <summary>Where the server listens, e.g. http://127.0.0.1:PORT/ (what <c>OLLAMA_HOST</c> would name).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The installed models, as /api/tags lists them; chat requests for any other get 404. Empty for none.</summary>
    public IReadOnlyList<string> Models { get; set; } = ["llama3.2:latest"];

    /// <summary>Every /api/chat request body received so far, in order of arrival.</summary>
    public IReadOnlyList<JsonNode> Requests { get { lock (_gate) return [.. _requests]; } }

    /// <summary>Why scripted replies were refused, in order: each the reason a reply's content did not satisfy its
    /// request's <c>format</c> (the message the client got, after its fixed prefix). A test that scripted what no
    /// constrained model could say finds out why here rather than from a bare HTTP 500.</summary>
    public IReadOnlyList<string> FormatViolations { get { lock (_gate) return [.. _formatViolations]; } }

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
    /// last user message, or with a <c>format</c> the least valid instance of it.</summary>
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
        var stream = request["stream"]?.GetValue<bool>() != false;
        var formatValid = OllamaFormat.TryParse(RawFormat(body), out var format, out var formatError);
        var (found, reply) = Record(request, model, takeReply: formatValid);
        if (!found)
            await WriteErrorAsync(context, 404, $"model '{model}' not found");
        else if (!formatValid)
            await FailGenerationAsync(context, stream, formatError!);
        else
        {
            reply = reply is null ? Default(request, format) : reply.For(request);
            if (reply.Status != 200)
                await WriteErrorAsync(context, reply.Status, reply.ErrorMessage!);
            else if (format is not null && Unsatisfied(reply, format) is { } reason)
                await FailGenerationAsync(context, stream, ViolationPrefix + reason);
            else if (stream)
                await StreamAsync(context, model, reply);
            else
                await WholeAsync(context, model, reply);
        }
    }

    /// <summary>The start of the error for a scripted reply that breaks its request's format.</summary>
    public const string ViolationPrefix = "fake ollama: the scripted reply does not satisfy the request's format: ";

    /// <summary>Records the request and, when the model is installed and <paramref name="takeReply"/>, takes the next
    /// scripted reply (null when none is queued). An unknown model or a refused format uses up no reply.</summary>
    private (bool Found, Reply? Scripted) Record(JsonNode request, string model, bool takeReply)
    {
        bool found;
        Reply? reply = null;
        lock (_gate)
        {
            _requests.Add(request);
            found = Models.Any(m => SameModel(m, model));
            if (found && takeReply) _replies.TryDequeue(out reply);
        }
        Pulse();
        return (found, reply);
    }

    /// <summary>The raw JSON of the body's <c>format</c>, as Ollama keeps it (a json.RawMessage); null when absent.</summary>
    private static string? RawFormat(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out var format)
            ? format.GetRawText()
            : null;
    }

    /// <summary>The answer when nothing is scripted: the echo, or under a format the least instance a constrained
    /// model could write (the echo is not JSON, so no grammar would allow it).</summary>
    private static Reply Default(JsonNode request, OllamaFormat? format) =>
        format is null ? Echo(request) : Reply.Json(format.MinimalInstance());

    /// <summary>Why a scripted 200 reply could not come from a model under <paramref name="format"/>, recorded in
    /// <see cref="FormatViolations"/>; null when it could. Replies that call tools or fail mid-stream are let through:
    /// their outcome is not the text the grammar constrains.</summary>
    private string? Unsatisfied(Reply reply, OllamaFormat format)
    {
        if (reply.HasToolCalls || reply.ErrorMessage is not null) return null;
        var reason = format.Violation(reply.Content);
        if (reason is not null)
            lock (_gate) _formatViolations.Add(reason);
        return reason;
    }

    /// <summary>An error raised while generating, as Ollama 0.12's chat handler reports it: a 500 <c>{"error":...}</c>
    /// for <c>"stream":false</c>; when streaming, a 200 NDJSON answer whose only line is <c>{"error":...}</c>.</summary>
    private async Task FailGenerationAsync(HttpContext context, bool stream, string message)
    {
        if (!stream)
        {
            await WriteErrorAsync(context, 500, message);
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        var aborted = context.RequestAborted;
        try
        {
            await WriteLineAsync(context, new JsonObject { ["error"] = message }, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            RecordAbort();
        }
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
