using System.Diagnostics;
using System.Text.RegularExpressions;
using CostSense.Core;
using CostSense.Core.Data.Entities;
using CostSense.Web;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>
/// Whether sign-in tells which e-mails have an account by how long it takes: the whole app on Kestrel, timed from the
/// outside as an attacker would, posting the form with a wrong password for real accounts and for e-mails without
/// one, interleaved, each account once (so none is locked out along the way).
/// </summary>
internal static partial class SignInBenchmark
{
    private const string Password = "benchmark-Password-4711";

    public static async Task RunAsync(int samples, string? postgres)
    {
        var root = Directory.CreateTempSubdirectory("costsense-signin-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = root,
            // The web app's name, so that its static assets manifest (copied beside this program) is found.
            ApplicationName = typeof(WebRegistration).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CostSense:Store:SqlitePath"] = Path.Combine(root, "bench.db"),
            ["ConnectionStrings:CostSense"] = postgres is null ? "" : postgres + ";Database=costsense_signin",
            ["ConnectionStrings:Redis"] = "",
            ["CostSense:Demo:Enabled"] = "false",
            ["CostSense:Auth:SignInsPerMinute"] = "100000",
            ["Ollama:BaseUrl"] = "http://127.0.0.1:1",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCostSenseCore();
        builder.AddCostSenseWeb();
        await using var app = builder.Build();
        app.UseCostSenseWeb();
        await app.StartAsync();
        await WaitForStoreAsync(app.Services.GetRequiredService<StoreStatus>());
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        const int warmUp = 3;
        await CreateUsersAsync(app.Services, samples + warmUp);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        for (var i = 0; i < warmUp; i++)
        {
            await TimeSignInAsync(client, $"known-{samples + i}@bench.test");
            await TimeSignInAsync(client, $"nobody-warm-{i}@bench.test");
        }
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            known.Add(await TimeSignInAsync(client, $"known-{i}@bench.test"));
            unknown.Add(await TimeSignInAsync(client, $"nobody-{i}@bench.test"));
        }

        Console.WriteLine($"store: {(postgres is null ? "SQLite" : "PostgreSQL")}; {samples} wrong-password sign-ins of each kind, interleaved, ms per form post");
        Console.WriteLine($"{"e-mail",-26} {"min",7} {"p25",7} {"median",7} {"p75",7} {"max",7}");
        Print("has an account", known);
        Print("has no account", unknown);
        var (lo, hi) = (known.Min(), known.Max());
        Console.WriteLine($"unknown e-mails inside the real accounts' range: {unknown.Count(t => t >= lo && t <= hi)} of {samples}");

        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgres is not null)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CostSense.Core.Data.CostSenseDbContext>().Database.EnsureDeletedAsync();
        }
        Directory.Delete(root, recursive: true);
    }

    private static void Print(string label, List<double> times)
    {
        var s = times.Order().ToList();
        double At(double q) => s[(int)Math.Round(q * (s.Count - 1))];
        Console.WriteLine($"{label,-26} {s[0],7:N1} {At(0.25),7:N1} {At(0.5),7:N1} {At(0.75),7:N1} {s[^1],7:N1}");
    }

    /// <summary>One wrong-password post, timed; the page and its antiforgery cookie are fetched first, untimed.</summary>
    private static async Task<double> TimeSignInAsync(HttpClient client, string email)
    {
        using var page = await client.GetAsync("/Account/Login");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Net.WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = "not-the-password",
            }),
        };
        post.Headers.Add("Cookie", cookies);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(post);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != System.Net.HttpStatusCode.OK) throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}");
        return elapsed;
    }

    private static async Task CreateUsersAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        for (var i = 0; i < count; i++)
        {
            var email = $"known-{i}@bench.test";
            var created = await users.CreateAsync(new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true }, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
    }

    private static async Task WaitForStoreAsync(StoreStatus status)
    {
        for (var waited = 0; !status.Ready; waited += 100)
        {
            if (waited > 60_000) throw new TimeoutException($"The store did not come up: {status.Problem}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
