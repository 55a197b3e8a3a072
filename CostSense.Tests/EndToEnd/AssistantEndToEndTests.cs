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

    private async Task<IPage> OpenPanelAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseAddress.ToString());
        await page.Locator("[data-circuit=live]").WaitForAsync();
        await page.Locator("[data-testid=assistant-toggle]").ClickAsync();
        await page.Locator("[data-testid=assistant-input]").WaitForAsync();
        return page;
    }

    private static async Task AskAsync(IPage page, string question)
    {
        // Enter sends only once the box's module has hooked the key; before that it writes a newline.
        await page.Locator("form[data-enter-sends=true]").WaitForAsync();
        await page.Locator("[data-testid=assistant-input]").FillAsync(question);
        await page.Locator("[data-testid=assistant-input]").PressAsync("Enter");
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
        var page = await OpenPanelAsync();

        await AskAsync(page, "Which VMs should I resize in rg-prod-api?");

        // Watch the answer while it is written: it must show partial text several times, not all at once.
        var answer = page.Locator("[data-testid=assistant-answer]").Last;
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
        await Assertions.Expect(page.Locator("[data-testid=assistant-specialist]").Last).ToHaveTextAsync("compute optimizer");
        await Assertions.Expect(page.Locator("[data-testid=assistant-tool]").Last).ToContainTextAsync("get_vm_recommendations(resourceGroup: rg-prod-api)");
        await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("assistant.png") });
    }

    [Fact]
    public async Task StoppingAnAnswer_KeepsWhatWasWritten_AndNothingMoreArrives()
    {
        app.RequireBrowser();
        await app.Services.GetRequiredService<ICostAssistant>().StatusAsync(refresh: true, Ct);
        var aborted = app.Ollama.AbortedRequests;
        app.Ollama.Enqueue(Reply.TextWithDelays(TimeSpan.FromMilliseconds(250), [.. Enumerable.Range(1, 60).Select(i => $" word{i}")]));
        var page = await OpenPanelAsync();

        await AskAsync(page, "Hello there");
        var answer = page.Locator("[data-testid=assistant-answer]").Last;
        await Assertions.Expect(answer).ToContainTextAsync("word3");
        await page.Locator("[data-testid=assistant-stop]").ClickAsync();
        await page.Locator("[data-testid=assistant-stopped]").WaitForAsync();
        await app.Ollama.WaitForAbortAsync(Ct, count: aborted + 1);

        var stopped = await answer.InnerTextAsync();
        await Task.Delay(1_000, Ct);
        Assert.Equal(stopped, await answer.InnerTextAsync());
        Assert.StartsWith("word1 word2 word3", stopped.Trim());
        Assert.DoesNotContain("word60", stopped);
        // Ready for the next question.
        await Assertions.Expect(page.Locator("[data-testid=assistant-stop]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=assistant-input]").FillAsync("And now?");
        await Assertions.Expect(page.Locator("[data-testid=assistant-send]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task AConversation_IsListedOnTheAssistantPage_AndReopensWithItsSpecialistAndTools()
    {
        app.RequireBrowser();
        await app.Services.GetRequiredService<ICostAssistant>().StatusAsync(refresh: true, Ct);
        const string question = "Were there any cost anomalies in the last 90 days?";
        app.Ollama.Enqueue(Reply.ToolCall("get_anomalies", new { }), Reply.Text("Two ", "anomalies ", "stand out."));
        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/assistant").ToString());
        await page.Locator("[data-circuit=live]").WaitForAsync();

        await AskAsync(page, question);
        await Assertions.Expect(page.Locator("[data-testid=assistant-answer]").Last).ToHaveTextAsync("Two anomalies stand out.");
        await page.WaitForURLAsync(url => url.Contains("/assistant/", StringComparison.Ordinal));
        var address = page.Url;

        // A fresh page: the conversation is in the list, and opening it shows it as it was.
        await page.GotoAsync(new Uri(app.BaseAddress, "/assistant").ToString());
        await page.Locator("[data-circuit=live]").WaitForAsync();
        var listed = page.Locator("[data-testid=assistant-conversation]", new() { HasText = question });
        await listed.Locator("[data-testid=assistant-conversation-title]").ClickAsync();
        await page.WaitForURLAsync(address);
        await Assertions.Expect(page.Locator("[data-testid=assistant-question]")).ToHaveTextAsync(question);
        await Assertions.Expect(page.Locator("[data-testid=assistant-answer]")).ToHaveTextAsync("Two anomalies stand out.");
        await Assertions.Expect(page.Locator("[data-testid=assistant-specialist]")).ToHaveTextAsync("cost analyst");
        await Assertions.Expect(page.Locator("[data-testid=assistant-tool]")).ToContainTextAsync("get_anomalies()");
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
            var page = await app.NewPageAsync();
            await page.GotoAsync(new Uri(app.BaseAddress, "/assistant").ToString());
            await page.Locator("[data-circuit=live]").WaitForAsync();

            var status = page.Locator("[data-testid=assistant-status][data-state=modelmissing]");
            await Assertions.Expect(status).ToContainTextAsync("the model llama3.2 is not pulled yet");
            await Assertions.Expect(status.Locator("[data-testid=assistant-fix-command]")).ToContainTextAsync("ollama pull llama3.2");

            await status.Locator("[data-testid=assistant-quick][data-action=BiggestSavings]").ClickAsync();
            var answer = page.Locator("[data-testid=assistant-answer]").Last;
            await Assertions.Expect(answer).ToContainTextAsync($"{MoneyFormat.Format(summary.OpenMonthlySavings, summary.Currency)} a month");
            await Assertions.Expect(answer.Locator("table")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=assistant-tool]").Last).ToContainTextAsync("get_savings_summary()");
            await page.ScreenshotAsync(new() { Path = WebAppFixture.OutputPath("assistant-offline.png") });
        }
        finally
        {
            app.Ollama.Models = ["llama3.2:latest"];
            await assistant.StatusAsync(refresh: true, Ct);
        }
    }
}
