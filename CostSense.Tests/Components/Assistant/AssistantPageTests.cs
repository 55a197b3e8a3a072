using Bunit;
using CostSense.Core.Assistant;
using CostSense.Core.Data.Entities;
using CostSense.Web.Components.Pages.Assistant;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CostSense.Tests.Components.Assistant;

public sealed class AssistantPageTests : AssistantTestBase
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private Conversation Store(string title, DateTimeOffset updated, params ConversationMessage[] messages)
    {
        var conversation = new Conversation { Id = Guid.NewGuid(), OwnerId = "id-someone@example.test", Title = title, UpdatedAt = updated, Messages = [.. messages] };
        Assistant.Stored[conversation.Id] = conversation;
        return conversation;
    }

    [Fact]
    public void Page_ListsTheConversationsNewestFirst_AndOpensTheOneInTheAddress()
    {
        Store("Older question", new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var open = Store("Which VMs can I downsize?", new DateTimeOffset(2026, 3, 14, 16, 5, 0, TimeSpan.Zero),
            new ConversationMessage { Role = "user", Content = "Which VMs can I downsize?" },
            new ConversationMessage { Role = "assistant", Content = "Resize vm-web-1.", Specialist = "compute optimizer" });

        var cut = Render<AssistantPage>(p => p.Add(c => c.Id, open.Id));

        cut.WaitForAssertion(() => Assert.Equal(["Which VMs can I downsize?", "Older question"],
            cut.FindAll("[data-testid='assistant-conversation-title']").Select(t => t.TextContent)));
        Assert.Contains("2026-03-14 16:05 UTC", cut.FindAll("[data-testid='assistant-conversation']")[0].TextContent);
        Assert.Contains("selected", cut.FindAll("[data-testid='assistant-conversation']")[0].ClassList);
        Assert.Equal("Resize vm-web-1.", cut.Find("[data-testid='assistant-answer']").TextContent.Trim());
    }

    [Fact]
    public async Task AQuestionThatStartsAConversation_MovesTheAddressToIt_AndListsIt()
    {
        var cut = Render<AssistantPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-conversations-empty']")));
        await Ask(cut, "Where can I save on storage?");
        var started = Store("Where can I save on storage?", new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));

        Assistant.Push(new ConversationOpened(started.Id, started.Title), new TextDelta("Move stlogs to Cool."));

        cut.WaitForAssertion(() => Assert.EndsWith($"/assistant/{started.Id}", Navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("Where can I save on storage?", cut.Find("[data-testid='assistant-conversation-title']").TextContent));
        cut.Render(p => p.Add(c => c.Id, started.Id));
        Assistant.Push(new AnswerCompleted("Move stlogs to Cool."));
        Assistant.EndAnswer();
        // Following the address did not reopen the conversation under the streaming answer.
        cut.WaitForAssertion(() => Assert.Equal("Move stlogs to Cool.", cut.Find("[data-testid='assistant-answer']").TextContent.Trim()));
        Assert.Single(cut.FindAll("[data-testid='assistant-question']"));
    }

    [Fact]
    public void Delete_AsksFirst_ThenRemovesTheConversation()
    {
        var dialogs = Render<MudDialogProvider>();
        var doomed = Store("Old question", new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var cut = Render<AssistantPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='assistant-conversation']")));

        cut.Find("[data-testid='assistant-conversation-delete']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Old question", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-conversations-empty']")));
        Assert.DoesNotContain(doomed.Id, Assistant.Stored.Keys);
    }
}
