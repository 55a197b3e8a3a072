using CostSense.Core.Assistant;
using CostSense.Core.Assistant.Routing;
using CostSense.Tests.Assistant.FakeOllama;

namespace CostSense.Tests.Assistant.Routing;

/// <summary>
/// The model's part in routing, through the real OllamaSharp client and the fake Ollama: asked only when the rules are
/// unsure, with a JSON schema in <c>format</c> so its reply is always a label, in a few tokens; and when it is slow,
/// failing, down or beside the point, the rules' best guess answers, never a fixed specialist.
/// </summary>
public sealed class SpecialistRouterTests(SpecialistRouterTests.Fixture fixture) : IClassFixture<SpecialistRouterTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public AssistantHost Host { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Host = await AssistantHost.StartAsync(demoTenant: false);

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private FakeOllamaServer Ollama => fixture.Host.Ollama;
    private SpecialistRouter Router => fixture.Host.Core.Get<SpecialistRouter>();

    [Fact]
    public async Task AnUnsureQuestion_AsksTheModel_ForALabelConstrainedByAJsonSchema_InAFewTokens()
    {
        Ollama.ClearReplies();
        var first = Ollama.ChatRequestCount;
        Ollama.Enqueue(Reply.Json(new { specialist = "storage" }));

        var parts = await Router.RouteAsync("Is rg-prod-data in good shape?", Ct);

        Assert.Equal([new RoutePart(SpecialistKind.StorageOptimizer, "Is rg-prod-data in good shape?")], parts);
        var request = Assert.Single(Ollama.Requests.Skip(first));
        var format = request["format"]!;
        Assert.Equal("object", (string?)format["type"]);
        Assert.Equal(["cost", "compute", "storage", "finops", "chat"],
            format["properties"]!["specialist"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["specialist"], format["required"]!.AsArray().Select(v => (string?)v));
        Assert.False((bool?)format["additionalProperties"]);
        Assert.Equal(0, (double?)request["options"]!["temperature"]);
        Assert.Equal(16, (int?)request["options"]!["num_predict"]);
        Assert.False((bool?)request["stream"]);
        Assert.Null(request["tools"]);
        Assert.Equal(ModelRouting.Prompt, (string?)request["messages"]![0]!["content"]);
        Assert.Empty(Ollama.FormatViolations);
    }

    [Theory]
    [InlineData("Which storage accounts should move to a cooler tier?")]
    [InlineData("which VMs are idle, and can we also cut our blob costs?")]
    [InlineData("thanks!")]
    public async Task WhenTheRulesAreSure_TheModelIsNotAsked(string question)
    {
        var first = Ollama.ChatRequestCount;

        var parts = await Router.RouteAsync(question, Ct);

        Assert.Equal(new QuestionRouter().Route(question).Parts, parts);
        Assert.Equal(first, Ollama.ChatRequestCount);
    }

    [Fact]
    public async Task TheModelsOwnLeastValidAnswer_IsStillALabel()
    {
        // Nothing scripted: a grammar-constrained model can only write a valid instance, the first label at least.
        Ollama.ClearReplies();

        var parts = await Router.RouteAsync("Tell me something interesting about our tenant", Ct);

        Assert.Equal(SpecialistKind.CostAnalyst, Assert.Single(parts).Specialist);
    }

    [Fact]
    public async Task ChatForAQuestionWithDomainWords_IsTheModelMissingThePoint_TheRulesGuessStands()
    {
        Ollama.ClearReplies();
        Ollama.Enqueue(Reply.Json(new { specialist = "chat" }));

        var parts = await Router.RouteAsync("how much do our VMs cost", Ct);

        Assert.Equal(SpecialistKind.CostAnalyst, Assert.Single(parts).Specialist);
    }

    [Fact]
    public async Task AFailingModel_LeavesTheRulesBestGuess()
    {
        Ollama.ClearReplies();
        Ollama.Enqueue(Reply.Error(500, "llama runner process has terminated: signal: killed"));

        var parts = await Router.RouteAsync("how much do our VMs cost", Ct);

        Assert.Equal(SpecialistKind.CostAnalyst, Assert.Single(parts).Specialist);
    }

    [Fact]
    public async Task ASlowModel_IsGivenUpAfterTheRouteTimeout_AndTheRulesBestGuessAnswers()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false, new Dictionary<string, string?> { ["Assistant:RouteTimeout"] = "00:00:05" });
        host.Ollama.Enqueue(Reply.SlowFirstToken(TimeSpan.FromMinutes(1), """{"specialist":"compute"}"""));

        var routing = host.Core.Get<SpecialistRouter>().RouteAsync("how much do our VMs cost", Ct);
        await host.Ollama.WaitForRequestAsync(1, Ct);
        host.Core.Time.Advance(TimeSpan.FromSeconds(5));
        var parts = await routing;

        Assert.Equal(SpecialistKind.CostAnalyst, Assert.Single(parts).Specialist);
        await host.Ollama.WaitForAbortAsync(Ct); // the request was cancelled, not left running
    }

    [Theory]
    [InlineData("Tell me something interesting about our tenant", SpecialistKind.Orchestrator)]
    [InlineData("any budgets over 80% MTD?", SpecialistKind.FinOpsAdvisor)]
    public async Task OllamaDown_TheRulesBestGuessAnswers_TheOrchestratorWhenNoDomainWordMatched(string question, SpecialistKind expected)
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false, ollamaUrl: AssistantFailureTests.NothingListening());

        var parts = await host.Core.Get<SpecialistRouter>().RouteAsync(question, Ct);

        Assert.Equal(expected, Assert.Single(parts).Specialist);
    }
}
