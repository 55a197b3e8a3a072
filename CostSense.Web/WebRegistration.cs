using CostSense.Web.Components;
using Microsoft.Extensions.Configuration.Json;
using CostSense.Web.Health;
using CostSense.Web.Startup;
using MudBlazor.Services;

namespace CostSense.Web;

public static class WebRegistration
{
    /// <summary>Blazor Server, MudBlazor, and the start-up work that readies the store.</summary>
    public static WebApplicationBuilder AddCostSenseWeb(this WebApplicationBuilder builder)
    {
        AddRootDevelopmentSettings(builder);
        // Package assets (MudBlazor's CSS and JS) come from the build's manifest in any environment, so
        // `dotnet run` outside Development is styled too; published output has no manifest and serves wwwroot.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddCostSenseHealth();

        // Schema and demo tenant: ready before the first request when the store is reachable, retried in the background until it is.
        builder.Services.AddSingleton<StoreStatus>();
        builder.Services.AddHostedService<StoreStartup>();
        return builder;
    }

    public static WebApplication UseCostSenseWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapCostSenseHealth();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// The repository keeps its developer settings in appsettings.Development.json at the root, beside the
    /// solution; in Development the app reads it after its own appsettings files.
    /// </summary>
    private static void AddRootDevelopmentSettings(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return;
        for (var dir = new DirectoryInfo(builder.Environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "appsettings.Development.json");
            if (File.Exists(Path.Combine(dir.FullName, "CostSense.sln")) && File.Exists(file))
            {
                // Right after the app's own appsettings files, so environment variables and the command line still win.
                var sources = builder.Configuration.Sources;
                var index = sources.ToList().FindLastIndex(x => x is JsonConfigurationSource { Path: { } p } && p.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase));
                var source = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false };
                source.ResolveFileProvider();
                sources.Insert(index + 1, source);
                return;
            }
        }
    }
}
