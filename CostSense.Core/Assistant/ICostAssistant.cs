using CostSense.Core.Access;
using CostSense.Core.Data.Entities;

namespace CostSense.Core.Assistant;

/// <summary>
/// The cost assistant as the panel sees it: ask a question and get its answer as a stream of events; the model's
/// status; quick answers that run the tools without a model; the user's stored conversations.
/// </summary>
public interface ICostAssistant
{
    /// <summary>
    /// Answers one question. The first event is <see cref="ConversationOpened"/> (a new conversation when
    /// <paramref name="conversationId"/> is null), then <see cref="Queued"/> while others are being answered,
    /// <see cref="Routed"/>, <see cref="TextDelta"/>s and <see cref="ToolCalled"/>s, and last either
    /// <see cref="AnswerCompleted"/> or <see cref="AnswerFailed"/>. Cancelling stops the model; the partial answer is kept.
    /// </summary>
    IAsyncEnumerable<AssistantEvent> AskAsync(Actor actor, Guid? conversationId, string question, CancellationToken ct);

    /// <summary>What the Ollama server says about itself and the configured model (cached for a few seconds).</summary>
    Task<OllamaStatus> StatusAsync(bool refresh, CancellationToken ct);

    /// <summary>Runs one of the data answers directly against the store: no model involved.</summary>
    Task<QuickAnswer> QuickAsync(Actor actor, QuickAction action, CancellationToken ct);

    /// <summary>Questions to offer in an empty chat.</summary>
    IReadOnlyList<string> SuggestedQuestions { get; }

    Task<IReadOnlyList<Conversation>> ConversationsAsync(Actor actor, CancellationToken ct);

    /// <returns>The conversation with its messages, or null when it is not the actor's.</returns>
    Task<Conversation?> OpenAsync(Actor actor, Guid conversationId, CancellationToken ct);

    Task<bool> DeleteAsync(Actor actor, Guid conversationId, CancellationToken ct);
}
