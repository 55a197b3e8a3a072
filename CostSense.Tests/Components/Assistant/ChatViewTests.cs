using Bunit;
using CostSense.Core.Assistant;
using CostSense.Core.Data.Entities;
using CostSense.Web.Components.Assistant;

namespace CostSense.Tests.Components.Assistant;

public sealed class ChatViewTests : AssistantTestBase
{
    private static readonly ToolCallInfo VmTool = new("get_vm_recommendations", [new("resourceGroup", "rg-production")]);

    [Fact]
    public void EmptyChat_OffersTheSuggestedQuestions_AndClickingOneAsksExactlyIt()
    {
        var cut = RenderChat();

        var suggestions = cut.FindAll("[data-testid='assistant-suggestion']");
        Assert.Equal(Assistant.SuggestedQuestions, suggestions.Select(s => s.TextContent.Trim()));

        suggestions[1].Click();

        cut.WaitForAssertion(() => Assert.Equal("Which VMs can I downsize?", Assert.Single(Assistant.Asked).Text));
        Assert.Null(Assistant.Asked[0].ConversationId);
        Assert.Equal("Which VMs can I downsize?", cut.Find("[data-testid='assistant-question']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='assistant-suggestion']"));
        Assert.NotNull(cut.Find("[data-testid='assistant-typing']"));
        Assert.NotNull(cut.Find("[data-testid='assistant-stop']"));
    }

