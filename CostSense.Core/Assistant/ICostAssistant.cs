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

/// <summary>Who answers: the orchestrator itself (small talk, no tools) or one of the four specialists.</summary>
public enum SpecialistKind { Orchestrator, CostAnalyst, ComputeOptimizer, StorageOptimizer, FinOpsAdvisor }

public static class Specialists
{
    /// <summary>The name the panel shows ("compute optimizer").</summary>
    public static string DisplayName(this SpecialistKind kind) => kind switch
    {
        SpecialistKind.CostAnalyst => "cost analyst",
        SpecialistKind.ComputeOptimizer => "compute optimizer",
        SpecialistKind.StorageOptimizer => "storage optimizer",
        SpecialistKind.FinOpsAdvisor => "FinOps advisor",
        _ => "orchestrator",
    };
}

public abstract record AssistantEvent;

/// <summary>The conversation the question and its answer are stored in (<see cref="Guid.Empty"/> when the actor has none, e.g. the shared guest).</summary>
public sealed record ConversationOpened(Guid ConversationId, string Title) : AssistantEvent;

/// <summary>Others' questions are being answered first; <see cref="Position"/> 1 is next.</summary>
public sealed record Queued(int Position) : AssistantEvent;

public sealed record Routed(SpecialistKind Specialist) : AssistantEvent
{
    public string SpecialistName => Specialist.DisplayName();
}

/// <summary>The next piece of the answer's text (Markdown).</summary>
public sealed record TextDelta(string Text) : AssistantEvent;

public sealed record ToolCalled(ToolCallInfo Call) : AssistantEvent;

public sealed record AnswerCompleted(string Text) : AssistantEvent;

/// <summary>The answer could not be (fully) given; <see cref="Message"/> says why in words a user can act on.</summary>
public sealed record AnswerFailed(AssistantProblem Problem, string Message, string? FixCommand = null) : AssistantEvent;

public enum AssistantProblem { OllamaUnreachable, ModelMissing, Timeout, ModelError, RateLimited, InvalidQuestion, StoreUnavailable }

/// <summary>A tool the answer used, with its arguments as given ("get_vm_recommendations(resourceGroup: rg-production)").</summary>
public sealed record ToolCallInfo(string Name, IReadOnlyList<KeyValuePair<string, string>> Arguments)
{
    public string Display => $"{Name}({string.Join(", ", Arguments.Select(a => $"{a.Key}: {a.Value}"))})";

    public override string ToString() => Display;
}

public enum OllamaState { Ready, Unreachable, ModelMissing, Error }

/// <summary>The Ollama server's own report (<c>/api/version</c>, <c>/api/tags</c>) and what to do about it.</summary>
public sealed record OllamaStatus(OllamaState State, string Model, string BaseUrl, string? Version, string Message, string? FixCommand, DateTimeOffset CheckedAt)
{
    public bool IsReady => State == OllamaState.Ready;
}

public enum QuickAction { TopCostDrivers, BiggestSavings, Anomalies }

/// <summary>A data answer without a model: a title, Markdown with the figures the pages show, and the tool it ran.</summary>
public sealed record QuickAnswer(string Title, string Markdown, ToolCallInfo Tool);
