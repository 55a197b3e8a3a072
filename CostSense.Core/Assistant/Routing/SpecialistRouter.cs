using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant.Routing;

/// <summary>
/// Picks who answers a question: the rules of <see cref="QuestionRouter"/> first (one specialist, or two for a
/// two-topic question); only when they are unsure, the model, constrained to a valid label
/// (<see cref="ModelRouting"/>), in a few tokens and a short time; when that fails, the rules' best guess, never a
/// fixed default.
/// </summary>
public sealed class SpecialistRouter(
    QuestionRouter rules,
    OllamaConnection ollama,
    IOptions<AssistantOptions> options,
    TimeProvider time,
    ILogger<SpecialistRouter> log)
{
    /// <summary>Enough for <c>{"specialist":"compute"}</c> and nothing more.</summary>
    private const int ModelChoiceTokens = 16;

    public async Task<IReadOnlyList<RoutePart>> RouteAsync(string question, CancellationToken ct)
    {
        var decision = rules.Route(question);
        if (decision.IsSure)
        {
            log.LogDebug("Routed by the rules ({Reason}): {Specialists}", decision.Reason, decision.Specialists);
            return decision.Parts;
        }
        try
        {
            using var limit = new CancellationTokenSource(options.Value.RouteTimeout, time);
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
            var chat = ollama.NewChatOptions();
            chat.Temperature = 0;
            chat.MaxOutputTokens = ModelChoiceTokens;
            chat.ResponseFormat = ChatResponseFormat.ForJsonSchema(ModelRouting.Schema, ModelRouting.SchemaName, "Who answers the question");
            var reply = await ((IChatClient)ollama.Api).GetResponseAsync(
                [new ChatMessage(ChatRole.System, ModelRouting.Prompt), new ChatMessage(ChatRole.User, question)], chat, quick.Token);
            var choice = ModelRouting.Parse(reply.Text);
            // "chat" for a question the rules found domain words in is the model missing the point, not small talk.
            if (choice is null || (choice == SpecialistKind.Orchestrator && decision.Candidates.Count > 0))
            {
                log.LogInformation("The model's route ({Reply}) is not usable ({Reason}); the rules' guess stands: {Specialist}",
                    reply.Text, decision.Reason, decision.Specialist);
                return decision.Parts;
            }
            log.LogInformation("Routed by the model ({Reason}): {Specialist}", decision.Reason, choice);
            return [new RoutePart(choice.Value, question.Trim())];
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogInformation("The model could not route ({Error}); the rules' guess stands: {Specialist}", e.Message, decision.Specialist);
            return decision.Parts;
        }
    }
}
