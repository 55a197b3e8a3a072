using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Conversations;

/// <summary>
/// Stores each user's conversations. Every read and write is filtered by the actor's id, so one user's
/// conversation is invisible to another: asking for someone else's gives "not found", not "forbidden".
/// </summary>
public sealed class ConversationStore(IDbContextFactory<CostSenseDbContext> dbFactory, TimeProvider time)
{
    public const int MaxTitle = 120;
    public const int MaxContent = 32_000;

    public async Task<Conversation> StartAsync(Actor actor, string firstQuestion, CancellationToken ct)
    {
        Demand(actor);
        var now = time.GetUtcNow();
        var title = firstQuestion.Trim().ReplaceLineEndings(" ");
        var conversation = new Conversation
        {
            Id = Guid.NewGuid(), OwnerId = actor.Id, CreatedAt = now, UpdatedAt = now,
            Title = title.Length <= MaxTitle ? title : title[..(MaxTitle - 1)] + "…",
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    /// <returns>False when the conversation does not exist or is not the actor's.</returns>
    public async Task<bool> AppendAsync(Actor actor, Guid conversationId, ConversationMessage message, CancellationToken ct)
    {
        Demand(actor);
        if (message.Role is not ("user" or "assistant")) throw new ArgumentException($"Unknown role '{message.Role}'.", nameof(message));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId && c.OwnerId == actor.Id, ct);
        if (conversation is null) return false;
        var now = time.GetUtcNow();
        message.Id = 0;
        message.ConversationId = conversationId;
        message.At = now;
        if (message.Content.Length > MaxContent) message.Content = message.Content[..MaxContent];
        conversation.UpdatedAt = now;
        db.ConversationMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The actor's conversations, most recently active first (without their messages).</summary>
    public async Task<IReadOnlyList<Conversation>> ListAsync(Actor actor, int take, CancellationToken ct)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Conversations.AsNoTracking().Where(c => c.OwnerId == actor.Id).ToListAsync(ct);
        // Sorted in memory: SQLite cannot order by DateTimeOffset, and one user's list is short.
        return rows.OrderByDescending(c => c.UpdatedAt).Take(Math.Clamp(take, 1, 200)).ToList();
    }

    /// <returns>The conversation with its messages in order, or null when it is not the actor's.</returns>
    public async Task<Conversation?> GetAsync(Actor actor, Guid conversationId, CancellationToken ct)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking()
            .Include(c => c.Messages.OrderBy(m => m.Id))
            .SingleOrDefaultAsync(c => c.Id == conversationId && c.OwnerId == actor.Id, ct);
        return conversation;
    }

    public async Task<bool> DeleteAsync(Actor actor, Guid conversationId, CancellationToken ct)
    {
        Demand(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Conversations.Where(c => c.Id == conversationId && c.OwnerId == actor.Id).ExecuteDeleteAsync(ct) > 0;
    }

    private static void Demand(Actor actor)
    {
        actor.Demand(Permission.Read);
        // Conversations are personal: the app itself and the shared anonymous viewer have none.
        if (!actor.IsPerson) throw new AccessDeniedException(actor, Permission.Read);
    }
}
