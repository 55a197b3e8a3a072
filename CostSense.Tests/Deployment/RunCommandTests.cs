using System.Net;
using CostSense.Tests.Infrastructure;

namespace CostSense.Tests.Deployment;

/// <summary>The README's run command gives the product as users get it, not a developer's diagnostics.</summary>
public sealed class RunCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadmeRunCommand_AnswersABadRequest_WithoutADeveloperExceptionPage()
    {
        await using var store = TempStore.Create();
        var settings = TestSettings.Isolated(store);
        settings["Ollama:BaseUrl"] = "http://127.0.0.1:1";
        await using var app = await AppProcess.RunReadmeCommandAsync(settings);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        // An anonymous sign-out without its antiforgery token: refused, and nothing about the server in the answer.
        using var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = "/" }), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var leak in new[] { "Exception", "Stack", "at Microsoft.", "Headers", "Cookie", "User-Agent", ".cs:line" })
            Assert.DoesNotContain(leak, body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hosting environment: Production", app.Output);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Ct)).StatusCode);
    }
}
