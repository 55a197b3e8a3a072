using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace CostSense.Core.Assistant;

/// <summary>
/// One answer as it is being given: writes its events for the reader of <see cref="ICostAssistant.AskAsync"/> and
/// keeps what the user saw (the text so far, who answered, the tools called) for the stored conversation. Used by
/// one run at a time; never throws when the reader has gone.
/// </summary>
public sealed class AnswerProgress(ChannelWriter<AssistantEvent> events)
{
    private readonly StringBuilder _text = new();

    /// <summary>The answer's text so far (Markdown).</summary>
    public string Text => _text.ToString();

    public bool HasText => _text.Length > 0;

    /// <summary>Who answers; null until the question was routed.</summary>
    public SpecialistKind? Specialist { get; private set; }

    /// <summary>The specialist's tools as this answer offers them; null until the answer started.</summary>
    public ToolGuard? Guard { get; private set; }

    public void Emit(AssistantEvent e) => events.TryWrite(e);

    public void RoutedTo(SpecialistKind specialist)
    {
        Specialist = specialist;
        Emit(new Routed(specialist));
    }

    /// <summary>Offers these tools to the answer, behind a guard that records each call.</summary>
    public ToolGuard UseTools(IReadOnlyList<AIFunction> tools) => Guard = new ToolGuard(tools);

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
        if (Guard is null) return;
        foreach (var call in Guard.TakeNew()) Emit(new ToolCalled(call));
    }

    /// <summary>Ends the stream of events; the reader sees no more.</summary>
    public void Complete() => events.TryComplete();
}
