using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CostSense.Core.Assistant;

/// <summary>
/// Picks who answers a question: the rules of <see cref="QuestionRouter"/> first; when they are unsure, a one-word
/// question to the model; when that fails or names nobody, the rules' best guess.
/// </summary>
public sealed class SpecialistRouter(OllamaConnection ollama, TimeProvider time, ILogger<SpecialistRouter> log)
{
    /// <summary>How long the model may take to name a specialist before the rules' guess stands.</summary>
    private static readonly TimeSpan ModelChoiceTimeout = TimeSpan.FromSeconds(30);

    public async Task<SpecialistKind> RouteAsync(string question, CancellationToken ct)
    {
        var decision = QuestionRouter.Route(question);
        if (decision.IsSure) return decision.Specialist;
        try
        {
            using var limit = new CancellationTokenSource(ModelChoiceTimeout, time);
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
            var options = ollama.NewChatOptions();
            options.Temperature = 0;
            options.MaxOutputTokens = 5;
            var reply = await ((IChatClient)ollama.Api).GetResponseAsync(
                [new ChatMessage(ChatRole.System, QuestionRouter.ModelChoicePrompt), new ChatMessage(ChatRole.User, question)], options, quick.Token);
            var choice = QuestionRouter.ParseModelChoice(reply.Text) ?? decision.Specialist;
            log.LogInformation("Routed by the model ({Reason}): {Specialist}", decision.Reason, choice);
            return choice;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogInformation("The model could not route ({Error}); the rules' guess stands: {Specialist}", e.Message, decision.Specialist);
            return decision.Specialist;
        }
    }
}
