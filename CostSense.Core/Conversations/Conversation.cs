namespace CostSense.Core.Conversations;

/// <summary>A chat with the cost assistant. It belongs to the user who started it and to nobody else.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ConversationMessage> Messages { get; set; } = [];
}

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
