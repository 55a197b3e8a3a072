using System.Net;
using System.Text.RegularExpressions;
using CostSense.Core.Access;
using CostSense.Core.Data.Entities;
using CostSense.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Access;

public partial class FirstStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutAConfiguredPassword_TheFirstAdminsGeneratedPassword_IsLoggedOnce_AndSignsIn()
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["CostSense:Admin:Password"] = "" }, logs);

        var lines = logs.Messages.Where(m => m.Contains("generated password", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(lines);
        var password = GeneratedPassword().Match(line).Groups[1].Value;
        Assert.True(password.Length >= 16, line);

        using var client = app.Client();
        using var signIn = await TestApp.SignInAsync(client, TestApp.AdminEmail, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        Assert.Equal([AppRoles.Admin], await users.GetRolesAsync((await users.FindByEmailAsync(TestApp.AdminEmail))!));
        Assert.Single(users.Users);
    }

    [Fact]
    public async Task WithAConfiguredPassword_NoPasswordIsLogged()
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(logs: logs);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(TestApp.AdminPassword, StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("CostSense:Admin:Password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnonymousReadOnly_WhenAllowed_OpensTheDashboardAsAGuestViewer_ButNothingMore()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["CostSense:Auth:AllowAnonymousRead"] = "true" });
        using var client = app.Client();

        using var dashboard = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Guest (read-only)", await dashboard.Content.ReadAsStringAsync(Ct));
        var data = await client.GetStringAsync("/data", Ct);
        Assert.Contains("data-testid=\"needs-analyst\"", data);
        Assert.DoesNotContain("data-testid=\"regenerate-demo\"", data);
        foreach (var closed in new[] { "/audit", "/admin/users" })
        {
            using var response = await client.GetAsync(closed, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task AnonymousReadOnly_IsOffByDefault()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.Client();
        using var response = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex(@"generated password (\S+) ")]
    private static partial Regex GeneratedPassword();
}