    [Fact]
    public async Task TypedQuestion_IsSentTrimmed_AndTheBoxEmpties()
    {
        var cut = RenderChat();

        await Ask(cut, "  Which storage accounts are cold?\n");

        cut.WaitForAssertion(() => Assert.Equal("Which storage accounts are cold?", Assert.Single(Assistant.Asked).Text));
        Assert.Equal("", cut.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task StreamedAnswer_EndsAsItsMarkdown_WithTheSpecialistAndTheToolChip()
    {
        Guid? opened = null;
        var conversation = Guid.NewGuid();
        var cut = Render<ChatView>(p => p.Add(c => c.ConversationChanged, id => opened = id));
        await Ask(cut, "Which VMs can I downsize?");

        Assistant.Push(new ConversationOpened(conversation, "Which VMs can I downsize?"), new Routed(SpecialistKind.ComputeOptimizer), new ToolCalled(VmTool));
        foreach (var piece in new[] { "**vm-web-1** ", "can go to ", "`Standard_D2s_v5`", " and save $140.00 a month." })
            Assistant.Push(new TextDelta(piece));
        Assistant.Push(new AnswerCompleted("**vm-web-1** can go to `Standard_D2s_v5` and save $140.00 a month."));
        Assistant.EndAnswer();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-send']")));
        var answer = Assert.Single(Answers(cut));
        Assert.Equal("vm-web-1 can go to Standard_D2s_v5 and save $140.00 a month.", answer.TextContent.Trim());
        Assert.Equal("vm-web-1", answer.QuerySelector("strong")!.TextContent);
        Assert.Equal("Standard_D2s_v5", answer.QuerySelector("code")!.TextContent);
        Assert.Equal("compute optimizer", cut.Find("[data-testid='assistant-specialist']").TextContent);
        Assert.Equal("get_vm_recommendations(resourceGroup: rg-production)", cut.Find("[data-testid='assistant-tool']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='assistant-typing']"));
        Assert.Equal(conversation, opened);

        // The next question continues the conversation the first one opened.
        await Ask(cut, "And storage?");
        cut.WaitForAssertion(() => Assert.Equal(2, Assistant.Asked.Count));
        Assert.Equal(conversation, Assistant.Asked[1].ConversationId);
    }

    [Fact]
    public async Task ATwoTopicAnswer_NamesBothSpecialists_AndShowsBothPartsUnderTheirNames()
    {
        var cut = RenderChat();
        await Ask(cut, "which VMs are idle, and can we also cut our blob costs?");

        Assistant.Push(new Routed([SpecialistKind.ComputeOptimizer, SpecialistKind.StorageOptimizer]), new ToolCalled(VmTool),
            new TextDelta("**Compute optimizer**\n\nThree VMs sit idle.\n\n**Storage optimizer**\n\n"), new TextDelta("Two accounts can go cool."));
        Assistant.Push(new AnswerCompleted("**Compute optimizer**\n\nThree VMs sit idle.\n\n**Storage optimizer**\n\nTwo accounts can go cool."));
        Assistant.EndAnswer();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-send']")));
        Assert.Equal("compute optimizer and storage optimizer", cut.Find("[data-testid='assistant-specialist']").TextContent);
        var answer = Assert.Single(Answers(cut));
        Assert.Equal(["Compute optimizer", "Storage optimizer"], answer.QuerySelectorAll("strong").Select(s => s.TextContent));
        Assert.Equal(2, answer.QuerySelectorAll("p").Count(p => p.QuerySelector("strong") is null));
    }

    [Fact]
    public async Task ModelText_IsRenderedSafely()
    {
        var cut = RenderChat();
        await Ask(cut, "Anything?");

        Assistant.Push(new TextDelta("<script>alert('x')</script>\n\n[click](javascript:alert(1)) and [docs](https://learn.microsoft.com/azure)\n\n"),
            new TextDelta("| VM | Savings |\n|---|---:|\n| vm-web-1 | $140.00 |\n"), new AnswerCompleted(""));
        Assistant.EndAnswer();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-answer'] table")));
        var answer = cut.Find("[data-testid='assistant-answer']");
        Assert.Empty(answer.QuerySelectorAll("script"));
        Assert.Contains("<script>alert('x')</script>", answer.TextContent);
        var link = Assert.Single(answer.QuerySelectorAll("a"));
        Assert.Equal("https://learn.microsoft.com/azure", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
        Assert.Contains("click", answer.TextContent);
        Assert.Equal("vm-web-1", answer.QuerySelector("table td")!.TextContent);
    }

    [Fact]
    public async Task Stop_CancelsTheAnswer_AndKeepsItsPartialText()
    {
        var cut = RenderChat();
        await Ask(cut, "Explain my bill");
        Assistant.Push(new Routed(SpecialistKind.CostAnalyst), new TextDelta("Your bill is mostly "));
        Settle(2);
        cut.WaitForAssertion(() => Assert.Contains("Your bill is mostly", cut.Find("[data-testid='assistant-answer']").TextContent));

        await Click(cut, "[data-testid='assistant-stop']");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-send']")));
        Assert.NotNull(cut.Find("[data-testid='assistant-stopped']"));
        Assert.True(Assert.Single(Assistant.Asked).Token.IsCancellationRequested);
        Assert.Equal("Your bill is mostly", cut.Find("[data-testid='assistant-answer']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='assistant-stop']"));
    }

    [Fact]
    public async Task Dispose_CancelsARunningAnswer()
    {
        var cut = RenderChat();
        await Ask(cut, "Explain my bill");
        cut.WaitForAssertion(() => Assert.Single(Assistant.Asked));

        await DisposeComponentsAsync();

        Assert.True(Assistant.Asked[0].Token.IsCancellationRequested);
    }

    [Fact]
    public async Task AnswerFailed_ShowsTheMessageAndTheFixCommand_AndRechecksTheModel()
    {
        var cut = RenderChat();
        await Ask(cut, "Top costs?");

        Assistant.Push(new AnswerFailed(AssistantProblem.ModelMissing, "The model llama3.2 is not installed.", "ollama pull llama3.2"));
        Assistant.EndAnswer();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-error']")));
        var error = cut.Find("[data-testid='assistant-error']");
        Assert.Contains("The model llama3.2 is not installed.", error.TextContent);
        Assert.Equal("ollama pull llama3.2", error.QuerySelector("[data-testid='assistant-fix-command']")!.TextContent);
        cut.WaitForAssertion(() => Assert.Equal([false, true], Assistant.StatusRefreshes));
    }

    [Fact]
    public async Task Queued_ShowsHowManyQuestionsAreAheadOfIt_UntilTheAnswerStarts()
    {
        var cut = RenderChat();
        await Ask(cut, "Top costs?");

        Assistant.Push(new Queued(3));
        cut.WaitForAssertion(() => Assert.Equal("Waiting for the model — 2 questions ahead of yours", cut.Find("[data-testid='assistant-queued']").TextContent));
        Assert.Empty(cut.FindAll("[data-testid='assistant-typing']"));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assistant.Push(new Queued(1));
        cut.WaitForAssertion(() => Assert.Equal("Waiting for the model — yours is next", cut.Find("[data-testid='assistant-queued']").TextContent));

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assistant.Push(new TextDelta("Compute leads."));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='assistant-queued']")));
        Assert.Equal("Compute leads.", cut.Find("[data-testid='assistant-answer']").TextContent.Trim());
    }

    [Fact]
    public void OfflineModel_ShowsTheBanner_WithTheFixAndQuickAnswersThatWork()
    {
        Assistant.Status = FakeCostAssistant.Unreachable();
        var cut = RenderChat();

        var banner = cut.Find("[data-testid='assistant-status']");
        Assert.Equal("unreachable", banner.GetAttribute("data-state"));
        Assert.Contains("Ollama is not answering at http://localhost:11434.", banner.TextContent);
        Assert.Equal("docker compose -f docker-compose.azure.yml up -d ollama", banner.QuerySelector("[data-testid='assistant-fix-command']")!.TextContent);
        var quick = cut.FindAll("[data-testid='assistant-quick']");
        Assert.Equal(["Top cost drivers this month", "Biggest savings", "Anomalies"], quick.Select(b => b.TextContent.Trim()));

        quick[0].Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-answer'] table")));
        Assert.Equal([QuickAction.TopCostDrivers], Assistant.QuickAsked);
        Assert.Equal("Virtual Machines", cut.Find("[data-testid='assistant-answer'] td").TextContent);
        Assert.Equal("get_top_costs(month: 2026-03)", cut.Find("[data-testid='assistant-tool']").TextContent.Trim());
        Assert.Equal("Top cost drivers this month", cut.Find("[data-testid='assistant-question']").TextContent);
    }

    [Fact]
    public void CheckAgain_AsksForAFreshStatus_AndHidesTheBannerOnceReady()
    {
        Assistant.Status = FakeCostAssistant.Unreachable();
        var cut = RenderChat();
        Assistant.Status = FakeCostAssistant.Ready();

        cut.Find("[data-testid='assistant-check-again']").Click();

        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("[data-testid='assistant-status']").GetAttribute("data-state")));
        Assert.Equal([false, true], Assistant.StatusRefreshes);
        Assert.Empty(cut.FindAll("[data-testid='assistant-fix-command']"));
    }

