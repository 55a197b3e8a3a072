using System.Net;
using System.Net.Sockets;

namespace CostSense.Core.Assistant;

/// <summary>
/// Tells apart what can go wrong between the app and Ollama: nothing at the address, a missing model, the HTTP client
/// giving up. <see cref="AnswerFailures"/> words each for the user.
/// </summary>
public static class AssistantErrors
{
    /// <summary>
    /// Nothing answered at the address: worth a retry (Ollama may be starting), and if it lasts, start it. A timeout
    /// is not one, although its inner exceptions end in a socket error too.
    /// </summary>
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError } => true,
        HttpRequestException { StatusCode: null, InnerException: SocketException } => true,
        SocketException => true,
        _ => false,
    };

    public static bool IsModelMissing(Exception e) =>
        (e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("model", StringComparison.OrdinalIgnoreCase))
        || e is HttpRequestException { StatusCode: HttpStatusCode.NotFound }
        || (e.InnerException is { } inner && IsModelMissing(inner));

    /// <summary>The HTTP client's own timeout (a model that never sent a byte), as opposed to a user's stop.</summary>
    public static bool IsHttpTimeout(Exception e) => e is TaskCanceledException { InnerException: TimeoutException } || e is TimeoutException;
}
