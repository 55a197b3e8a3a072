using System.Diagnostics;
using CostSense.Core.Access;
using CostSense.Core.Assistant;
using CostSense.Tests.Assistant.FakeOllama;

namespace CostSense.Tests.Faults;

/// <summary>
/// PostgreSQL gone while the model is up: a question gets a message that says what is wrong and where to look,
/// the model is not bothered with a question it could not answer from data, and the model's status still reads.
/// </summary>
[Collection(nameof(FaultsCollection))]
public sealed class AssistantStoreDownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithTheStoreDown_AQuestionIsAnsweredWithWhatToDo_AndTheModelIsNotAsked()
    {
        await using var ollama = await FakeOllamaServer.StartAsync(Ct);
        await using var app = FaultyApp.Start(postgres: true, settings: new Dictionary<string, string?>
        {
            ["CostSense:Demo:Enabled"] = "false",
            ["Ollama:BaseUrl"] = ollama.BaseUrl.ToString(),
        });
        var assistant = app.Get<ICostAssistant>();
        var analyst = new Actor(Guid.NewGuid().ToString(), "analyst@faults.test", [AppRoles.Analyst]);
        app.Postgres!.Stop();

        var clock = Stopwatch.StartNew();
        var events = new List<AssistantEvent>();
        await foreach (var e in assistant.AskAsync(analyst, null, "Which VMs should I resize in rg-prod-api?", Ct))
            events.Add(e);
        TestContext.Current.TestOutputHelper?.WriteLine($"answered in {clock.ElapsedMilliseconds} ms with the store down");

        var failed = Assert.IsType<AnswerFailed>(Assert.Single(events));
        Assert.Equal(AssistantProblem.StoreUnavailable, failed.Problem);
        Assert.StartsWith("The database is not available", failed.Message);
        Assert.Contains("The Data page shows the store's state", failed.Message);
        Assert.Equal(0, ollama.ChatRequestCount);
        Assert.Equal(OllamaState.Ready, (await assistant.StatusAsync(refresh: true, Ct)).State);
    }
}
