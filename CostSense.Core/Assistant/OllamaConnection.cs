using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OllamaSharp;

namespace CostSense.Core.Assistant;

/// <summary>
/// The one connection to Ollama: an <see cref="HttpClient"/> whose timeout allows a cold model load (minutes, not
/// the 100 s default), OllamaSharp's client over it, and the chat pipeline built on that once: function
/// invocation with few iterations, OpenTelemetry tracing (silent until a listener is configured), logging.
/// </summary>
public sealed class OllamaConnection : IDisposable
{
    /// <summary>The activity source of model and tool call traces.</summary>
    public const string TraceSource = "CostSense.Assistant";

    private readonly HttpClient _http;

    public OllamaConnection(IOptions<OllamaOptions> ollama, IOptions<AssistantOptions> assistant, ILoggerFactory loggers)
    {
        Options = ollama.Value;
        // MaxResponseDrainSize 0: a stopped answer closes the connection at once, so Ollama stops generating,
        // instead of the handler reading out the rest of the stream first.
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5), MaxResponseDrainSize = 0 };
        _http = new HttpClient(new OllamaStreamErrors(sockets))
        {
            BaseAddress = Options.BaseUrl,
            Timeout = Options.Timeout,
        };
        Api = new OllamaApiClient(_http, Options.Model);
        var iterations = assistant.Value.MaxToolIterations;
        // Function invocation outside tracing: each model round trip is its own span, and the invoker finds the
        // tracer below it to put each tool call in a span too.
        Chat = new ChatClientBuilder(Api)
            .UseFunctionInvocation(loggers, c =>
            {
                c.MaximumIterationsPerRequest = iterations;
                c.MaximumConsecutiveErrorsPerRequest = 2;
                c.AllowConcurrentInvocation = false;
            })
            .UseOpenTelemetry(loggers, TraceSource)
            .UseLogging(loggers)
            .Build();
    }

    public OllamaOptions Options { get; }

    /// <summary>OllamaSharp itself, for the server's status (<c>/api/version</c>, <c>/api/tags</c>).</summary>
    public OllamaApiClient Api { get; }

    /// <summary>The chat pipeline: tools passed in <see cref="ChatOptions.Tools"/> are invoked and their results sent back.</summary>
    public IChatClient Chat { get; }

    /// <summary>The options every request carries: low temperature, bounded output.</summary>
    public ChatOptions NewChatOptions() => new()
    {
        ModelId = Options.Model,
        Temperature = (float)Options.Temperature,
        MaxOutputTokens = Options.MaxTokens,
    };

    public void Dispose()
    {
        Chat.Dispose();
        Api.Dispose();
        _http.Dispose();
    }
}
