using CostSense.Core.Data.Entities;
using Microsoft.Extensions.AI;

namespace CostSense.Core.Conversations;

/// <summary>
/// How the assistant's answers are written into a conversation and read back for the model. A stored answer keeps
/// what the user saw: marked when it was stopped, or followed by why it failed. The model is sent the earlier turns
/// without those marks, each cut to a bounded length.
/// </summary>
public static class TranscriptFormatter
{
    /// <summary>How a stored answer says it was stopped, or why it failed; neither is sent back to the model.</summary>
    internal const string StoppedMark = "*(stopped)*";
    internal const string FailedMark = "⚠ ";
    private const string Separator = "\n\n";

    /// <summary>The longest earlier message sent to the model; longer ones are cut and end in "…".</summary>
    public const int MaxHistoryChars = 2_000;

    /// <summary>The answer as it is stored: its text, then why it failed or that it was stopped.</summary>
    /// <param name="failure">The message the user was shown when the answer failed; null when it did not.</param>
    public static string StoredAnswer(string text, string? failure, bool stopped) =>
        failure is not null ? Join(text, FailedMark + failure) : stopped ? Join(text, StoppedMark) : text;

    /// <summary>Earlier turns for the model: the last <paramref name="take"/> messages, each cut to a bounded length.</summary>
    public static IReadOnlyList<ChatMessage> ForModel(IEnumerable<ConversationMessage> messages, int take) => messages
        .TakeLast(take)
        .Select(m => (m.Role, Content: m.Role == "user" ? m.Content : Unmarked(m.Content).Trim()))
        .Where(m => m.Content.Length > 0)
        .Select(m => new ChatMessage(m.Role == "user" ? ChatRole.User : ChatRole.Assistant,
            m.Content.Length <= MaxHistoryChars ? m.Content : m.Content[..MaxHistoryChars] + "…"))
        .ToList();

    private static string Join(string text, string mark) => text.Length > 0 ? text + Separator + mark : mark;

    /// <summary>The answer as the model should remember it: without the marks the user sees.</summary>
    private static string Unmarked(string content)
    {
        var failed = content.IndexOf(FailedMark, StringComparison.Ordinal);
        if (failed == 0 || (failed > 0 && content.AsSpan(0, failed).EndsWith(Separator))) content = content[..failed];
        return content.EndsWith(StoppedMark, StringComparison.Ordinal) ? content[..^StoppedMark.Length] : content.TrimEnd();
    }
}
