using System.Diagnostics;
using CostSense.Core;
using CostSense.Core.Data.Entities;
using CostSense.Web;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The whole web app in this process, on Kestrel at a free loopback port, over the large tenant's store (its settings,
/// demo seeding off), with <see cref="SessionsCircuits"/> counting its circuits. In process, so the scenario can read
/// the server's managed heap after a full collection.
/// </summary>
public sealed class SessionsWebApp : IAsyncDisposable
{
    public const string Password = "scale-Sessions-4711";

    private readonly WebApplication _app;

    private SessionsWebApp(WebApplication app, SessionsCircuits circuits, Uri baseAddress) => (_app, Circuits, BaseAddress) = (app, circuits, baseAddress);

    public Uri BaseAddress { get; }

    public SessionsCircuits Circuits { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SessionsWebApp> StartAsync(ScaleStore tenant, CancellationToken ct)
    {
        var root = Directory.CreateDirectory(Path.Combine(tenant.Folder, "sessions-web")).FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = root,
            // The web app's name, so that its static assets manifest (copied beside this program) is found.
            ApplicationName = typeof(WebRegistration).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(tenant.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CostSense:Demo:Enabled"] = "false",
            ["CostSense:Auth:SignInsPerMinute"] = "100000",
            // A closed page's circuit goes within seconds, so "no circuits" is reached between the steps.
            ["CostSense:Circuits:DisconnectedCircuitRetentionPeriod"] = "00:00:02",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddCostSenseCore();
        builder.AddCostSenseWeb();
        var circuits = new SessionsCircuits();
        builder.Services.AddSingleton<CircuitHandler>(circuits);
        var app = builder.Build();
        try
        {
            app.UseCostSenseWeb();
            await app.StartAsync(ct);
            var status = app.Services.GetRequiredService<StoreStatus>();
            for (var waited = 0; !status.Ready; waited += 100)
            {
                if (waited > 120_000) throw new TimeoutException($"The web app's store did not come up: {status.Problem}");
                await Task.Delay(100, ct);
            }
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new SessionsWebApp(app, circuits, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A user with the role and <see cref="Password"/>, made through the app's own user manager as an admin would.</summary>
    public async Task CreateUserAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CostSenseUser>>();
        // A kept tenant (--keep) has the user from the run before: made again, with the password this run signs in with.
        if (await users.FindByEmailAsync(email) is { } earlier) await users.DeleteAsync(earlier);
        var user = new CostSenseUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException($"Could not create {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) throw new InvalidOperationException($"Could not make {email} {role}: {string.Join(" ", added.Errors.Select(e => e.Description))}");
    }

    /// <summary>
    /// The process's managed heap after full, compacting collections (finalizers run between them), and its working
    /// set. The process also holds the benchmark's own hosts and the Playwright client; differences cancel them out.
    /// </summary>
    public static (long Heap, long WorkingSet) Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (heap, self.WorkingSet64);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
