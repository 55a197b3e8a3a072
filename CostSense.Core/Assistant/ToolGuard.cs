using System.Collections.Concurrent;
using System.Text.Json;
using CostSense.Core.Assistant.Tools;
using Microsoft.Extensions.AI;

namespace CostSense.Core.Assistant;

/// <summary>
/// One answer's view of its specialist's tools: it records every call for the panel's chips, refuses an identical
/// repeat (a small model can loop on the same call), and hands argument errors back to the model as text it can act on.
/// </summary>
public sealed class ToolGuard
{
    private readonly ConcurrentQueue<ToolCallInfo> _pending = new();
    private readonly HashSet<string> _seen = [];
    private readonly Lock _gate = new();

    public ToolGuard(IReadOnlyList<AIFunction> tools) => Tools = tools.Select(t => (AIFunction)new Guarded(t, this)).ToList();

    /// <summary>The tools to offer the model.</summary>
    public IReadOnlyList<AIFunction> Tools { get; }

    public List<ToolCallInfo> Called { get; } = [];

    /// <summary>The calls made since the last look, for the panel.</summary>
    public IEnumerable<ToolCallInfo> TakeNew()
    {
        while (_pending.TryDequeue(out var call)) yield return call;
    }

    public AIFunction? Find(string name) => Tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    private async ValueTask<object?> InvokeAsync(AIFunction inner, AIFunctionArguments arguments, CancellationToken ct)
    {
        var shown = arguments.Where(a => a.Value is not null && a.Value.ToString() is { Length: > 0 })
            .Select(a => new KeyValuePair<string, string>(a.Key, Show(a.Value))).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var signature = inner.Name + JsonSerializer.Serialize(shown);
        lock (_gate)
        {
            if (!_seen.Add(signature))
                return ToolJson.Error($"You already called {inner.Name} with these arguments; its result is above. Answer from it now.");
        }
        var call = new ToolCallInfo(inner.Name, shown);
        lock (_gate) Called.Add(call);
        _pending.Enqueue(call);
        try
        {
            return await inner.InvokeAsync(arguments, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && Unwrap(e) is ArgumentException or FormatException or JsonException or InvalidOperationException)
        {
            return ToolJson.Error(Unwrap(e).Message);
        }
    }

    private static Exception Unwrap(Exception e) => e is ArgumentException ? e : e.InnerException is { } inner ? Unwrap(inner) : e;

    private static string Show(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } s => s.GetString() ?? "",
        JsonElement other => other.GetRawText(),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private sealed class Guarded(AIFunction inner, ToolGuard guard) : DelegatingAIFunction(inner)
    {
        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
            guard.InvokeAsync(InnerFunction, arguments, cancellationToken);
    }
}
