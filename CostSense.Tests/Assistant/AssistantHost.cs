using CostSense.Core.Access;
using CostSense.Core.Assistant;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Sources.Demo;
using CostSense.Tests.Assistant.FakeOllama;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Tests.Assistant;

/// <summary>
/// The Core services as the app wires them, with Ollama:BaseUrl at a fake Ollama server and, when asked for, the
/// seeded demo tenant: the real OllamaSharp client talks HTTP to the fake, the tools read the real store.
/// </summary>
public sealed class AssistantHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private int _users;

    private AssistantHost(FakeOllamaServer ollama, CoreHost core) => (Ollama, Core) = (ollama, core);

    public FakeOllamaServer Ollama { get; }
    public CoreHost Core { get; }
    public ICostAssistant Assistant => Core.Get<ICostAssistant>();

    public static async Task<AssistantHost> StartAsync(bool demoTenant, IDictionary<string, string?>? settings = null, Uri? ollamaUrl = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var ollama = await FakeOllamaServer.StartAsync(ct);
        var config = new Dictionary<string, string?>
        {
            ["Ollama:BaseUrl"] = (ollamaUrl ?? ollama.BaseUrl).ToString(),
            // Every test asks as a user of its own; the limit is tested on its own.
            ["Assistant:QuestionsPerMinute"] = "600",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var core = await CoreHost.StartAsync(StoreKind.Sqlite, Now, config);
        if (demoTenant) await core.Get<IDemoTenantService>().GenerateAsync(Actor.System, ct);
        return new AssistantHost(ollama, core);
    }

    /// <summary>A new signed-in person (conversations belong to real users).</summary>
    public async Task<Actor> NewUserAsync(string role = AppRoles.Analyst)
    {
        var email = $"user{Interlocked.Increment(ref _users)}@assistant.test";
        await using var db = await Core.Get<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var user = new CostSenseUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new Actor(user.Id, email, [role]);
    }

    /// <summary>Asks and collects every event until the answer ends.</summary>
    public async Task<List<AssistantEvent>> AskAsync(Actor actor, string question, Guid? conversation = null)
    {
        var events = new List<AssistantEvent>();
        await foreach (var e in Assistant.AskAsync(actor, conversation, question, TestContext.Current.CancellationToken))
            events.Add(e);
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await Core.DisposeAsync();
        await Ollama.DisposeAsync();
    }
}
