using Microsoft.Playwright;

namespace CostSense.Tests.EndToEnd;

/// <summary>Page object for the Admin's users page.</summary>
public sealed class UsersPage(IPage page, Uri baseAddress)
{
    public async Task OpenAsync() => await page.OpenLiveAsync(baseAddress, "/admin/users");

    /// <summary>Adds a user with the role and returns the generated password the page shows once.</summary>
    public async Task<string> AddUserAsync(string email, string role)
    {
        await page.Locator("[data-testid=new-email]").Locator("xpath=descendant-or-self::input").FillAsync(email);
        await page.Locator("[data-testid=new-role]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(role, new() { Exact = true }).ClickAsync();
        // The choice travels over the circuit and closes the list; add only once it has.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=create-user]").ClickAsync();
        return (await page.Locator("[data-testid=generated-password]").InnerTextAsync()).Trim();
    }

    /// <summary>The user's entry in the list.</summary>
    public ILocator User(string email) => page.Locator("[data-testid=user-email]", new() { HasText = email });
}
