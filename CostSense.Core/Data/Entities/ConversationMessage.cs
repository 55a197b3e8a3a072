namespace CostSense.Core.Data.Entities;

/// <summary>One message of a <see cref="Conversation"/>: the user's question or the assistant's answer.</summary>
public sealed class ConversationMessage
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    public required string Role { get; set; }
    public required string Content { get; set; }
    /// <summary>Which specialist answered (assistant messages).</summary>
    public string? Specialist { get; set; }
    /// <summary>The tool calls behind the answer, as the panel shows them ("get_top_costs(month: 2026-11)").</summary>
    public string? ToolCalls { get; set; }
    public DateTimeOffset At { get; set; }
}
