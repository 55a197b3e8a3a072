using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Benchmarks.Scale.BlazorClient;

/// <summary>
/// A Blazor circuit without a browser: it does what blazor.web.js does for a page — reads the prerendered page's
/// server component markers and persisted state, opens the circuit hub over WebSockets with the signed-in cookies
/// ("blazorpack"), starts the circuit and adds the root components, applies every render batch to a logical tree of
/// its own and acknowledges it, answers the app's and MudBlazor's JavaScript interop calls (no DOM: void, null, or an
/// object reference), and dispatches clicks to the event handler ids the tree holds. A browser's rendering, layout and
/// scripts are not in it, so what it times is the server's work and the wire.
/// </summary>
public sealed partial class CircuitClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HubConnection _connection;
    private readonly RenderBatchApplier _dom = new();
    private readonly Lock _gate = new();
    private readonly List<Expectation> _expected = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _rendererObjectId;
    private bool _released;
    private long _nextCallId;
    private long _nextObjectId;

    private CircuitClient(HubConnection connection) => _connection = connection;

    /// <summary>The JavaScript interop identifiers the server called, with how often: what a page asks of a browser.</summary>
    public ConcurrentDictionary<string, int> InteropCalls { get; } = new();

    /// <summary>Errors the circuit reported (JS.Error, a failed event dispatch, a batch that could not be applied).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Opens <paramref name="path"/> signed in and starts its circuit; returns once the renderer is attached.</summary>
    public static async Task<CircuitClient> OpenAsync(HttpClient http, CircuitSignIn cookies, string path, CancellationToken ct)
    {
        var html = await cookies.GetAsync(http, path, ct);
        var markers = MarkerPattern().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => (string?)m["type"] == "server")
            .ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive server component to start a circuit for.");
        var state = StatePattern().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder().WithUrl(new Uri(http.BaseAddress!, "_blazor"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.Headers["Cookie"] = cookies.Header;
        });
        // The connection takes the last hub protocol registered: blazorpack, the only one the circuit hub speaks.
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new CircuitClient(connection);
        try
        {
            client.Listen();
            await connection.StartAsync(ct);
            var secret = await connection.InvokeAsync<string?>("StartCircuit", http.BaseAddress!.ToString(), new Uri(http.BaseAddress, path).ToString(), "[]", state, ct);
            if (secret is null) throw new InvalidOperationException($"The server did not start a circuit for {path}: {string.Join("; ", client.Errors)}");
            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add",
                    ["ssrComponentId"] = i + 1,
                    ["marker"] = marker.DeepClone(),
                })]),
            };
            await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, ct);
            await client._rendererAttached.Task.WaitAsync(TimeSpan.FromMinutes(2), ct);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="probe"/> over the tree now and after every render batch until it gives something; returns
    /// that and the milliseconds from this call to the batch that made it true.
    /// </summary>
    public async Task<(T Found, double Ms)> WaitForAsync<T>(Func<DomView, T?> probe, TimeSpan limit, CancellationToken ct) where T : class
    {
        var expectation = new Expectation(view => probe(view), Stopwatch.GetTimestamp());
        lock (_gate)
        {
            if (probe(new DomView(_dom.Roots)) is { } now) return (now, 0);
            _expected.Add(expectation);
        }
        try
        {
            var (found, ms) = await expectation.Done.Task.WaitAsync(limit, ct);
            return ((T)found, ms);
        }
        catch (TimeoutException)
        {
            lock (_gate) _expected.Remove(expectation);
            throw;
        }
    }

    /// <summary>
    /// Drops the tree (later batches are acknowledged, not applied): the client lives in the server's process, so before
    /// the server's memory is read its pages' trees go, and what stays is the connection.
    /// </summary>
    public void ReleaseTree()
    {
        lock (_gate)
        {
            _released = true;
            _dom.Clear();
        }
    }

    /// <summary>Reads the tree under the lock the render batches are applied under.</summary>
    public T Read<T>(Func<DomView, T> read)
    {
        lock (_gate) return read(new DomView(_dom.Roots));
    }

    /// <summary>
    /// A click as a browser delivers it: pointerdown, mousedown, pointerup, mouseup and click on the target, each
    /// bubbling to every element up the tree with a handler for it until one stops its propagation (what Blazor's event
    /// delegator does). MudBlazor's select opens on mousedown, a list item picks on click.
    /// </summary>
    public async Task ClickAsync(DomElement target, CancellationToken ct)
    {
        var dispatches = new List<(ulong Handler, string Event)>();
        lock (_gate)
            foreach (var name in (string[])["pointerdown", "mousedown", "pointerup", "mouseup", "click"])
                foreach (var element in target.SelfAndAncestors())
                {
                    if (element.Handlers.TryGetValue(name, out var handler)) dispatches.Add((handler, name));
                    if (element.StopsPropagation.Contains(name)) break;
                }
        if (dispatches.Count == 0)
            throw new InvalidOperationException($"Nothing handles a click on {target}; up from it: {string.Join(" < ", target.SelfAndAncestors().Take(6))}");
        foreach (var (handler, name) in dispatches) await DispatchAsync(handler, name, ct);
    }

    /// <summary>Sends a browser event to a handler id (DispatchEventAsync on the renderer's interop object).</summary>
    public Task DispatchAsync(ulong handlerId, string eventName, CancellationToken ct)
    {
        var callId = Interlocked.Increment(ref _nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var args = new JsonArray(
            new JsonObject { ["eventHandlerId"] = handlerId, ["eventName"] = eventName, ["eventFieldInfo"] = null },
            new JsonObject
            {
                ["type"] = eventName, ["detail"] = 1, ["button"] = 0, ["buttons"] = 0, ["screenX"] = 0, ["screenY"] = 0, ["clientX"] = 0, ["clientY"] = 0,
                ["offsetX"] = 0, ["offsetY"] = 0, ["pageX"] = 0, ["pageY"] = 0, ["movementX"] = 0, ["movementY"] = 0,
                ["ctrlKey"] = false, ["shiftKey"] = false, ["altKey"] = false, ["metaKey"] = false,
            });
        return _connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", Volatile.Read(ref _rendererObjectId), args.ToJsonString(), ct);
    }

    private void Listen()
    {
        _connection.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (_gate) _dom.AttachRoot(componentId);
        });
        _connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], (args, _) => OnRenderBatchAsync((long)args[0]!, (byte[])args[1]!), this);
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            (args, _) => OnInvokeJSAsync((long)args[0]!, (string)args[1]!, (string?)args[2], (int)args[3]!), this);
        _connection.On<string, bool, string?>("JS.EndInvokeDotNet", (callId, succeeded, result) =>
        {
            if (!succeeded) _errors.Enqueue($"Call {callId} failed: {result}");
        });
        _connection.On<string>("JS.Error", error => _errors.Enqueue(error));
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        string? error = null;
        lock (_gate)
        {
            try
            {
                if (!_released) _dom.Apply(batch);
            }
            catch (Exception e)
            {
                error = e.ToString();
                _errors.Enqueue($"Batch {batchId} could not be applied: {e.Message}");
            }
            if (_expected.Count > 0)
            {
                var now = Stopwatch.GetTimestamp();
                var view = new DomView(_dom.Roots);
                for (var i = _expected.Count - 1; i >= 0; i--)
                    if (_expected[i].Probe(view) is { } found)
                    {
                        _expected[i].Done.TrySetResult((found, Stopwatch.GetElapsedTime(_expected[i].Started, now).TotalMilliseconds));
                        _expected.RemoveAt(i);
                    }
            }
        }
        await _connection.SendAsync("OnRenderCompleted", batchId, error);
    }

    private async Task OnInvokeJSAsync(long handle, string identifier, string? argsJson, int resultType)
    {
        InteropCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        JsonNode? result = null;
        if (identifier == "Blazor._internal.attachWebRendererInterop" && argsJson is not null)
        {
            var reference = JsonNode.Parse(argsJson)![1]!["__dotNetObject"]!.GetValue<long>();
            Volatile.Write(ref _rendererObjectId, reference);
            _rendererAttached.TrySetResult();
        }
        // JSCallResultType.JSObjectReference: the caller holds a reference to a JavaScript object (an imported module).
        if (resultType == 1) result = new JsonObject { ["__jsObjectId"] = Interlocked.Increment(ref _nextObjectId) };
        if (handle != 0)
            await _connection.SendAsync("EndInvokeJSFromDotNet", handle, true, new JsonArray(handle, true, result).ToJsonString());
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->")]
    private static partial Regex StatePattern();

    private sealed record Expectation(Func<DomView, object?> Probe, long Started)
    {
        public TaskCompletionSource<(object, double)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Queries over a circuit's tree, the few a session needs: by attribute, by class, by text.</summary>
public readonly struct DomView(IReadOnlyList<DomContainer> roots)
{
    public IEnumerable<DomElement> Elements => roots.SelectMany(r => r.Descendants());

    /// <summary>The first element matching a CSS attribute selector of the form [name=value].</summary>
    public DomElement? Select(string selector)
    {
        var (name, value) = ParseAttributeSelector(selector);
        return Elements.FirstOrDefault(e => e.Attribute(name) == value);
    }

    public static (string Name, string Value) ParseAttributeSelector(string selector)
    {
        var match = Regex.Match(selector, @"^\[([\w-]+)=""?([^""\]]*)""?\]$");
        if (!match.Success) throw new ArgumentException($"The circuit client reads [name=value] selectors only, not '{selector}'.", nameof(selector));
        return (match.Groups[1].Value, match.Groups[2].Value);
    }
}
