using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CostSense.Core.Access;
using CostSense.Core.Conversations;
using CostSense.Core.Costs;
using CostSense.Core.Data.Entities;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// The orchestrator: checks the user's allowance, stores the conversation, waits for a place at the model, routes the
/// question to a specialist (rules first, the model only when they are unsure) and streams that specialist's answer.
/// The work runs apart from the reader and writes events to a channel, so failures become messages, not exceptions.
/// </summary>
public sealed partial class CostAssistant(
    OllamaConnection ollama,
    OllamaStatusProbe probe,
    SpecialistCatalog specialists,
    AssistantQueue queue,
    AssistantRateLimiter rateLimiter,
    ConversationStore conversations,
    QuickAnswers quick,
    IDashboardService dashboard,
    IOptions<AssistantOptions> options,
    TimeProvider time,
    ILogger<CostAssistant> log) : ICostAssistant
{
    public const int MaxQuestionLength = 4_000;
    private const int MaxHistoryChars = 2_000;

    public IReadOnlyList<string> SuggestedQuestions { get; } =
    [
        "What are my top cost drivers this month?",
        "Why did spend jump last Tuesday?",
        "Which VMs should I resize in rg-prod-api?",
        "What would reserving our steady VMs save over three years?",
        "Which storage accounts should move to a cooler tier?",
        "Were there any cost anomalies in the last 90 days?",
    ];

    public async IAsyncEnumerable<AssistantEvent> AskAsync(Actor actor, Guid? conversationId, string question, [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateUnbounded<AssistantEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var run = RunAsync(actor, conversationId, question, channel.Writer, ct);
        // A stop ends the stream quietly: the reader keeps what it has and the run stores the partial answer.
        await foreach (var e in channel.Reader.ReadAllAsync(CancellationToken.None))
            yield return e;
        await run;
    }

    public Task<OllamaStatus> StatusAsync(bool refresh, CancellationToken ct) => probe.CheckAsync(refresh, ct);

    public Task<QuickAnswer> QuickAsync(Actor actor, QuickAction action, CancellationToken ct)
    {
        actor.Demand(Permission.Read);
        return quick.AnswerAsync(action, ct);
    }

    public async Task<IReadOnlyList<Conversation>> ConversationsAsync(Actor actor, CancellationToken ct) =>
        actor.IsPerson ? await conversations.ListAsync(actor, 50, ct) : [];

    public async Task<Conversation?> OpenAsync(Actor actor, Guid conversationId, CancellationToken ct) =>
        actor.IsPerson ? await conversations.GetAsync(actor, conversationId, ct) : null;

    public async Task<bool> DeleteAsync(Actor actor, Guid conversationId, CancellationToken ct) =>
        actor.IsPerson && await conversations.DeleteAsync(actor, conversationId, ct);

    /// <summary>Earlier turns for the model: the last few messages, each cut to a bounded length.</summary>
    private IReadOnlyList<ChatMessage> HistoryOf(Conversation? conversation) => conversation is null ? [] : conversation.Messages
        .TakeLast(options.Value.HistoryMessages)
        .Select(m => (m.Role, Content: m.Role == "user" ? m.Content : Unmarked(m.Content).Trim()))
        .Where(m => m.Content.Length > 0)
        .Select(m => new ChatMessage(m.Role == "user" ? ChatRole.User : ChatRole.Assistant,
            m.Content.Length <= MaxHistoryChars ? m.Content : m.Content[..MaxHistoryChars] + "…"))
        .ToList();
}
