using System.Text.Json;
using System.Text.Json.Nodes;

namespace CostSense.Tests.Assistant.FakeOllama;

/// <summary>
/// One scripted answer of <see cref="FakeOllamaServer"/> to one <c>POST /api/chat</c>: the assistant message as the
/// chunks Ollama would stream, or an error. Build one with the static factories; a reply holds no state, so the same
/// one may be enqueued more than once.
/// </summary>
public sealed class Reply
{
    private Reply() { }

    /// <summary>The HTTP status of the answer; anything but 200 sends <c>{"error":ErrorMessage}</c> and nothing else.</summary>
    internal int Status { get; private init; } = 200;

    /// <summary>For a 200 answer, an <c>{"error":...}</c> line sent after the chunks (and no done chunk); otherwise the error body's text.</summary>
    internal string? ErrorMessage { get; private init; }

    /// <summary>The streamed chunks, each sent after its own delay, before the final done chunk.</summary>
    internal IReadOnlyList<Chunk> Chunks { get; private init; } = [];

    internal Func<JsonNode, Reply>? Build { get; private init; }

    /// <summary>One streamed <c>message</c>: its content text and, for a tool call, its <c>tool_calls</c> array.</summary>
    internal sealed record Chunk(string Content, TimeSpan Delay = default, JsonArray? ToolCalls = null);

    /// <summary>Text streamed as the given chunks, one line each, as fast as the client reads them.</summary>
    public static Reply Text(params string[] chunks) => TextWithDelays(TimeSpan.Zero, chunks);

    /// <summary>Text streamed as the given chunks, each one generated in <paramref name="perChunk"/>: a slow model.</summary>
    public static Reply TextWithDelays(TimeSpan perChunk, params string[] chunks) =>
        TimedText([.. chunks.Select(c => (c, perChunk))]);

    /// <summary>Text whose first chunk comes after <paramref name="delay"/> and the rest at once: a model that is
    /// loading. Ollama sends no response headers before its first chunk, and neither does this.</summary>
    public static Reply SlowFirstToken(TimeSpan delay, params string[] chunks) =>
        TimedText([.. chunks.Select((c, i) => (c, i == 0 ? delay : TimeSpan.Zero))]);

    /// <summary>Text streamed as the given chunks, each sent after its own delay (e.g. a stall in mid-answer).</summary>
    public static Reply TimedText(params (string Chunk, TimeSpan DelayBefore)[] chunks) =>
        new() { Chunks = [.. chunks.Select(c => new Chunk(c.Chunk, c.DelayBefore))] };

    /// <summary>A native tool call: a chunk with empty content and <c>message.tool_calls</c>, then the done chunk.
    /// <paramref name="arguments"/> (an anonymous object, a dictionary or a JsonNode) becomes the <c>arguments</c> object.</summary>
    public static Reply ToolCall(string name, object? arguments) => ToolCalls((name, arguments));

    /// <summary>Several native tool calls in one chunk, as Ollama sends parallel calls.</summary>
    public static Reply ToolCalls(params (string Name, object? Arguments)[] calls)
    {
        var array = new JsonArray();
        foreach (var (call, index) in calls.Select((c, i) => (c, i)))
            array.Add(new JsonObject
            {
                ["function"] = new JsonObject { ["index"] = index, ["name"] = call.Name, ["arguments"] = Arguments(call.Arguments) },
            });
        return new() { Chunks = [new Chunk("", ToolCalls: array)] };
    }

    /// <summary>A tool call written as text instead of <c>tool_calls</c>, as llama3.2 sometimes answers: a fenced JSON
    /// block <c>{"name": ..., "parameters": {...}}</c> split across several content chunks.</summary>
    public static Reply FencedJsonToolCall(string name, object? arguments) =>
        Text("```", "json\n", $"{{\"name\": {JsonSerializer.Serialize(name)}, ", "\"parameters\": ",
             Arguments(arguments).ToJsonString(), "}\n", "```");

    /// <summary>A structured answer: <paramref name="value"/> (an anonymous object, a dictionary, a JsonNode...)
    /// serialized compactly as the fake writes JSON (System.Text.Json, relaxed escaping), streamed in up to
    /// <see cref="JsonPieces"/> chunks as a model streams tokens, and joined for <c>"stream":false</c>. It is what a
    /// model under <c>format</c> produces, and the fake checks it against the request's format like any scripted text.</summary>
    public static Reply Json(object? value) => Text(Split(JsonSerializer.Serialize(value, FakeOllamaServer.Wire), JsonPieces));

    /// <summary>How many chunks <see cref="Json"/> streams (fewer for a text too short to split).</summary>
    public const int JsonPieces = 3;

    /// <summary>A failure before any output: HTTP <paramref name="status"/> with the body <c>{"error":message}</c>.</summary>
    public static Reply Error(int status, string message)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(status, 200);
        return new() { Status = status, ErrorMessage = message };
    }

    /// <summary>A 200 stream that sends <paramref name="chunksBefore"/>, then the line <c>{"error":message}</c>, and ends.</summary>
    public static Reply MidStreamError(string[] chunksBefore, string message) =>
        new() { Chunks = Text(chunksBefore).Chunks, ErrorMessage = message };

    /// <summary>A reply chosen when the request arrives, from its JSON body (e.g. to echo the last tool result).</summary>
    public static Reply Dynamic(Func<JsonNode, Reply> build) => new() { Build = build };

    /// <summary>This reply for <paramref name="request"/>: a dynamic one built from it, any other as it is.</summary>
    internal Reply For(JsonNode request) => Build is null ? this : Build(request).For(request);

    /// <summary>The whole text of a 200 reply: what a caller reads once every chunk has arrived.</summary>
    internal string Content => string.Concat(Chunks.Select(c => c.Content));

    /// <summary>Whether the reply calls a tool rather than (only) writing text.</summary>
    internal bool HasToolCalls => Chunks.Any(c => c.ToolCalls is not null);

    /// <summary><paramref name="text"/> cut into <paramref name="pieces"/> parts of about equal length, never inside a
    /// surrogate pair.</summary>
    private static string[] Split(string text, int pieces)
    {
        var cuts = new List<int> { 0 };
        for (var i = 1; i < pieces; i++)
        {
            var at = text.Length * i / pieces;
            if (at > 0 && at < text.Length && char.IsLowSurrogate(text[at])) at++;
            if (at > cuts[^1] && at < text.Length) cuts.Add(at);
        }
        cuts.Add(text.Length);
        return [.. cuts.Zip(cuts.Skip(1), (from, to) => text[from..to])];
    }

    private static JsonNode Arguments(object? arguments) => arguments switch
    {
        null => new JsonObject(),
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(arguments) ?? new JsonObject(),
    };
}
