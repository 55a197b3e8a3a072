using System.Net;
using CostSense.Core.Access;
using CostSense.Core.Data;
using CostSense.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostSense.Tests.Security;

/// <summary>
/// The key ring that protects sign-in cookies and antiforgery tokens lives in the store, so a restart, a new container
/// or a second instance over the same store keeps everyone signed in. The other instance runs as a process of its
/// own with a HOME of its own, as another container would: nothing on the file system is shared, only the store.
/// </summary>
public sealed class KeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ASignIn_OnOneInstance_IsHonouredByAnotherInstance_AndAfterItRestarts(StoreKind kind)
    {
        // The store both instances share.
        await using var store = TempStore.Create(kind);
        await using var first = await TestApp.StartAsync(new Dictionary<string, string?>(store.Settings));
        await first.EnsureUserAsync(TestApp.EmailOf(AppRoles.Analyst), AppRoles.Analyst);
        var cookies = new CookieContainer();
        using var browser = first.Client(cookies);
        using var signedIn = await TestApp.SignInAsync(browser, TestApp.EmailOf(AppRoles.Analyst), TestApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // A form the first instance rendered: its token and the antiforgery cookie are protected with the ring's key.
        var token = TestApp.AntiforgeryToken(await browser.GetStringAsync("/", Ct));
        var cookieHeader = cookies.GetCookieHeader(first.BaseAddress);

        for (var start = 1; start <= 2; start++)
        {
            await using var other = await AppProcess.RunBuiltAppAsync(OtherInstance(store, start));
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = other.BaseAddress };

            using var page = await SendAsync(client, HttpMethod.Get, "/", cookieHeader);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"Start {start} of the other instance answered {(int)page.StatusCode} {page.Headers.Location}:\n{other.Output}");
            Assert.Contains(TestApp.EmailOf(AppRoles.Analyst), await page.Content.ReadAsStringAsync(Ct));

            using var form = await SendAsync(client, HttpMethod.Post, "/Account/Logout", cookieHeader,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["ReturnUrl"] = "" }));
            Assert.True(form.StatusCode == HttpStatusCode.Redirect, $"The form post answered {(int)form.StatusCode}:\n{other.Output}");
            Assert.StartsWith("/Account/Login", form.Headers.Location!.OriginalString);
        }

        await using var scope = first.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContextAsync(Ct);
        var keys = await db.DataProtectionKeys.ToListAsync(Ct);
        Assert.Single(keys);
        Assert.Contains("<key id=", keys[0].Xml);
    }

    /// <summary>A container of its own: its own HOME (where ASP.NET Core would otherwise keep keys), the same store.</summary>
    private static Dictionary<string, string?> OtherInstance(TempStore store, int start)
    {
        var environment = TestSettings.Isolated(store);
        environment["HOME"] = Directory.CreateDirectory(Path.Combine(store.Folder, $"home-{start}")).FullName;
        environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        environment["Ollama:BaseUrl"] = "http://127.0.0.1:1";
        return environment;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookies, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request, Ct);
    }
}
