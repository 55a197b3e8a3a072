using CostSense.Core.Access;
using CostSense.Core.Conversations;
using CostSense.Core.Data.Entities;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CostSense.Core.Assistant;

/// <summary>
/// The assistant's conversations: a signed-in person keeps them, the shared guest and the app itself keep none. A
/// question and its answer are recorded as the user saw them (<see cref="TranscriptFormatter"/>), and the model is
/// sent the earlier turns.
/// </summary>
public sealed class AssistantConversations(ConversationStore store, IOptions<AssistantOptions> options, ILogger<AssistantConversations> log)
{
    /// <summary>How many conversations the list shows, most recently active first.</summary>
    private const int Listed = 50;

    public async Task<IReadOnlyList<Conversation>> ListAsync(Actor actor, CancellationToken ct) =>
        actor.IsPerson ? await store.ListAsync(actor, Listed, ct) : [];

    /// <returns>The conversation with its messages, or null when it is not the actor's.</returns>
    public async Task<Conversation?> GetAsync(Actor actor, Guid conversationId, CancellationToken ct) =>
        actor.IsPerson ? await store.GetAsync(actor, conversationId, ct) : null;

    public async Task<bool> DeleteAsync(Actor actor, Guid conversationId, CancellationToken ct) =>
        actor.IsPerson && await store.DeleteAsync(actor, conversationId, ct);

    /// <summary>
    /// The conversation a question goes into: the given one (null when it is not the actor's), or a new one titled by
    /// the question; none for an actor who keeps no conversations.
    /// </summary>
    public async Task<Conversation?> OpenAsync(Actor actor, Guid? conversationId, string question, CancellationToken ct)
    {
        if (!actor.IsPerson) return null; // the shared guest reads, but keeps no conversations
        if (conversationId is { } existing) return await store.GetAsync(actor, existing, ct);
        return await store.StartAsync(actor, question, ct);
    }

    /// <summary>Earlier turns for the model: the last few messages, each cut to a bounded length.</summary>
    public IReadOnlyList<ChatMessage> HistoryOf(Conversation? conversation) =>
        conversation is null ? [] : TranscriptFormatter.ForModel(conversation.Messages, options.Value.HistoryMessages);

    public async Task RecordQuestionAsync(Actor actor, Conversation conversation, string question, CancellationToken ct) =>
        await store.AppendAsync(actor, conversation.Id, new ConversationMessage { Role = "user", Content = question }, ct);

    /// <summary>
    /// Keeps what the user saw: the (partial) answer, marked when it was stopped, or why there was none. A failure to
    /// store it is logged, not thrown: the user has the answer already.
    /// </summary>
    public async Task RecordAnswerAsync(Actor actor, Conversation? conversation, AnswerProgress answer, AnswerFailed? failed, bool stopped,
        CancellationToken ct)
    {
        if (conversation is null || (!answer.HasText && failed is null && !answer.Started)) return;
        try
        {
            await store.AppendAsync(actor, conversation.Id, new ConversationMessage
            {
                Role = "assistant",
                Content = TranscriptFormatter.StoredAnswer(answer.Text, failed?.Message, stopped),
                Specialist = answer.Specialists.Count > 0 ? answer.Specialists.DisplayNames() : null,
                ToolCalls = answer.ToolsCalled is { Count: > 0 } calls ? string.Join("\n", calls.Select(c => c.Display)) : null,
            }, ct);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The assistant's answer could not be stored in conversation {Conversation}", conversation.Id);
        }
    }
}
