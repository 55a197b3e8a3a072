using CostSense.Web.Account;
using CostSense.Web.Assistant;
using CostSense.Web.Components;
using Microsoft.Extensions.Configuration.Json;
using CostSense.Web.Health;
using CostSense.Web.Recommendations;
using CostSense.Web.Startup;
using MudBlazor.Services;

namespace CostSense.Web;

public static class WebRegistration
{
    /// <summary>Blazor Server, MudBlazor, and the start-up work that readies the store.</summary>
    public static WebApplicationBuilder AddCostSenseWeb(this WebApplicationBuilder builder)
    {
        AddRootDevelopmentSettings(builder);
        // Schema and demo tenant: ready before the first request when the store is reachable, retried in the background
        // until it is. Registered first, so the store's schema (the key ring's table included) is there before any
        // other hosted service, data protection's key-ring warm-up among them, reads it.
        builder.Services.AddSingleton<StoreStatus>();
        builder.Services.AddHostedService<StoreStartup>();
        // Package assets (MudBlazor's CSS and JS) come from the build's manifest in any environment, so
        // `dotnet run` outside Development is styled too; published output has no manifest and serves wwwroot.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.AddCostSenseAccounts();
        builder.AddCostSenseHealth();
        builder.AddCostSenseHardening();
        builder.AddAssistantTracing();
        return builder;
    }

    public static WebApplication UseCostSenseWeb(this WebApplication app)
    {
        app.UseCostSenseHardening();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Browsers get the not-found page for GETs. A refused form post (a 400 for a missing antiforgery token)
        // keeps its status: re-running it through the pipeline would check the same bad token again and throw.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
        app.UseCostSenseAccounts();
        app.UseAntiforgery();
        app.MapCostSenseHealth();
        // CSS, JS and fonts carry nothing private, and the sign-in page needs them.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapRecommendationExport();
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
