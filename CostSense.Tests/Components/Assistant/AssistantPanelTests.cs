using Bunit;
using CostSense.Web.Components.Assistant;

namespace CostSense.Tests.Components.Assistant;

public sealed class AssistantPanelTests : AssistantTestBase
{
    [Fact]
    public void Panel_CostsNothingUntilOpened_AndKeepsTheChatWhenClosed()
    {
        var cut = Render<AssistantPanel>(p => p.Add(c => c.Open, false));

        Assert.Empty(cut.FindComponents<ChatView>());
        Assert.Empty(Assistant.StatusRefreshes);

        cut.Render(p => p.Add(c => c.Open, true));
        Assert.True(cut.FindComponent<ChatView>().Instance.Compact);
        cut.WaitForAssertion(() => Assert.Single(Assistant.StatusRefreshes));

        cut.Render(p => p.Add(c => c.Open, false));
        Assert.Single(cut.FindComponents<ChatView>());
    }

    [Fact]
    public void Panel_CloseButton_AsksToClose()
    {
        bool? open = null;
        var cut = Render<AssistantPanel>(p => p.Add(c => c.Open, true).Add(c => c.OpenChanged, value => open = value));

        cut.Find("[data-testid='assistant-close']").Click();

        Assert.False(open);
        Assert.Equal("assistant", cut.Find("[data-testid='assistant-open-page']").GetAttribute("href"));
    }
}
