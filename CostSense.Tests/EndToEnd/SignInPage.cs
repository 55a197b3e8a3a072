using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for the sign-in form.</summary>
public sealed class SignInPage(IPage page, Uri baseAddress)
{
    public async Task OpenAsync() => await page.GotoAsync(new Uri(baseAddress, "/Account/Login").ToString());

    /// <summary>Fills in the form and sends it; where the browser lands is the caller's to check.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }

    /// <summary>Waits until the browser has left the account pages, as it does once signed in.</summary>
    public async Task WaitUntilSignedInAsync() =>
        await page.WaitForURLAsync(url => !url.Contains("/Account/", StringComparison.OrdinalIgnoreCase));

    public ILocator Form => page.Locator("[data-testid=login-form]");
}
