using System.Text;
using CostSense.Core.Assistant;
using CostSense.Core.Data.Entities;

namespace CostSense.Web.Components.Assistant;

/// <summary>
/// One message of the chat. The answer being written is changed in place on every event; its
/// <see cref="ChatMessageView"/> re-renders only when <see cref="Version"/> moved since its last render and the
/// chat asks it to (<see cref="NotifyChanged"/>), so a stream of tokens does not re-render the whole list.
/// Changed only on the renderer's dispatcher.
/// </summary>
public sealed class ChatEntry
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _tools = [];

    private ChatEntry(ChatEntryRole role, ChatEntryStatus status) => (Role, Status) = (role, status);

    public ChatEntryRole Role { get; }
    public ChatEntryStatus Status { get; private set; }
    /// <summary>Bumped by every change; a view compares it with the version it last rendered.</summary>
    public int Version { get; private set; }
    public string Text => _text.ToString();
    public bool HasText => _text.Length > 0;
    /// <summary>Who answered ("compute optimizer"), or the title of a quick answer.</summary>
    public string? Specialist { get; private set; }
    public IReadOnlyList<string> Tools => _tools;
    /// <summary>How many questions are answered before this one; null once it is being answered.</summary>
    public int? QueuePosition { get; private set; }
    public string? FailureMessage { get; private set; }
    public string? FixCommand { get; private set; }

    public bool IsActive => Status is ChatEntryStatus.Waiting or ChatEntryStatus.Streaming;

    /// <summary>Raised when the chat wants this message's view to show its latest state.</summary>
    public event Action? Changed;

    public static ChatEntry Question(string text) => new ChatEntry(ChatEntryRole.User, ChatEntryStatus.Done).Append(text);

    public static ChatEntry PendingAnswer() => new(ChatEntryRole.Assistant, ChatEntryStatus.Waiting);

    public static ChatEntry Stored(ConversationMessage message)
    {
        var entry = new ChatEntry(message.Role == "user" ? ChatEntryRole.User : ChatEntryRole.Assistant, ChatEntryStatus.Done)
        {
            Specialist = string.IsNullOrWhiteSpace(message.Specialist) ? null : message.Specialist,
        };
        entry._tools.AddRange((message.ToolCalls ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return entry.Append(message.Content);
    }

    public void NotifyChanged() => Changed?.Invoke();

    public ChatEntry Append(string text)
    {
        _text.Append(text);
        QueuePosition = null;
        if (Status == ChatEntryStatus.Waiting) Status = ChatEntryStatus.Streaming;
        return Touch();
    }

    public ChatEntry Queue(int position)
    {
        QueuePosition = Math.Max(position, 1);
        return Touch();
    }

    public ChatEntry RouteTo(string specialist)
    {
        (Specialist, QueuePosition) = (specialist, null);
        return Touch();
    }

    public ChatEntry AddTool(string display)
    {
        _tools.Add(display);
        QueuePosition = null;
        return Touch();
    }

    /// <summary>The answer is complete; its final text, when given, replaces what the deltas built.</summary>
    public ChatEntry Complete(string? finalText = null)
    {
        if (!string.IsNullOrEmpty(finalText)) _text.Clear().Append(finalText);
        (Status, QueuePosition) = (ChatEntryStatus.Done, null);
        return Touch();
    }

    public ChatEntry Complete(QuickAnswer answer)
    {
        Specialist = answer.Title;
        _tools.Add(answer.Tool.Display);
        return Complete(answer.Markdown);
    }

    /// <summary>The user stopped the answer: what was written so far stays.</summary>
    public ChatEntry Stop()
    {
        if (!IsActive) return this;
        (Status, QueuePosition) = (ChatEntryStatus.Stopped, null);
        return Touch();
    }

    public ChatEntry Fail(string message, string? fixCommand = null)
    {
        (Status, QueuePosition, FailureMessage, FixCommand) = (ChatEntryStatus.Failed, null, message, fixCommand);
        return Touch();
    }

    private ChatEntry Touch()
    {
        Version++;
        return this;
    }
}
