using Bunit;
using CostSense.Web.Components.Pages.Dashboard;

namespace CostSense.Tests.Components;

public sealed class EmptyStateTests : ComponentTestBase
{
    [Fact]
    public void EmptyState_ClickingGenerate_InvokesTheCallback()
    {
        OnLiveCircuit();
        var calls = 0;
        var cut = Render<EmptyState>(p => p.Add(c => c.OnGenerate, () => calls++));

        Assert.Contains("No cost data yet", cut.Markup);
        cut.Find("[data-testid='generate-demo']").Click();

        Assert.Equal(1, calls);
    }

    [Fact]
    public void EmptyState_WhileBusy_DisablesTheButton()
    {
        OnLiveCircuit();
        var cut = Render<EmptyState>(p => p.Add(c => c.OnGenerate, () => { }).Add(c => c.Busy, true));

        Assert.True(cut.Find("[data-testid='generate-demo']").HasAttribute("disabled"));
        Assert.Contains("Generating", cut.Find("[data-testid='generate-demo']").TextContent);
    }

    [Fact]
    public void EmptyState_WhilePrerendered_DisablesTheButtonUntilTheCircuitIsLive()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var cut = Render<EmptyState>(p => p.Add(c => c.OnGenerate, () => { }));

        Assert.True(cut.Find("[data-testid='generate-demo']").HasAttribute("disabled"));
    }
}
