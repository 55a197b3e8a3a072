using CostSense.Core.Assistant;
using CostSense.Core.Data.Entities;
using CostSense.Core.Money;
using CostSense.Core.Recommendations;
using CostSense.Tests.Assistant.FakeOllama;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// The assistant in Chromium, against the real app whose OllamaSharp client talks to a fake Ollama: the answer
/// streams in over the circuit, names its specialist and tool, can be stopped, and without a model the panel
/// explains what to do and still answers from the data.
/// </summary>
public sealed class AssistantEndToEndTests : IClassFixture<AssistantAppFixture>
{
    private readonly AssistantAppFixture app;

    /// <summary>Each test starts with no replies queued: one a failed test left unused must not answer the next.</summary>
    public AssistantEndToEndTests(AssistantAppFixture app)
    {
        this.app = app;
        app.Ollama.ClearReplies();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A signed-in Analyst's page with the chat on it, and the chat.</summary>
    private async Task<(IPage Page, AssistantChat Chat)> NewChatAsync()
    {
        var page = await app.NewPageAsync();
        return (page, new AssistantChat(page, app.BaseAddress));
    }

    [Fact]
    public async Task AQuestion_IsAnsweredInSeveralSteps_WithItsSpecialistAndToolCall_AndTheGridsFigure()
    {
        app.RequireBrowser();
        await app.Services.GetRequiredService<ICostAssistant>().StatusAsync(refresh: true, Ct);
        var grid = await app.Services.GetRequiredService<IRecommendationService>().QueryAsync(new RecommendationQuery(RecommendationKind.Compute,
            Status: RecommendationStatus.Open, ResourceGroup: "rg-prod-api"), Ct);
        var total = MoneyFormat.Format(grid.TotalMonthlySavings, "USD");
        app.Ollama.Enqueue(
            Reply.ToolCall("get_vm_recommendations", new { resourceGroup = "rg-prod-api" }),
            Reply.TextWithDelays(TimeSpan.FromMilliseconds(150), "In ", "rg-prod-api ", "the ", "open ", "recommendations ", "save ", $"**{total}**", " a ", "month."));
        var (page, chat) = await NewChatAsync();
        await chat.OpenPanelAsync();

        await chat.AskAsync("Which VMs should I resize in rg-prod-api?");

        // Watch the answer while it is written: it must show partial text several times, not all at once.
        var answer = chat.Answers.Last;
        var seen = new List<string>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var text = await answer.CountAsync() > 0 ? await answer.InnerTextAsync() : "";
            if (text.Length > 0 && (seen.Count == 0 || seen[^1] != text)) seen.Add(text);
            if (text.EndsWith("month.", StringComparison.Ordinal)) break;
            await Task.Delay(40, Ct);
        }
        Assert.Equal($"In rg-prod-api the open recommendations save {total} a month.", seen[^1]);
        Assert.True(seen.Count >= 3, $"The answer appeared in {seen.Count} step(s): {string.Join(" | ", seen)}");
        Assert.All(seen.SkipLast(1), partial => Assert.StartsWith(partial.TrimEnd(), seen[^1]));

        await Assertions.Expect(answer.Locator("strong")).ToHaveTextAsync(total);
        await Assertions.Expect(chat.Specialists.Last).ToHaveTextAsync("compute optimizer");
        await Assertions.Expect(chat.Tools.Last).ToContainTextAsync("get_vm_recommendations(resourceGroup: rg-prod-api)");
        await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("assistant.png") });
    }

    [Fact]
    public async Task StoppingAnAnswer_KeepsWhatWasWritten_AndNothingMoreArrives()
    {
        app.RequireBrowser();
        await app.Services.GetRequiredService<ICostAssistant>().StatusAsync(refresh: true, Ct);
        var aborted = app.Ollama.AbortedRequests;
        app.Ollama.Enqueue(Reply.TextWithDelays(TimeSpan.FromMilliseconds(250), [.. Enumerable.Range(1, 60).Select(i => $" word{i}")]));
        var (_, chat) = await NewChatAsync();
        await chat.OpenPanelAsync();

        await chat.AskAsync("Hello there");
        var answer = chat.Answers.Last;
        await Assertions.Expect(answer).ToContainTextAsync("word3");
        await chat.StopAsync();
        await app.Ollama.WaitForAbortAsync(Ct, count: aborted + 1);

        var stopped = await answer.InnerTextAsync();
        await Task.Delay(1_000, Ct);
        Assert.Equal(stopped, await answer.InnerTextAsync());
        Assert.StartsWith("word1 word2 word3", stopped.Trim());
        Assert.DoesNotContain("word60", stopped);
        // Ready for the next question.
        await Assertions.Expect(chat.Stop).ToHaveCountAsync(0);
        await chat.Input.FillAsync("And now?");
        await Assertions.Expect(chat.Send).ToBeEnabledAsync();
    }

    [Fact]
    public async Task AConversation_IsListedOnTheAssistantPage_AndReopensWithItsSpecialistAndTools()
    {
        app.RequireBrowser();
        await app.Services.GetRequiredService<ICostAssistant>().StatusAsync(refresh: true, Ct);
        const string question = "Were there any cost anomalies in the last 90 days?";
        app.Ollama.Enqueue(Reply.ToolCall("get_anomalies", new { }), Reply.Text("Two ", "anomalies ", "stand out."));
        var (_, chat) = await NewChatAsync();
        await chat.OpenPageAsync();

        await chat.AskAsync(question);
        await Assertions.Expect(chat.Answers.Last).ToHaveTextAsync("Two anomalies stand out.");
        var address = await chat.WaitForConversationAddressAsync();

        // A fresh page: the conversation is in the list, and opening it shows it as it was.
        await chat.OpenPageAsync();
        await chat.OpenConversationAsync(question, address);
        await Assertions.Expect(chat.Questions).ToHaveTextAsync(question);
        await Assertions.Expect(chat.Answers).ToHaveTextAsync("Two anomalies stand out.");
        await Assertions.Expect(chat.Specialists).ToHaveTextAsync("cost analyst");
        await Assertions.Expect(chat.Tools).ToContainTextAsync("get_anomalies()");
    }

    [Fact]
    public async Task ATwoTopicQuestion_IsAnsweredOnBothTopics_NamingBothSpecialists_AndReopensAsItWas()
    {
        app.RequireBrowser();
        await app.Services.GetRequiredService<ICostAssistant>().StatusAsync(refresh: true, Ct);
        const string question = "which VMs are idle, and can we also cut our blob costs?";
        app.Ollama.Enqueue(
            Reply.ToolCall("get_vm_recommendations", new { category = "shutdown" }), Reply.Text("Deallocate ", "the idle ", "test VMs."),
            Reply.ToolCall("get_storage_recommendations", new { category = "access_tier" }), Reply.Text("Move cold ", "blobs ", "to Cool."));
        var (_, chat) = await NewChatAsync();
        await chat.OpenPageAsync();

        await chat.AskAsync(question);

        var answer = chat.Answers.Last;
        await Assertions.Expect(answer).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            @"^\s*Compute optimizer\s+Deallocate the idle test VMs\.\s+Storage optimizer\s+Move cold blobs to Cool\.\s*$"));
        await Assertions.Expect(answer.Locator("strong")).ToHaveTextAsync(["Compute optimizer", "Storage optimizer"]);
        await Assertions.Expect(chat.Specialists.Last).ToHaveTextAsync("compute optimizer and storage optimizer");
        await Assertions.Expect(chat.Tools).ToContainTextAsync(["get_vm_recommendations(category: shutdown)", "get_storage_recommendations(category: access_tier)"]);

        var address = await chat.WaitForConversationAddressAsync();
        await chat.OpenPageAsync();
        await chat.OpenConversationAsync(question, address);
        await Assertions.Expect(chat.Specialists).ToHaveTextAsync("compute optimizer and storage optimizer");
        await Assertions.Expect(chat.Answers.Locator("strong")).ToHaveTextAsync(["Compute optimizer", "Storage optimizer"]);
        await Assertions.Expect(chat.Tools).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task WithoutTheModel_ThePageSaysHowToPullIt_AndAQuickActionStillAnswersFromTheData()
    {
        app.RequireBrowser();
        var assistant = app.Services.GetRequiredService<ICostAssistant>();
        var summary = await app.Services.GetRequiredService<IRecommendationService>().SummaryAsync(Ct);
        app.Ollama.Models = [];
        try
        {
            await assistant.StatusAsync(refresh: true, Ct);
            var (page, chat) = await NewChatAsync();
            await chat.OpenPageAsync();

            await Assertions.Expect(chat.Status("modelmissing")).ToContainTextAsync("the model llama3.2 is not pulled yet");
            await Assertions.Expect(chat.FixCommand("modelmissing")).ToContainTextAsync("ollama pull llama3.2");

            await chat.QuickActionAsync("modelmissing", "BiggestSavings");
            var answer = chat.Answers.Last;
            await Assertions.Expect(answer).ToContainTextAsync($"{MoneyFormat.Format(summary.OpenMonthlySavings, summary.Currency)} a month");
            await Assertions.Expect(answer.Locator("table")).ToBeVisibleAsync();
            await Assertions.Expect(chat.Tools.Last).ToContainTextAsync("get_savings_summary()");
            await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("assistant-offline.png") });
        }
        finally
        {
            app.Ollama.Models = ["llama3.2:latest"];
            await assistant.StatusAsync(refresh: true, Ct);
        }
    }
}
