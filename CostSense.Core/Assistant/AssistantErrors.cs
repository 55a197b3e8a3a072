using System.Net;
using System.Net.Sockets;

namespace CostSense.Core.Assistant;

/// <summary>Turns what went wrong between the app and Ollama into a message a user can act on.</summary>
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

    public static AnswerFailed Describe(Exception e, OllamaStatusProbe probe, OllamaOptions ollama, AssistantOptions assistant, bool answerTimedOut)
    {
        if (answerTimedOut)
            return new AnswerFailed(AssistantProblem.Timeout,
                $"The answer took longer than {assistant.Timeout.TotalSeconds:0} s and was stopped (Assistant:Timeout). The model may still be loading; ask again in a minute.");
        if (IsHttpTimeout(e))
            return new AnswerFailed(AssistantProblem.Timeout,
                $"Ollama did not answer within {ollama.Timeout.TotalSeconds:0} s (Ollama:Timeout). A cold model can take minutes to load; ask again shortly.");
        if (IsConnectionFailure(e))
        {
            var status = probe.Unreachable();
            probe.Report(status);
            return new AnswerFailed(AssistantProblem.OllamaUnreachable, status.Message, status.FixCommand);
        }
        if (IsModelMissing(e))
        {
            var status = probe.ModelMissing(null);
            probe.Report(status);
            return new AnswerFailed(AssistantProblem.ModelMissing, status.Message, status.FixCommand);
        }
        if (e is OllamaStreamException)
            return new AnswerFailed(AssistantProblem.ModelError,
                $"The model stopped in mid-answer. {e.Message} The answer so far is kept; ask again, and if it happens again, look at the Ollama server's log.",
                "docker compose -f docker-compose.azure.yml logs ollama");
        if (e.Message.Contains("does not support tools", StringComparison.OrdinalIgnoreCase))
            return new AnswerFailed(AssistantProblem.ModelError,
                $"The model {ollama.Model} cannot call tools, so it cannot read your data. Use llama3.2 (Ollama:Model).", probe.PullCommand);
        return new AnswerFailed(AssistantProblem.ModelError, $"The model stopped with an error: {e.Message}");
    }
}
