using System.Net;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Access;

/// <summary>Sign-in attempts are limited per client address, whatever the account, so that guessing is slow.</summary>
public sealed class SignInRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignInPosts_OverTheLimit_AreRefusedWith429_PerClientAddress()
    {
        await using var app = await TestApp.StartAsync(new TestAppOptions
        {
            Server = AppServer.KestrelHttps, Settings = new Dictionary<string, string?> { ["CostSense:Auth:SignInsPerMinute"] = "3" },
        });
        using var client = app.Client();

        // Three guesses at three different accounts use up this address's minute.
        foreach (var email in new[] { "a@app.test", "b@app.test", TestApp.AdminEmail })
        {
            using var guess = await TestApp.SignInAsync(client, email, "guess-1");
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }
        using var refused = await TestApp.SignInAsync(client, TestApp.AdminEmail, TestApp.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "A refused sign-in says when to try again");
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("CostSense.Auth=", StringComparison.Ordinal));

        // Reading the page is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", Ct)).StatusCode);

        // Another address, as the trusted (loopback) proxy reports it, has its own budget.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        using var elsewhere = await TestApp.SignInAsync(client, TestApp.AdminEmail, TestApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Start_WithASignInLimitBelowOne_FailsNamingTheKey()
    {
        // The app's own registrations started directly: WebApplicationFactory can lose a start-up exception to a race
        // (its deferred host then reads the app's already disposed services instead).
        var ex = await TestApp.FailsToStartAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            new Dictionary<string, string?> { ["CostSense:Auth:SignInsPerMinute"] = "0" }, builder =>
            {
                CostSense.Core.DependencyInjection.AddCostSenseCore(builder);
                CostSense.Web.WebRegistration.AddCostSenseWeb(builder);
            });

        Assert.Contains("SignInsPerMinute", ex.Message);
    }
}