    [Fact]
    public void ReadyModel_OffersTheQuickAnswersInTheEmptyChat()
    {
        var cut = RenderChat();

        Assert.Equal("ready", cut.Find("[data-testid='assistant-status']").GetAttribute("data-state"));
        Assert.Equal(3, cut.FindAll("[data-testid='assistant-empty'] [data-testid='assistant-quick']").Count);
    }

    [Fact]
    public async Task StoredConversation_OpensWithItsMessages_AndContinues()
    {
        var id = Guid.NewGuid();
        Assistant.Stored[id] = new Conversation
        {
            Id = id, OwnerId = "id-someone@example.test", Title = "Which VMs can I downsize?",
            Messages =
            [
                new ConversationMessage { Role = "user", Content = "Which VMs can I downsize?" },
                new ConversationMessage
                {
                    Role = "assistant", Content = "Resize **vm-web-1**.", Specialist = "compute optimizer",
                    ToolCalls = "get_vm_recommendations(resourceGroup: rg-production)\nget_vm_utilization(vm: vm-web-1)",
                },
            ],
        };

        var cut = RenderChat(id);

        cut.WaitForAssertion(() => Assert.Equal("Resize vm-web-1.", Assert.Single(Answers(cut)).TextContent.Trim()));
        Assert.Equal("Which VMs can I downsize?", cut.Find("[data-testid='assistant-question']").TextContent);
        Assert.Equal("compute optimizer", cut.Find("[data-testid='assistant-specialist']").TextContent);
        Assert.Equal(["get_vm_recommendations(resourceGroup: rg-production)", "get_vm_utilization(vm: vm-web-1)"],
            cut.FindAll("[data-testid='assistant-tool']").Select(t => t.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='assistant-suggestion']"));

        await Ask(cut, "And the next one?");
        cut.WaitForAssertion(() => Assert.Equal(id, Assert.Single(Assistant.Asked).ConversationId));
    }

    [Fact]
    public void AConversationNotTheUsers_SaysSo()
    {
        var cut = RenderChat(Guid.NewGuid());

        cut.WaitForAssertion(() => Assert.Contains("not yours", cut.Find("[data-testid='assistant-load-error']").TextContent));
    }

    [Fact]
    public async Task NewChat_EmptiesTheChat_AndStartsAFreshConversation()
    {
        var changes = new List<Guid?>();
        var conversation = Guid.NewGuid();
        var cut = Render<ChatView>(p => p.Add(c => c.ConversationChanged, id => changes.Add(id)));
        await Ask(cut, "Top costs?");
        Assistant.Push(new ConversationOpened(conversation, "Top costs?"), new TextDelta("Compute."), new AnswerCompleted("Compute."));
        Assistant.EndAnswer();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-send']")));

        await Click(cut, "[data-testid='assistant-new']");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='assistant-suggestion']")));
        Assert.Empty(Answers(cut));
        Assert.Equal([conversation, null], changes);
        await Ask(cut, "Storage?");
        cut.WaitForAssertion(() => Assert.Equal(2, Assistant.Asked.Count));
        Assert.Null(Assistant.Asked[1].ConversationId);
    }
}
