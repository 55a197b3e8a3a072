using CostSense.Tests.Infrastructure;
using System.Net;
using CostSense.Web.Account.Entra;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Account;

/// <summary>Without AzureAd settings the app has no Entra scheme, no button, and refuses the provider by name.</summary>
public sealed class EntraDisabledTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await TestApp.StartAsync(new Dictionary<string, string?>
    {
        // Present but empty, as in an appsettings file with the section laid out: still off.
        ["AzureAd:TenantId"] = "contoso.onmicrosoft.com",
        ["AzureAd:ClientId"] = "",
    });

    [Fact]
    public async Task WithoutAClientId_ThereIsNoEntraSchemeAndNoButton()
    {
        using var client = _app.Client();

        var html = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Null(await _app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(EntraOptions.Scheme));
        Assert.DoesNotContain("Microsoft Entra ID", html);
        Assert.DoesNotContain("data-testid=\"external-", html);
        Assert.Contains("data-testid=\"sign-in\"", html);
    }

    [Fact]
    public async Task WithoutAClientId_PostingTheProviderAnywayIsRefused()
    {
        using var client = _app.Client();
        var html = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);

        var response = await client.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["provider"] = EntraOptions.Scheme,
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = EntraBrowser.AntiforgeryToken(html),
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ExternalSignInError.LoginPath(ExternalSignInError.UnknownProvider), response.Headers.Location?.ToString());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
