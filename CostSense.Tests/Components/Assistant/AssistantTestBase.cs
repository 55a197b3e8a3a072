using Bunit;
using CostSense.Core.Assistant;
using CostSense.Web.Components.Assistant;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CostSense.Tests.Components.Assistant;

/// <summary>The chat over a scripted assistant, on a live circuit, with a clock the test moves.</summary>
public abstract class AssistantTestBase : ComponentTestBase
{
    protected AssistantTestBase()
    {
        Services.AddSingleton<ICostAssistant>(Assistant);
        Services.AddSingleton<TimeProvider>(Clock);
        OnLiveCircuit();
    }

    protected FakeCostAssistant Assistant { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));

    protected IRenderedComponent<ChatView> RenderChat(Guid? conversationId = null) =>
        Render<ChatView>(p => p.Add(c => c.ConversationId, conversationId));

    /// <summary>Types a question and sends it as Enter or the Send button would (both submit the form).</summary>
    protected static Task Ask(IRenderedComponent<IComponent> cut, string question) => cut.InvokeAsync(() =>
    {
        // On the dispatcher: the chat may still be rendering the end of an answer, which renews the handlers.
        cut.Find("textarea[data-testid='assistant-input']").Input(question);
        cut.Find("form.chat-input").Submit();
    });

    /// <summary>Clicks on the dispatcher, so a render in between cannot renew the handler first.</summary>
    protected static Task Click(IRenderedComponent<IComponent> cut, string selector) => cut.InvokeAsync(() => cut.Find(selector).Click());

    /// <summary>
    /// Waits until the chat has finished with the first <paramref name="count"/> events of the answer. Polled: a
    /// throttled token changes no markup, so there is no render to wait for.
    /// </summary>
    protected void WaitProcessed(int count) =>
        Assert.True(SpinWait.SpinUntil(() => Assistant.Processed >= count, TimeSpan.FromSeconds(10)), $"The chat processed {Assistant.Processed} of {count} events.");

    /// <summary>Lets the events pushed so far be processed and the throttle's interval pass, so the answer shows them.</summary>
    protected void Settle(int processed)
    {
        WaitProcessed(processed);
        Clock.Advance(RenderThrottle.StreamingInterval);
    }

    protected static IReadOnlyList<AngleSharp.Dom.IElement> Answers(IRenderedComponent<ChatView> cut) =>
        cut.FindAll("[data-testid='assistant-answer']");
}
