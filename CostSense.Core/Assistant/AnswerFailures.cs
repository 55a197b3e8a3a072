using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// Says why an answer failed in words a user can act on, with the command that fixes it when there is one
/// (<see cref="AssistantErrors"/> tells the causes apart). When the answer found Ollama gone or its model missing,
/// the status probe learns it at once, so the panel's banner shows it without waiting for its next check.
/// </summary>
public sealed class AnswerFailures(OllamaStatusProbe probe, IOptions<OllamaOptions> ollamaOptions, IOptions<AssistantOptions> assistantOptions)
{
    /// <summary>The failure to show for what stopped an answer.</summary>
    /// <param name="answerTimedOut">The answer's own time limit ran out (as opposed to the HTTP client's, or a user's stop).</param>
    public AnswerFailed Describe(Exception e, bool answerTimedOut)
    {
        var ollama = ollamaOptions.Value;
        if (answerTimedOut)
            return new AnswerFailed(AssistantProblem.Timeout,
                $"The answer took longer than {assistantOptions.Value.Timeout.TotalSeconds:0} s and was stopped (Assistant:Timeout). The model may still be loading; ask again in a minute.");
        if (AssistantErrors.IsHttpTimeout(e))
            return new AnswerFailed(AssistantProblem.Timeout,
                $"Ollama did not answer within {ollama.Timeout.TotalSeconds:0} s (Ollama:Timeout). A cold model can take minutes to load; ask again shortly.");
        if (AssistantErrors.IsConnectionFailure(e))
        {
            var status = probe.Unreachable();
            probe.Report(status);
            return new AnswerFailed(AssistantProblem.OllamaUnreachable, status.Message, status.FixCommand);
        }
        if (AssistantErrors.IsModelMissing(e))
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
