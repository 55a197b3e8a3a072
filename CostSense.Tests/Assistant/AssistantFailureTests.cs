using System.Net;
using System.Net.Sockets;
using CostSense.Core.Assistant;
using CostSense.Tests.Assistant.FakeOllama;

namespace CostSense.Tests.Assistant;

/// <summary>
/// What the user is told when Ollama is down, has no model, fails in mid-answer or is slow; what a stop does; and
/// how the shared model is rationed. Each case has its own host (settings differ) and no demo data (none is needed).
/// </summary>
public sealed class AssistantFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A loopback address nothing listens on: Ollama is not running.</summary>
    internal static Uri NothingListening()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    [Fact]
    public async Task OllamaDown_TheAnswerAndTheStatusSayHowToStartIt_AfterTheConfiguredRetries()
    {
        var down = NothingListening();
        await using var host = await AssistantHost.StartAsync(demoTenant: false, new Dictionary<string, string?> { ["Assistant:MaxRetries"] = "1" }, ollamaUrl: down);
        var actor = await host.NewUserAsync();

        // The retry waits on the app's clock, which the test host holds still: let it run.
        using var ticking = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var clock = Task.Run(async () =>
        {
            while (!ticking.IsCancellationRequested)
            {
                host.Core.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);
        var failed = Assert.IsType<AnswerFailed>((await host.AskAsync(actor, "Hello"))[^1]);
        await ticking.CancelAsync();
        await clock;
        var status = await host.Assistant.StatusAsync(refresh: true, Ct);

        Assert.Equal(AssistantProblem.OllamaUnreachable, failed.Problem);
        Assert.Equal($"The assistant cannot reach Ollama at {down}. Start it, then check again.", failed.Message);
        Assert.Equal("docker compose -f docker-compose.azure.yml up -d ollama", failed.FixCommand);
        Assert.Equal(OllamaState.Unreachable, status.State);
        Assert.Equal(failed.FixCommand, status.FixCommand);
        // The question was kept with the reason there is no answer.
        var conversation = (await host.Assistant.ConversationsAsync(actor, Ct)).Single();
        var stored = await host.Assistant.OpenAsync(actor, conversation.Id, Ct);
        Assert.StartsWith("⚠ The assistant cannot reach Ollama", stored!.Messages[^1].Content);
    }

    [Fact]
    public async Task OllamaDown_BehindAProxyWithCredentials_NeitherTheAnswerNorTheStatusShowsThem()
    {
        var down = NothingListening();
        var withCredentials = new UriBuilder(down) { UserName = "assistant", Password = "s3cret-proxy-pw" }.Uri;
        await using var host = await AssistantHost.StartAsync(demoTenant: false, new Dictionary<string, string?> { ["Assistant:MaxRetries"] = "0" }, ollamaUrl: withCredentials);
        var actor = await host.NewUserAsync();

        var failed = Assert.IsType<AnswerFailed>((await host.AskAsync(actor, "Hello"))[^1]);
        var status = await host.Assistant.StatusAsync(refresh: true, Ct);

        Assert.Equal($"The assistant cannot reach Ollama at {down}. Start it, then check again.", failed.Message);
        Assert.Equal(down.ToString(), status.BaseUrl);
        foreach (var shown in new[] { failed.Message, status.Message, status.BaseUrl })
        {
            Assert.DoesNotContain("s3cret-proxy-pw", shown);
            Assert.DoesNotContain("assistant@", shown);
        }
    }

    [Fact]
    public async Task ModelNotPulled_TheAnswerAndTheStatusGiveThePullCommand()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false);
        host.Ollama.Models = ["qwen2.5:7b"];
        var actor = await host.NewUserAsync();

        var status = await host.Assistant.StatusAsync(refresh: true, Ct);
        var failed = Assert.IsType<AnswerFailed>((await host.AskAsync(actor, "Hello"))[^1]);

        Assert.Equal((OllamaState.ModelMissing, FakeOllamaServer.Version), (status.State, status.Version));
        Assert.Equal("ollama pull llama3.2", status.FixCommand);
        Assert.Equal(AssistantProblem.ModelMissing, failed.Problem);
        Assert.Equal("Ollama is running, but the model llama3.2 is not pulled yet. Pull it (about 2 GB), then check again.", failed.Message);
        Assert.Equal("ollama pull llama3.2", failed.FixCommand);

        host.Ollama.Models = ["llama3.2:latest"];
        var ready = await host.Assistant.StatusAsync(refresh: true, Ct);
        Assert.Equal(OllamaState.Ready, ready.State);
        Assert.Null(ready.FixCommand);
    }

    [Fact]
    public async Task AnErrorInMidAnswer_KeepsTheTextSoFar_AndSaysWhatOllamaReported()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false);
        var actor = await host.NewUserAsync();
        host.Ollama.Enqueue(Reply.MidStreamError(["Hello", " there"], "llama runner process has terminated: signal: killed"));

        var events = await host.AskAsync(actor, "Hello");

        Assert.Equal("Hello there", string.Concat(events.OfType<TextDelta>().Select(d => d.Text)));
        var failed = Assert.IsType<AnswerFailed>(events[^1]);
        Assert.Equal(AssistantProblem.ModelError, failed.Problem);
        Assert.Contains("Ollama reported: llama runner process has terminated: signal: killed", failed.Message);
        Assert.Equal("docker compose -f docker-compose.azure.yml logs ollama", failed.FixCommand);

        // The stored answer shows the failure; a follow-up sends the model only what it wrote.
        var opened = (ConversationOpened)events[0];
        var stored = (await host.Assistant.OpenAsync(actor, opened.ConversationId, Ct))!.Messages[^1].Content;
        Assert.Equal("Hello there\n\n⚠ " + failed.Message, stored);
        host.Ollama.Enqueue(Reply.Text("Sorry about that."));
        var before = host.Ollama.ChatRequestCount;
        await host.AskAsync(actor, "Thanks, try again?", opened.ConversationId);
        var history = host.Ollama.Requests[before]["messages"]!.AsArray().Skip(1).Select(m => m!["content"]!.GetValue<string>());
        Assert.Equal(["Hello", "Hello there", "Thanks, try again?"], history);
    }

    [Fact]
    public async Task AModelThatNeverStarts_TimesOutWithAMessage()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false, new Dictionary<string, string?> { ["Ollama:Timeout"] = "00:00:01" });
        var actor = await host.NewUserAsync();
        host.Ollama.Enqueue(Reply.SlowFirstToken(TimeSpan.FromSeconds(5), "Too late"));

        var failed = Assert.IsType<AnswerFailed>((await host.AskAsync(actor, "Hello"))[^1]);

        Assert.Equal(AssistantProblem.Timeout, failed.Problem);
        Assert.Equal("Ollama did not answer within 1 s (Ollama:Timeout). A cold model can take minutes to load; ask again shortly.", failed.Message);
    }

    [Fact]
    public async Task StoppingAnAnswer_EndsTheStream_ClosesTheRequestToOllama_AndKeepsThePartialText()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false);
        var actor = await host.NewUserAsync();
        host.Ollama.Enqueue(Reply.TextWithDelays(TimeSpan.FromMilliseconds(150), [.. Enumerable.Range(1, 40).Select(i => $" word{i}")]));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var events = new List<AssistantEvent>();
        await foreach (var e in host.Assistant.AskAsync(actor, null, "Hello", stop.Token))
        {
            events.Add(e);
            if (events.OfType<TextDelta>().Count() == 3) await stop.CancelAsync();
        }
        await host.Ollama.WaitForAbortAsync(Ct, timeout: TimeSpan.FromSeconds(2));

        Assert.DoesNotContain(events, e => e is AnswerCompleted or AnswerFailed);
        var partial = string.Concat(events.OfType<TextDelta>().Select(d => d.Text));
        Assert.StartsWith(" word1 word2 word3", partial);
        Assert.DoesNotContain("word40", partial);
        var conversation = (await host.Assistant.ConversationsAsync(actor, Ct)).Single();
        Assert.Equal(partial + "\n\n*(stopped)*", (await host.Assistant.OpenAsync(actor, conversation.Id, Ct))!.Messages[^1].Content);
    }

    [Fact]
    public async Task WhenTheModelIsBusy_ALaterQuestionWaitsInLine_AndSeesItsPlace()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false, new Dictionary<string, string?> { ["Assistant:MaxConcurrent"] = "1" });
        var alice = await host.NewUserAsync();
        var bob = await host.NewUserAsync();
        host.Ollama.Enqueue(Reply.TextWithDelays(TimeSpan.FromMilliseconds(200), "one", " two", " three"), Reply.Text("Hi Bob."));

        var first = host.AskAsync(alice, "Hello");
        await host.Ollama.WaitForRequestAsync(1, Ct);
        var second = await host.AskAsync(bob, "Hi");
        await first;

        Assert.Equal(1, Assert.Single(second.OfType<Queued>()).Position);
        Assert.True(second.FindIndex(e => e is Queued) < second.FindIndex(e => e is Routed));
        Assert.Equal("Hi Bob.", Assert.IsType<AnswerCompleted>(second[^1]).Text);
    }

    [Fact]
    public async Task TheRateLimit_RefusesTheNextQuestion_WithTheWait()
    {
        await using var host = await AssistantHost.StartAsync(demoTenant: false, new Dictionary<string, string?> { ["Assistant:QuestionsPerMinute"] = "1" });
        var actor = await host.NewUserAsync();
        host.Ollama.Enqueue(Reply.Text("Hi."));
        await host.AskAsync(actor, "Hello");
        var before = host.Ollama.ChatRequestCount;

        var failed = Assert.IsType<AnswerFailed>(Assert.Single(await host.AskAsync(actor, "Hello again")));

        Assert.Equal(AssistantProblem.RateLimited, failed.Problem);
        Assert.Equal("You have reached the assistant's limit of 1 questions a minute. Ask again in 60 s.", failed.Message);
        Assert.Equal(before, host.Ollama.ChatRequestCount);
    }
}
