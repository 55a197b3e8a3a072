using System.Text.Json;
using System.Text.Json.Nodes;
using CostSense.Core.Assistant;
using CostSense.Core.Assistant.Routing;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using CostSense.Tests.Assistant.FakeOllama;

namespace CostSense.Tests.Assistant;

/// <summary>
/// The orchestrator end to end through the real OllamaSharp client and a fake Ollama over HTTP, over the seeded demo
/// tenant: routing, tool calls (real and written as text), the figures in the answer, the stored conversation.
/// </summary>
public sealed class CostAssistantTests(CostAssistantTests.Fixture fixture) : IClassFixture<CostAssistantTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AssistantHost Host { get; private set; } = null!;
        public async ValueTask InitializeAsync() => Host = await AssistantHost.StartAsync(demoTenant: true);
        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private AssistantHost Host => fixture.Host;
    private FakeOllamaServer Ollama => Host.Ollama;

    /// <summary>A model that reads the tool result it was sent and says one figure from it: the test then knows the figure travelled.</summary>
    private static Reply Quote(string field, string before, string after) => Reply.Dynamic(request =>
    {
        var tool = request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.GetValue<string>();
        var result = JsonNode.Parse(tool)!;
        // OllamaSharp wraps the function's return value: {"CallId":…,"Result":"<the tool's JSON>"}.
        if (result["Result"] is { } wrapped) result = wrapped.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(wrapped.GetValue<string>())! : wrapped;
        var figure = result[field]?.ToString() ?? throw new InvalidOperationException($"The tool result has no {field}: {result.ToJsonString()}");
        return Reply.Text(before, figure, after);
    });

    [Fact]
    public async Task AComputeQuestion_GoesToTheComputeOptimizer_WhoseToolsFiguresReachTheAnswer()
    {
        var actor = await Host.NewUserAsync();
        var grid = await Host.Core.Get<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute,
            Status: RecommendationStatus.Open, ResourceGroup: "rg-prod-api"), Ct);
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(
            Reply.ToolCall("get_vm_recommendations", new { resourceGroup = "rg-prod-api" }),
            Quote("totalMonthlySavings", "Resizing and reserving in rg-prod-api saves ", " a month."));

        var events = await Host.AskAsync(actor, "Which VMs should I resize in rg-prod-api?");

        Assert.IsType<ConversationOpened>(events[0]);
        Assert.Equal(SpecialistKind.ComputeOptimizer, Assert.Single(events.OfType<Routed>()).Specialist);
        Assert.Equal("get_vm_recommendations(resourceGroup: rg-prod-api)", Assert.Single(events.OfType<ToolCalled>()).Call.Display);
        Assert.False(events[^1] is AnswerFailed, $"{events[^1]}: {Ollama.Requests[^1].ToJsonString()}");
        var answer = Assert.IsType<AnswerCompleted>(events[^1]).Text;
        Assert.Equal($"Resizing and reserving in rg-prod-api saves {MoneyFormat.Format(grid.TotalMonthlySavings, "USD")} a month.", answer);
        Assert.Equal(3, events.OfType<TextDelta>().Count());

        // What went over the wire: the compute tools only, the low temperature, today's dates, then the tool's result.
        var requests = Ollama.Requests.Skip(first).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(["get_compute_savings", "get_vm_recommendations", "get_vm_utilization"],
            requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).Order());
        Assert.Equal(0.1, requests[0]["options"]!["temperature"]!.GetValue<double>(), 3);
        Assert.Contains("Today is Friday 2026-11-20", requests[0]["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Contains(MoneyFormat.Format(grid.TotalMonthlySavings, "USD"), requests[1]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>());

        // And the conversation is stored with who answered and which tools it used.
        var stored = await Host.Assistant.OpenAsync(actor, ((ConversationOpened)events[0]).ConversationId, Ct);
        Assert.Equal(["user", "assistant"], stored!.Messages.Select(m => m.Role));
        Assert.Equal(answer, stored.Messages[1].Content);
        Assert.Equal("compute optimizer", stored.Messages[1].Specialist);
        Assert.Equal("get_vm_recommendations(resourceGroup: rg-prod-api)", stored.Messages[1].ToolCalls);
    }

    [Fact]
    public async Task AToolCallWrittenAsFencedJson_IsRun_AndNeverShownAsText()
    {
        var actor = await Host.NewUserAsync();
        var summary = await Host.Core.Get<IRecommendationService>().SummaryAsync(Ct);
        Ollama.Enqueue(
            Reply.FencedJsonToolCall("get_savings_summary", new { }),
            Quote("openMonthlySavings", "You can save ", " a month."));

        var events = await Host.AskAsync(actor, "What is the ROI and payback of the open recommendations?");

        Assert.Equal(SpecialistKind.FinOpsAdvisor, Assert.Single(events.OfType<Routed>()).Specialist);
        Assert.Equal("get_savings_summary()", Assert.Single(events.OfType<ToolCalled>()).Call.Display);
        Assert.DoesNotContain(events.OfType<TextDelta>(), d => d.Text.Contains('{') || d.Text.Contains("```"));
        Assert.Equal($"You can save {MoneyFormat.Format(summary.OpenMonthlySavings, "USD")} a month.", Assert.IsType<AnswerCompleted>(events[^1]).Text);
    }

    [Fact]
    public async Task ARepeatedIdenticalCall_IsRefusedOnce_AndTheModelAnswers()
    {
        var actor = await Host.NewUserAsync();
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(
            Reply.ToolCall("get_anomalies", new { from = "2026-09-01" }),
            Reply.ToolCall("get_anomalies", new { from = "2026-09-01" }),
            Reply.Text("Two anomalies stand out."));

        var events = await Host.AskAsync(actor, "Were there any cost anomalies since September?");

        Assert.Equal("get_anomalies(from: 2026-09-01)", Assert.Single(events.OfType<ToolCalled>()).Call.Display);
        Assert.Equal("Two anomalies stand out.", Assert.IsType<AnswerCompleted>(events[^1]).Text);
        var third = Ollama.Requests[first + 2]["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        Assert.Contains("You already called get_anomalies with these arguments", third);
    }

    [Fact]
    public async Task AnUnsureQuestion_IsRoutedByTheModel_InOneShortCallWithoutTools()
    {
        var actor = await Host.NewUserAsync();
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(Reply.Json(new { specialist = "storage" }), Reply.Text("rg-prod-data keeps its logs forever."));

        var events = await Host.AskAsync(actor, "Is rg-prod-data in good shape?");

        Assert.Equal(SpecialistKind.StorageOptimizer, Assert.Single(events.OfType<Routed>()).Specialist);
        var classify = Ollama.Requests[first];
        Assert.Null(classify["tools"]);
        Assert.False(classify["stream"]!.GetValue<bool>());
        Assert.Equal(ModelRouting.Prompt, classify["messages"]![0]!["content"]!.GetValue<string>());
        Assert.NotNull(classify["format"]);
        Assert.Equal(["get_storage_recommendations", "get_storage_savings"],
            Ollama.Requests[first + 1]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task ATwoTopicQuestion_IsAnsweredByBothSpecialists_EachOnItsPart_InOneAnswer_StoredWithBoth()
    {
        var actor = await Host.NewUserAsync();
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(
            Reply.ToolCall("get_compute_savings", new { }),
            Quote("openMonthlySavings", "Idle VMs: ", " a month."),
            Reply.ToolCall("get_storage_savings", new { }),
            Quote("openMonthlySavings", "Blob tiers: ", " a month."));
        var summary = await Host.Core.Get<IRecommendationService>().SummaryAsync(Ct);
        string Open(RecommendationKind kind) => MoneyFormat.Format(
            summary.ByCategory.Where(c => CostSense.Core.Assistant.Tools.RecommendationRows.KindOf(c.Category) == kind).Sum(c => c.MonthlySavings), "USD");

        var events = await Host.AskAsync(actor, "which VMs are idle, and can we also cut our blob costs?");

        var routed = Assert.Single(events.OfType<Routed>());
        Assert.Equal([SpecialistKind.ComputeOptimizer, SpecialistKind.StorageOptimizer], routed.Specialists);
        Assert.Equal("compute optimizer and storage optimizer", routed.SpecialistName);
        Assert.Equal(["get_compute_savings()", "get_storage_savings()"], events.OfType<ToolCalled>().Select(t => t.Call.Display));
        var answer = Assert.IsType<AnswerCompleted>(events[^1]).Text;
        Assert.Equal($"**Compute optimizer**\n\nIdle VMs: {Open(RecommendationKind.Compute)} a month.\n\n**Storage optimizer**\n\nBlob tiers: {Open(RecommendationKind.Storage)} a month.", answer);

        // Each specialist had its own tools and its own clause, and knew another answers the rest.
        static string[] Tools(JsonNode request) => [.. request["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).Order()];
        static string Last(JsonNode request) => request["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"]!.GetValue<string>();
        var requests = Ollama.Requests.Skip(first).ToList();
        Assert.Equal(4, requests.Count);
        Assert.Equal(["get_compute_savings", "get_vm_recommendations", "get_vm_utilization"], Tools(requests[0]));
        Assert.Equal("which VMs are idle", Last(requests[0]));
        Assert.Contains("the storage optimizer answers the rest", requests[0]["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(["get_storage_recommendations", "get_storage_savings"], Tools(requests[2]));
        Assert.Equal("can we also cut our blob costs", Last(requests[2]));
        Assert.Contains("the compute optimizer answers the rest", requests[2]["messages"]![0]!["content"]!.GetValue<string>());

        var stored = await Host.Assistant.OpenAsync(actor, ((ConversationOpened)events[0]).ConversationId, Ct);
        Assert.Equal(answer, stored!.Messages[1].Content);
        Assert.Equal("compute optimizer and storage optimizer", stored.Messages[1].Specialist);
        Assert.Equal("get_compute_savings()\nget_storage_savings()", stored.Messages[1].ToolCalls);
    }

    [Fact]
    public async Task SmallTalk_IsAnsweredByTheOrchestrator_WithoutTools()
    {
        var actor = await Host.NewUserAsync();
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(Reply.Text("Hello! Ask me about your spend."));

        var events = await Host.AskAsync(actor, "Hello!");

        Assert.Equal(SpecialistKind.Orchestrator, Assert.Single(events.OfType<Routed>()).Specialist);
        Assert.Null(Ollama.Requests[first]["tools"]);
        Assert.Equal("Hello! Ask me about your spend.", Assert.IsType<AnswerCompleted>(events[^1]).Text);
    }

    [Fact]
    public async Task AFollowUpQuestion_CarriesTheConversationSoFar()
    {
        var actor = await Host.NewUserAsync();
        Ollama.Enqueue(Reply.Text("Hello there."));
        var opened = (ConversationOpened)(await Host.AskAsync(actor, "Hi"))[0];
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(Reply.Text("You said hi."));

        var events = await Host.AskAsync(actor, "thanks, what did I say?", opened.ConversationId);

        Assert.Equal(opened.ConversationId, ((ConversationOpened)events[0]).ConversationId);
        var sent = Ollama.Requests[first]["messages"]!.AsArray().Skip(1).Select(m => (m!["role"]!.GetValue<string>(), m["content"]!.GetValue<string>()));
        Assert.Equal([("user", "Hi"), ("assistant", "Hello there."), ("user", "thanks, what did I say?")], sent);
        Assert.Equal(4, (await Host.Assistant.OpenAsync(actor, opened.ConversationId, Ct))!.Messages.Count);
    }

    [Fact]
    public async Task SomeoneElsesConversation_CannotBeContinued()
    {
        var alice = await Host.NewUserAsync();
        var bob = await Host.NewUserAsync();
        Ollama.Enqueue(Reply.Text("Hello Alice."));
        var opened = (ConversationOpened)(await Host.AskAsync(alice, "Hi"))[0];
        var before = Ollama.ChatRequestCount;

        var events = await Host.AskAsync(bob, "What did Alice ask?", opened.ConversationId);

        Assert.Equal(AssistantProblem.InvalidQuestion, Assert.IsType<AnswerFailed>(Assert.Single(events)).Problem);
        Assert.Equal(before, Ollama.ChatRequestCount);
        Assert.Equal(2, (await Host.Assistant.OpenAsync(alice, opened.ConversationId, Ct))!.Messages.Count);
    }

    [Fact]
    public async Task ModelAndToolCalls_AreTraced_UnderTheAssistantsActivitySource()
    {
        var actor = await Host.NewUserAsync();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == OllamaConnection.TraceSource,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        Ollama.Enqueue(Reply.ToolCall("get_compute_savings", new { }), Reply.Text("Done."));

        await Host.AskAsync(actor, "How much can we save on idle VMs?");

        Assert.True(spans.Any(s => s.DisplayName == "chat llama3.2"), string.Join(", ", spans.Select(s => $"{s.Source.Name}:{s.DisplayName}")));
        Assert.True(spans.Any(s => s.DisplayName == "execute_tool get_compute_savings"), string.Join(", ", spans.Select(s => s.DisplayName)));
    }

    [Fact]
    public async Task TheSharedGuest_GetsAnswers_ButKeepsNoConversation()
    {
        var guest = new CostSense.Core.Access.Actor(CostSense.Core.Access.Actor.AnonymousViewerId, "Guest (read-only)", [CostSense.Core.Access.AppRoles.Viewer]);
        Ollama.Enqueue(Reply.Text("Hello, guest."));

        var events = await Host.AskAsync(guest, "Hello");

        Assert.Equal(Guid.Empty, Assert.IsType<ConversationOpened>(events[0]).ConversationId);
        Assert.Equal("Hello, guest.", Assert.IsType<AnswerCompleted>(events[^1]).Text);
        Assert.Empty(await Host.Assistant.ConversationsAsync(guest, Ct));
    }

    [Fact]
    public async Task QuickAnswers_CarryTheDashboardsAndTheSavingsPagesFigures_WithoutAModel()
    {
        var actor = await Host.NewUserAsync();
        var before = Ollama.ChatRequestCount;
        var summary = await Host.Core.Get<IRecommendationService>().SummaryAsync(Ct);

        var drivers = await Host.Assistant.QuickAsync(actor, QuickAction.TopCostDrivers, Ct);
        var savings = await Host.Assistant.QuickAsync(actor, QuickAction.BiggestSavings, Ct);
        var anomalies = await Host.Assistant.QuickAsync(actor, QuickAction.Anomalies, Ct);

        Assert.Equal(before, Ollama.ChatRequestCount);
        Assert.Equal("get_cost_breakdown", drivers.Tool.Name);
        Assert.Contains("| Service | Cost | Share |", drivers.Markdown);
        Assert.Contains(MoneyFormat.Format(summary.OpenMonthlySavings, "USD") + " a month", savings.Markdown);
        Assert.Contains("Azure Monitor", anomalies.Markdown);
    }
}
