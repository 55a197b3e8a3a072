using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CostSense.Core.Access;
using CostSense.Core.Assistant;
using CostSense.Core.Data.Entities;

namespace CostSense.Tests.Components.Assistant;

/// <summary>
/// The assistant as a test scripts it. Each question's answer is read from <see cref="Answer"/>, so a test pushes
/// events one by one and looks at the render between them; <see cref="Processed"/> counts the events the chat has
/// finished with (the code after a yield runs when the consumer asks for the next one).
/// </summary>
public sealed class FakeCostAssistant : ICostAssistant
{
    private readonly Lock _gate = new();
    private readonly List<Question> _asked = [];
    private readonly List<bool> _statusRefreshes = [];
    private int _processed;

    public sealed record Question(Actor Actor, Guid? ConversationId, string Text, CancellationToken Token);

    public Channel<AssistantEvent> Answer { get; private set; } = Channel.CreateUnbounded<AssistantEvent>();

    public OllamaStatus Status { get; set; } = Ready();

    public Dictionary<Guid, Conversation> Stored { get; } = [];

    public IReadOnlyList<string> SuggestedQuestions { get; set; } =
        ["What are my top cost drivers this month?", "Which VMs can I downsize?", "Where can I save on storage?"];

    public IReadOnlyList<Question> Asked { get { lock (_gate) return [.. _asked]; } }

    /// <summary>The refresh flag of each status call.</summary>
    public IReadOnlyList<bool> StatusRefreshes { get { lock (_gate) return [.. _statusRefreshes]; } }

    public int Processed => Volatile.Read(ref _processed);

    public List<QuickAction> QuickAsked { get; } = [];

    public void Push(params AssistantEvent[] events)
    {
        foreach (var e in events)
            if (!Answer.Writer.TryWrite(e)) throw new InvalidOperationException("The answer has ended.");
    }

    /// <summary>Ends the current answer's stream and readies a fresh one for the next question.</summary>
    public void EndAnswer()
    {
        Answer.Writer.TryComplete();
        Answer = Channel.CreateUnbounded<AssistantEvent>();
    }

    public async IAsyncEnumerable<AssistantEvent> AskAsync(Actor actor, Guid? conversationId, string question, [EnumeratorCancellation] CancellationToken ct)
    {
        lock (_gate) _asked.Add(new Question(actor, conversationId, question, ct));
        var answer = Answer;
        await foreach (var e in answer.Reader.ReadAllAsync(ct))
        {
            yield return e;
            Interlocked.Increment(ref _processed);
        }
    }

    public Task<OllamaStatus> StatusAsync(bool refresh, CancellationToken ct)
    {
        lock (_gate) _statusRefreshes.Add(refresh);
        return Task.FromResult(Status);
    }

    public Task<QuickAnswer> QuickAsync(Actor actor, QuickAction action, CancellationToken ct)
    {
        QuickAsked.Add(action);
        return Task.FromResult(action switch
        {
            QuickAction.TopCostDrivers => new QuickAnswer("Top cost drivers this month",
                "| Service | Cost |\n|---|---:|\n| Virtual Machines | $1,200.00 |\n| Storage | $300.00 |",
                new ToolCallInfo("get_top_costs", [new("month", "2026-03")])),
            _ => new QuickAnswer(action.ToString(), "Nothing to report.", new ToolCallInfo("get_" + action.ToString().ToLowerInvariant(), [])),
        });
    }

    public Task<IReadOnlyList<Conversation>> ConversationsAsync(Actor actor, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Conversation>>([.. Stored.Values.OrderByDescending(c => c.UpdatedAt)]);

    public Task<Conversation?> OpenAsync(Actor actor, Guid conversationId, CancellationToken ct) =>
        Task.FromResult(Stored.GetValueOrDefault(conversationId));

    public Task<bool> DeleteAsync(Actor actor, Guid conversationId, CancellationToken ct) => Task.FromResult(Stored.Remove(conversationId));

    public static OllamaStatus Ready() =>
        new(OllamaState.Ready, "llama3.2", "http://localhost:11434", "0.6.0", "Ollama 0.6.0 is running llama3.2.", null, DateTimeOffset.UnixEpoch);

    public static OllamaStatus Unreachable() =>
        new(OllamaState.Unreachable, "llama3.2", "http://localhost:11434", null, "Ollama is not answering at http://localhost:11434.",
            "docker compose -f docker-compose.azure.yml up -d ollama", DateTimeOffset.UnixEpoch);
}
