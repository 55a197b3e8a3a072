using CostSense.Core.Assistant;
using CostSense.Core.Data;
using CostSense.Core.Data.Entities;
using CostSense.Core.Imports.Exports;
using CostSense.Web.Account;
using CostSense.Web.Account.Entra;
using CostSense.Web.Components;
using CostSense.Web.Health;
using CostSense.Web.Recommendations;
using CostSense.Web.Reports;
using CostSense.Web.Security;
using CostSense.Web.Showback;
using CostSense.Web.Startup;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using MudBlazor.Services;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CostSense.Web;

/// <summary>
/// Every service the web app registers and the order of its request pipeline, in one place. The features keep
/// their option classes and option setups (<c>…Setup</c>, <c>IConfigureOptions</c>); this file wires them.
/// </summary>
public static class WebRegistration
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddCostSenseWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        RootDevelopmentSettings.AddTo(builder.Configuration, builder.Environment);

        // Start-up: schema and demo tenant, ready before the first request when the store is reachable, retried in
        // the background until it is. Registered first, so the store's schema (the key ring's table included) is
        // there before any other hosted service, data protection's key-ring warm-up among them, reads it.
        services.AddOptions<StoreStartupOptions>().BindConfiguration(StoreStartupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StoreStatus>();
        services.AddSingleton<StoreProbe>();
        services.AddSingleton<IStoreStartupStep, AdminBootstrap>();
        services.AddSingleton<IStoreStartupStep, TagRollupBackfill>();
        services.AddSingleton<IStoreStartupStep, KeyRingStartup>();
        services.AddHostedService<StoreStartup>();

        // Blazor Server and MudBlazor. Package assets (MudBlazor's CSS and JS) come from the build's manifest in any
        // environment, so `dotnet run` outside Development is styled too; published output serves wwwroot.
        builder.WebHost.UseStaticWebAssets();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        AddAccounts(builder);
        AddExportContainer(builder);
        // --- Reports delivered by e-mail (issue 13): the worker that sends due report subscriptions (Core registers it and
        // its sender), a hosted service of the web app only, after StoreStartup; a tick before the schema is there logs and waits.
        services.AddHostedService(sp => sp.GetRequiredService<CostSense.Core.Reports.Delivery.ReportDeliveryWorker>());
        // --- Live Azure (issue 14): the scheduled sync (Core registers it and the sync); it returns at once while Azure is off.
        services.AddHostedService(sp => sp.GetRequiredService<CostSense.Core.Sources.Azure.AzureSyncWorker>());
        // --- Notifications and alerts (issue 15): the alert check's worker (Core registers it, the check and the sender), a
        // hosted service of the web app only, after StoreStartup, so its first check finds the schema.
        services.AddHostedService(sp => sp.GetRequiredService<CostSense.Core.Alerts.AlertWorker>());
        // --- end of notifications and alerts.
        AddEntraSignIn(builder);
        AddHealth(builder);
        builder.AddCostSenseHardening();
        AddAssistantTracing(builder);
        return builder;
    }

    public static WebApplication UseCostSenseWeb(this WebApplication app)
    {
        app.UseCostSenseHardening();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<StatusPagesForReads>();

        // Accounts: the sign-in form's rate limit, then who is asking, the anonymous read-only guest, and what they may do.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AnonymousRead>();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Both health endpoints answer anonymous callers: probes and load balancers do not sign in. So they say status
        // words only, unless an Admin asks (HealthResponse). /health/ready is 200 for Healthy and Degraded (the app
        // works, maybe slower or without its assistant), 503 for Unhealthy.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        // CSS, JS and fonts carry nothing private, and the sign-in page needs them.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapRecommendationExport();
        app.MapSummaryPdf();
        // --- Showback (issue 15): the chargeback table's CSV download.
        app.MapShowbackExport();
        // --- end of showback.
        return app;
    }

    /// <summary>
    /// Bounded circuits and hub, request limits, no Server header; the proxy in front, Secure cookies and HSTS.
    /// Public so the tests can harden a bare host with exactly this.
    /// </summary>
    public static WebApplicationBuilder AddCostSenseHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CircuitLimitsOptions>().BindConfiguration(CircuitLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureOptions<CircuitLimitsSetup>();
        services.ConfigureOptions<ForwardedHeadersSetup>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((k, limits) =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>>((f, limits) =>
            f.MultipartBodyLengthLimit = limits.Value.MaxUploadBytes);

        // Outside Development every cookie is Secure whatever the request says, so a misconfigured proxy cannot leak a
        // session over http (browsers accept Secure cookies from http://localhost, so `dotnet run` still signs in).
        var development = builder.Environment.IsDevelopment();
        services.Configure<CookiePolicyOptions>(o => o.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        // A year, as HSTS checkers expect; not includeSubDomains: the parent domain's other sites are not ours to bind.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>
    /// The scheme and address the browser used, as the trusted proxy reports them; then security headers and the CSP
    /// nonce, HSTS and the cookie policy. First in the pipeline, so every response, errors included, passes through it.
    /// </summary>
    public static WebApplication UseCostSenseHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// ASP.NET Core Identity over the store's own context, cookie sign-in, one policy per permission, and a fallback
    /// policy: everything needs a signed-in user unless it says [AllowAnonymous].
    /// </summary>
    private static void AddAccounts(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .PostConfigure(o => o.Password = string.IsNullOrEmpty(o.Password) ? null : o.Password) // empty = generate one
            .ValidateDataAnnotations().ValidateOnStart();

        // Identity's EF stores want a scoped context; it comes from the store's factory (SQLite or PostgreSQL).
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CostSenseDbContext>>().CreateDbContext());
        // The keys that protect sign-in cookies and antiforgery tokens live in the store too, under one application
        // name: a restart, a new container or a second instance over the same store keeps everyone signed in.
        services.AddDataProtection().SetApplicationName("CostSense").PersistKeysToDbContext<CostSenseDbContext>();

        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.AddIdentityCore<CostSenseUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CostSenseDbContext>()
            .AddSignInManager<CostSenseSignInManager>()
            .AddDefaultTokenProviders();
        // After Identity's own defaults: AuthOptions' cookie, password, lockout and revalidation settings.
        services.ConfigureOptions<AccountSetup>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
        services.AddSingleton<UnknownAccounts>();
        services.AddRateLimiter(o => o.AddPolicy<string, SignInRateLimit>(SignInRateLimit.Policy));
        services.AddScoped<CurrentActor>();
        services.AddSingleton<UserAdministration>();
    }

    /// <summary>
    /// The export container: its settings (the connection string protected by the key ring AddAccounts sets up), the
    /// reader shared by "Import now" and the schedule, the run history, and the schedule itself, after StoreStartup.
    /// </summary>
    private static void AddExportContainer(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ExportContainerSettingsStore>();
        services.AddSingleton<ExportContainerReader>();
        services.AddSingleton<ExportRunHistory>();
        services.AddSingleton<ExportContainerSchedule>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportContainerSchedule>());
    }

    /// <summary>
    /// Microsoft Entra ID as an external sign-in (OpenID Connect through Microsoft.Identity.Web) when AzureAd:ClientId
    /// is set; nothing at all otherwise. The provider's answer lands in Identity's external cookie, and
    /// <see cref="ExternalLoginEndpoints"/> turns it into a local account's sign-in.
    /// </summary>
    private static void AddEntraSignIn(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EntraOptions>().BindConfiguration(EntraOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ExternalUserLinker>();
        if (!EntraOptions.IsConfigured(builder.Configuration)) return;

        // cookieScheme null: no cookie scheme of its own; Identity's cookies already exist.
        services.AddAuthentication().AddMicrosoftIdentityWebApp(builder.Configuration.GetSection(EntraOptions.Section),
            openIdConnectScheme: EntraOptions.Scheme, cookieScheme: null, displayName: EntraOptions.DisplayName);
        services.Configure<MicrosoftIdentityOptions>(EntraOptions.Scheme, o =>
        {
            // This app's default, so the section needs no more than TenantId and ClientId.
            if (string.IsNullOrWhiteSpace(o.Instance)) o.Instance = EntraOptions.DefaultInstance;
            // With a secret, the authorization code flow (PKCE, the ID token fetched over the back channel); without
            // one, Microsoft.Identity.Web's default: the ID token posted back by the browser.
            if (!string.IsNullOrWhiteSpace(o.ClientSecret)) o.ResponseType = OpenIdConnectResponseType.Code;
            // The e-mail matches and names the local account; preferred_username is the fallback.
            if (!o.Scope.Contains("email")) o.Scope.Add("email");
        });
        // After Microsoft.Identity.Web's own configuration, which copies its options over these.
        services.Configure<OpenIdConnectOptions>(EntraOptions.Scheme, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Events.OnRemoteFailure = EntraRemoteFailure.HandleAsync;
        });
    }

    /// <summary>
    /// /health/live (the process answers) and /health/ready: the store, and Redis and Ollama as Degraded when they
    /// are down. Each check keeps to its own short timeout; the registration's is a backstop so a report never hangs.
    /// </summary>
    private static void AddHealth(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // No request logging: probes poll every few seconds, and a down Ollama would log a stack trace each time.
        services.AddHttpClient(OllamaHealthCheck.ClientName, c => c.Timeout = OllamaHealthCheck.Timeout).RemoveAllLoggers();
        var backstop = TimeSpan.FromSeconds(10);
        var checks = services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, [Ready], backstop)
            .AddCheck<OllamaHealthCheck>("ollama", HealthStatus.Degraded, [Ready], backstop);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis"))) return;
        // A singleton, so its Redis connection lives as long as the app instead of one per report.
        services.AddSingleton<RedisHealthCheck>();
        checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [Ready], backstop);
    }

    /// <summary>
    /// Traces of model and tool calls (the chat client's own OpenTelemetry spans) go to an OTLP collector when
    /// <c>Assistant:OtlpEndpoint</c> is set; without it nothing listens and the spans cost nothing.
    /// </summary>
    private static void AddAssistantTracing(WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration[$"{AssistantOptions.Section}:{nameof(AssistantOptions.OtlpEndpoint)}"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("CostSense"))
            .WithTracing(t => t.AddSource(OllamaConnection.TraceSource).AddOtlpExporter(o => o.Endpoint = uri));
    }
}
