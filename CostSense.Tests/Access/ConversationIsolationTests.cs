using CostSense.Core.Access;
using CostSense.Core.Conversations;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Access;

/// <summary>One user's conversations are invisible to every other user, on both stores.</summary>
public abstract class ConversationIsolationTests
{
    protected abstract StoreKind Kind { get; }
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnotherUser_CannotList_Read_Append_OrDelete_SomeonesConversation()
    {
        await using var host = await CoreHost.StartAsync(Kind, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var alice = await host.AddPersonAsync("alice@app.test", AppRoles.Viewer);
        var bob = await host.AddPersonAsync("bob@app.test", AppRoles.Admin);
        var store = host.Get<ConversationStore>();

        var chat = await store.StartAsync(alice, "Why did spend jump last Tuesday?", Ct);
        Assert.True(await store.AppendAsync(alice, chat.Id, new ConversationMessage { Role = "user", Content = "Why did spend jump last Tuesday?" }, Ct));
        Assert.True(await store.AppendAsync(alice, chat.Id, new ConversationMessage { Role = "assistant", Content = "Log ingestion rose 3.5×.", Specialist = "cost analyst" }, Ct));

        // Bob is an Admin, and still sees nothing of Alice's.
        Assert.Empty(await store.ListAsync(bob, 50, Ct));
        Assert.Null(await store.GetAsync(bob, chat.Id, Ct));
        Assert.False(await store.AppendAsync(bob, chat.Id, new ConversationMessage { Role = "user", Content = "injected" }, Ct));
        Assert.False(await store.DeleteAsync(bob, chat.Id, Ct));

        var mine = await store.GetAsync(alice, chat.Id, Ct);
        Assert.NotNull(mine);
        Assert.Equal(["Why did spend jump last Tuesday?", "Log ingestion rose 3.5×."], mine.Messages.Select(m => m.Content));
        Assert.Equal([chat.Id], (await store.ListAsync(alice, 50, Ct)).Select(c => c.Id));
    }

    [Fact]
    public async Task TheAppItself_AndTheSharedGuest_HaveNoConversations()
    {
        await using var host = await CoreHost.StartAsync(Kind, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var store = host.Get<ConversationStore>();
        var guest = new Actor(Actor.AnonymousViewerId, "Guest (read-only)", [AppRoles.Viewer]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.StartAsync(guest, "hello", Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.ListAsync(Actor.System, 10, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => store.ListAsync(Actor.Anonymous, 10, Ct));
    }
}

public sealed class SqliteConversationIsolationTests : ConversationIsolationTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresConversationIsolationTests : ConversationIsolationTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
