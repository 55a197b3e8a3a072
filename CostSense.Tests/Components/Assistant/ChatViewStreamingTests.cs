using Bunit;
using CostSense.Core.Assistant;
using CostSense.Web.Components.Assistant;

namespace CostSense.Tests.Components.Assistant;

/// <summary>A stream of tokens re-renders only the message being written, and that at most once per 75 ms.</summary>
public sealed class ChatViewStreamingTests : AssistantTestBase
{
    [Fact]
    public async Task ManyQuickTokens_RenderTheAnswerAFewTimes_AndEndWithAllTheText()
    {
        var cut = RenderChat();
        await Ask(cut, "Explain my bill");
        var message = cut.WaitForComponents<ChatMessageView>(2).Last();
        Assistant.Push(new Routed(SpecialistKind.CostAnalyst));
        WaitProcessed(1);
        cut.WaitForAssertion(() => Assert.Equal("cost analyst", cut.Find("[data-testid='assistant-specialist']").TextContent));
        var chatRenders = cut.FindComponent<OllamaStatusBanner>().RenderCount;
        var rendersBefore = message.RenderCount;

        // A hundred tokens within one interval: none of them re-renders the answer.
        for (var i = 0; i < 100; i++) Assistant.Push(new TextDelta($"w{i} "));
        WaitProcessed(101);
        Assert.Equal(rendersBefore, message.RenderCount);
        Assert.Empty(cut.FindAll("[data-testid='assistant-answer']"));

        // The interval passes without a further token: the held-back text shows anyway, in one render.
        Clock.Advance(RenderThrottle.StreamingInterval);
        cut.WaitForAssertion(() => Assert.EndsWith("w99", cut.Find("[data-testid='assistant-answer']").TextContent.Trim()));
        Assert.Equal(rendersBefore + 1, message.RenderCount);

        // A hundred more, 10 ms apart: about one render per 75 ms of them.
        for (var i = 100; i < 200; i++)
        {
            Assistant.Push(new TextDelta($"w{i} "));
            WaitProcessed(i + 2);
            Clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        Assistant.Push(new AnswerCompleted(""));
        Assistant.EndAnswer();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='assistant-send']")));
        var text = cut.Find("[data-testid='assistant-answer']").TextContent.Trim();
        Assert.Equal(string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}")), text);
        var streamedRenders = message.RenderCount - rendersBefore;
        Assert.InRange(streamedRenders, 10, 20);
        // The chat itself rendered for the end of the answer, not per token (its status banner renders whenever it does).
        Assert.InRange(cut.FindComponent<OllamaStatusBanner>().RenderCount - chatRenders, 0, 3);
        // The question above it never rendered again.
        Assert.Equal(1, cut.FindComponents<ChatMessageView>().First().RenderCount);
    }

    [Fact]
    public async Task TheFirstToken_ShowsAtOnce()
    {
        var cut = RenderChat();
        await Ask(cut, "Explain my bill");

        Assistant.Push(new TextDelta("Compute"));

        cut.WaitForAssertion(() => Assert.Equal("Compute", cut.Find("[data-testid='assistant-answer']").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid='assistant-typing']"));
    }
}
