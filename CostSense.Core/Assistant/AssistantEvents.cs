namespace CostSense.Core.Assistant;

/// <summary>
/// What <see cref="ICostAssistant.AskAsync"/> reports while it answers one question, in the order that method
/// describes. Each event is a record of its own below.
/// </summary>
public abstract record AssistantEvent;

/// <summary>The conversation the question and its answer are stored in (<see cref="Guid.Empty"/> when the actor has none, e.g. the shared guest).</summary>
public sealed record ConversationOpened(Guid ConversationId, string Title) : AssistantEvent;

/// <summary>Others' questions are being answered first; <see cref="Position"/> 1 is next.</summary>
public sealed record Queued(int Position) : AssistantEvent;

/// <summary>Who answers: one specialist, or two for a question on two topics, each answering its part in this order.</summary>
public sealed record Routed(IReadOnlyList<SpecialistKind> Specialists) : AssistantEvent
{
    public Routed(SpecialistKind specialist) : this([specialist]) { }

    public SpecialistKind Specialist => Specialists[0];

    /// <summary>"compute optimizer", or "compute optimizer and storage optimizer".</summary>
    public string SpecialistName => Specialists.DisplayNames();
}

/// <summary>The next piece of the answer's text (Markdown).</summary>
public sealed record TextDelta(string Text) : AssistantEvent;

public sealed record ToolCalled(ToolCallInfo Call) : AssistantEvent;

public sealed record AnswerCompleted(string Text) : AssistantEvent;

/// <summary>The answer could not be (fully) given; <see cref="Message"/> says why in words a user can act on.</summary>
public sealed record AnswerFailed(AssistantProblem Problem, string Message, string? FixCommand = null) : AssistantEvent;
