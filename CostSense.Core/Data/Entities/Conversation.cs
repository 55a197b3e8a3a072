namespace CostSense.Core.Data.Entities;

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
