using CostSense.Core.Assistant.Routing;
using CostSense.Core.Assistant.Tools;
using CostSense.Core.Costs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// The assistant's turn: streams one specialist's answer into an <see cref="AnswerProgress"/>, with the specialist's
/// prompt (today's dates, how far the cost data runs), the earlier turns and the question, and its tools behind a
/// <see cref="ToolGuard"/>. Real tool calls are run by the chat pipeline's function invocation; a tool call the model
/// wrote as text is held back (<see cref="TurnBuffer"/>), run here, and the model asked again with its result. A
/// two-topic question is answered by its two specialists one after the other, each on its own part with its own tools,
/// into the one answer under a line naming each.
/// </summary>
public sealed class AnswerTurn(
    OllamaConnection ollama,
    SpecialistCatalog specialists,
    IDashboardService dashboard,
    IOptions<AssistantOptions> options,
    TimeProvider time,
    ILogger<AnswerTurn> log)
{
    /// <summary>How often a tool call written as text is run and the model asked again, per answer.</summary>
    private const int MaxTextToolRounds = 3;

    public async Task StreamAsync(IReadOnlyList<RoutePart> parts, IReadOnlyList<ChatMessage> history, string question, AnswerProgress answer,
        CancellationToken ct)
    {
        if (parts.Count == 1)
        {
            await StreamPartAsync(parts[0].Specialist, history, question, null, answer, ct);
            return;
        }
        for (var i = 0; i < parts.Count; i++)
        {
            var (part, others) = (parts[i], parts.Where((_, j) => j != i).Select(p => p.Specialist));
            answer.Write($"{(answer.HasText ? "\n\n" : "")}**{Capitalized(part.Specialist.DisplayName())}**\n\n");
            await StreamPartAsync(part.Specialist, history, part.Question,
                SpecialistCatalog.PartPrompt(question, part.Question, others.DisplayNames()), answer, ct);
        }
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>One specialist's answer to <paramref name="question"/>; <paramref name="partPrompt"/> says it is one part of two.</summary>
    private async Task StreamPartAsync(SpecialistKind specialist, IReadOnlyList<ChatMessage> history, string question, string? partPrompt,
        AnswerProgress answer, CancellationToken ct)
    {
        var guard = answer.UseTools(specialists.ToolsOf(specialist));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var dataUntil = specialist == SpecialistKind.Orchestrator ? null : await dashboard.LatestDataDateAsync(ct);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, SpecialistCatalog.PromptOf(specialist, today, dataUntil) + partPrompt),
            .. history,
            new(ChatRole.User, question),
        ];
        var chatOptions = ollama.NewChatOptions();
        if (guard.Tools.Count > 0) chatOptions.Tools = [.. guard.Tools];

        for (var round = 0; ; round++)
        {
            var buffer = new TurnBuffer(toolsOn: guard.Tools.Count > 0);
            var updates = await StreamModelTurnAsync(messages, chatOptions, buffer, guard, answer, ct);
            var held = buffer.EndTurn();
            if (held.Trim().Length == 0) return;
            if (round >= MaxTextToolRounds || !TextToolCall.TryParse(held, out var name, out var arguments))
            {
                answer.Write(held);
                return;
            }

            // The model wrote its tool call as text: run it as if it had called it, and ask again with the result.
            log.LogInformation("The model wrote a call of {Tool} as text; running it", name);
            var callId = $"text-call-{round}";
            object? result = guard.Find(name) is { } function
                ? await function.InvokeAsync(new AIFunctionArguments(arguments), ct)
                : ToolJson.Error($"There is no tool '{name}'. Your tools are: {string.Join(", ", guard.Tools.Select(t => t.Name))}.");
            answer.ReportTools();
            messages.AddRange(updates.ToChatResponse().Messages
                .Where(m => m.Contents.Any(c => c is FunctionCallContent or FunctionResultContent)));
            messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]));
            messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, result)]));
        }
    }

    /// <summary>One model turn (with the pipeline's own tool round trips), retried while Ollama cannot be reached and nothing was shown yet.</summary>
    private async Task<List<ChatResponseUpdate>> StreamModelTurnAsync(List<ChatMessage> messages, ChatOptions chatOptions, TurnBuffer buffer,
        ToolGuard guard, AnswerProgress answer, CancellationToken ct)
    {
        var o = options.Value;
        // Retrying is safe while this turn showed nothing: a two-topic answer's heading or first part came before it.
        var shownBefore = answer.Length;
        for (var attempt = 0; ; attempt++)
        {
            var updates = new List<ChatResponseUpdate>();
            var finished = false;
            try
            {
                await foreach (var update in ollama.Chat.GetStreamingResponseAsync(messages, chatOptions, ct))
                {
                    updates.Add(update);
                    if (update.Contents.Any(c => c is FunctionResultContent))
                    {
                        // A tool's result closes the model's turn; what it held back was not a call after all.
                        answer.Write(buffer.EndTurn());
                        answer.ReportTools();
                        finished = false;
                        continue;
                    }
                    if (update.Role != ChatRole.Tool && update.Text is { Length: > 0 } delta) answer.Write(buffer.Add(delta));
                    finished |= update.FinishReason is not null;
                    answer.ReportTools();
                }
                // OllamaSharp ends a cancelled stream quietly, and a stream cut short without its done line as well.
                ct.ThrowIfCancellationRequested();
                if (!finished) throw new OllamaStreamException("Ollama ended the answer before it was finished.");
                return updates;
            }
            catch (Exception e) when (AssistantErrors.IsConnectionFailure(e) && attempt < o.MaxRetries && answer.Length == shownBefore && guard.Called.Count == 0 && !ct.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                log.LogInformation("Ollama is not reachable ({Error}); retry {Attempt} of {Max} in {Wait}", e.Message, attempt + 1, o.MaxRetries, wait);
                buffer.EndTurn();
                await Task.Delay(wait, time, ct);
            }
        }
    }
}
