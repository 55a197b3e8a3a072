using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// Page object for the assistant's chat: in the panel that any page opens from the top bar, or on /assistant beside
/// the list of conversations. Steps are named for what a user does; the locators are there for the test's Expect.
/// </summary>
public sealed class AssistantChat(IPage page, Uri baseAddress)
{
    /// <summary>Opens the dashboard and, once it is live, the assistant's panel on it.</summary>
    public async Task OpenPanelAsync()
    {
        await page.OpenLiveAsync(baseAddress);
        await page.Locator("[data-testid=assistant-toggle]").ClickAsync();
        await Input.WaitForAsync();
    }

    /// <summary>Opens the assistant's own page, with the conversations listed.</summary>
    public async Task OpenPageAsync() => await page.OpenLiveAsync(baseAddress, "/assistant");

    /// <summary>Types the question and presses Enter, as a user sends it.</summary>
    public async Task AskAsync(string question)
    {
        // Enter sends only once the box's module has hooked the key; before that it writes a newline.
        await page.Locator("form[data-enter-sends=true]").WaitForAsync();
        await Input.FillAsync(question);
        await Input.PressAsync("Enter");
    }

    /// <summary>Stops the answer being written and waits until the chat says it was stopped.</summary>
    public async Task StopAsync()
    {
        await Stop.ClickAsync();
        await page.Locator("[data-testid=assistant-stopped]").WaitForAsync();
    }

    /// <summary>Waits until the address is the conversation's own (/assistant/{id}) and returns it.</summary>
    public async Task<string> WaitForConversationAddressAsync()
    {
        await page.WaitForURLAsync(url => url.Contains("/assistant/", StringComparison.Ordinal));
        return page.Url;
    }

    /// <summary>Opens the listed conversation that the question started, and waits for its address.</summary>
    public async Task OpenConversationAsync(string question, string address)
    {
        await page.Locator("[data-testid=assistant-conversation]", new() { HasText = question })
            .Locator("[data-testid=assistant-conversation-title]").ClickAsync();
        await page.WaitForURLAsync(address);
    }

    /// <summary>Chooses one of the quick actions that the status offers in the given state.</summary>
    public async Task QuickActionAsync(string state, string action) =>
        await Status(state).Locator($"[data-testid=assistant-quick][data-action={action}]").ClickAsync();

    public ILocator Input => page.Locator("[data-testid=assistant-input]");
    public ILocator Send => page.Locator("[data-testid=assistant-send]");
    public ILocator Stop => page.Locator("[data-testid=assistant-stop]");
    public ILocator Questions => page.Locator("[data-testid=assistant-question]");
    public ILocator Answers => page.Locator("[data-testid=assistant-answer]");
    public ILocator Specialists => page.Locator("[data-testid=assistant-specialist]");
    public ILocator Tools => page.Locator("[data-testid=assistant-tool]");

    /// <summary>The assistant's status when it is in the given state (its data-state, e.g. "modelmissing").</summary>
    public ILocator Status(string state) => page.Locator($"[data-testid=assistant-status][data-state={state}]");

    /// <summary>The command the status gives to fix what is wrong.</summary>
    public ILocator FixCommand(string state) => Status(state).Locator("[data-testid=assistant-fix-command]");
}
