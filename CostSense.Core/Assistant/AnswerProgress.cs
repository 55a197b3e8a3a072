using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace CostSense.Core.Assistant;

/// <summary>
/// One answer as it is being given: writes its events for the reader of <see cref="ICostAssistant.AskAsync"/> and
/// keeps what the user saw (the text so far, who answered, the tools called) for the stored conversation. Used by
/// one run at a time; never throws when the reader has gone. A two-topic answer has two specialists, each with its
/// own tools.
/// </summary>
public sealed class AnswerProgress(ChannelWriter<AssistantEvent> events)
{
    private readonly StringBuilder _text = new();
    private readonly List<ToolGuard> _guards = [];

    /// <summary>The answer's text so far (Markdown).</summary>
    public string Text => _text.ToString();

    public bool HasText => _text.Length > 0;

    /// <summary>How many characters of answer were shown so far.</summary>
    public int Length => _text.Length;

    /// <summary>Who answers, in order; empty until the question was routed.</summary>
    public IReadOnlyList<SpecialistKind> Specialists { get; private set; } = [];

    /// <summary>Whether a specialist started answering (its tools were offered).</summary>
    public bool Started => _guards.Count > 0;

    /// <summary>Every tool call of this answer, in order, across its specialists.</summary>
    public IReadOnlyList<ToolCallInfo> ToolsCalled => [.. _guards.SelectMany(g => g.Called)];

    public void Emit(AssistantEvent e) => events.TryWrite(e);

    public void RoutedTo(IReadOnlyList<SpecialistKind> specialists)
    {
        Specialists = specialists;
        Emit(new Routed(specialists));
    }

    /// <summary>Offers these tools to (this part of) the answer, behind a guard that records each call.</summary>
    public ToolGuard UseTools(IReadOnlyList<AIFunction> tools)
    {
        var guard = new ToolGuard(tools);
        _guards.Add(guard);
        return guard;
    }

    /// <summary>Adds text to the answer and shows it.</summary>
    public void Write(string text)
    {
        if (text.Length == 0) return;
        _text.Append(text);
        Emit(new TextDelta(text));
    }

    /// <summary>Shows the tool calls made since the last report.</summary>
    public void ReportTools()
    {
        foreach (var guard in _guards)
            foreach (var call in guard.TakeNew()) Emit(new ToolCalled(call));
    }

    /// <summary>Ends the stream of events; the reader sees no more.</summary>
    public void Complete() => events.TryComplete();
}
