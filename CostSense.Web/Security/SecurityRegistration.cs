using CostSense.Web.Security;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

// Beside WebRegistration's namespace, so its one call here needs no using.
namespace CostSense.Web;

public static class SecurityRegistration
{
    /// <summary>Bounded circuits and hub, request limits, no Server header; the proxy in front, Secure cookies and HSTS.</summary>
    public static WebApplicationBuilder AddCostSenseHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        AddTransportSecurity(builder);
        services.AddOptions<CircuitLimitsOptions>().BindConfiguration(CircuitLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // PostConfigure: these win over AddInteractiveServerComponents' callback and the DetailedErrors setting,
        // whichever is registered first.
        services.AddOptions<CircuitOptions>().PostConfigure<IOptions<CircuitLimitsOptions>, IHostEnvironment>((o, limits, env) =>
        {
            var l = limits.Value;
            o.DisconnectedCircuitRetentionPeriod = l.DisconnectedCircuitRetentionPeriod;
            o.DisconnectedCircuitMaxRetained = l.DisconnectedCircuitMaxRetained;
            o.JSInteropDefaultCallTimeout = l.JSInteropDefaultCallTimeout;
            o.MaxBufferedUnacknowledgedRenderBatches = l.MaxBufferedUnacknowledgedRenderBatches;
            // Exception details reach the browser only on a developer's machine.
            o.DetailedErrors &= env.IsDevelopment();
        });
        // The app's only hub is Blazor's; SignalR copies these hub-wide settings into it.
        services.AddOptions<HubOptions>().Configure<IOptions<CircuitLimitsOptions>, IHostEnvironment>((o, limits, env) =>
        {
            var l = limits.Value;
            o.MaximumReceiveMessageSize = l.MaximumReceiveMessageBytes;
            o.MaximumParallelInvocationsPerClient = l.MaximumParallelInvocationsPerClient;
            o.ClientTimeoutInterval = l.ClientTimeoutInterval;
            o.HandshakeTimeout = l.HandshakeTimeout;
            o.EnableDetailedErrors = env.IsDevelopment() && o.EnableDetailedErrors == true;
        });

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((k, limits) =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
        });
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitsOptions>>((f, limits) =>
            f.MultipartBodyLengthLimit = limits.Value.MaxUploadBytes);
        return builder;
    }

    /// <summary>
    /// The scheme and address the browser used, as the trusted proxy reports them; then security headers and the CSP
    /// nonce, HSTS and the cookie policy. Call first, so every response, errors included, passes through it.
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
    /// TLS usually ends at a reverse proxy and the app gets plain http: the proxy's X-Forwarded-Proto and -For are
    /// believed from the configured proxies only. Outside Development every cookie is Secure whatever the request
    /// says, so a misconfigured proxy cannot leak a session over http (browsers accept Secure cookies from
    /// http://localhost, so `dotnet run` still signs in), and https responses tell browsers to stay on https.
    /// </summary>
    private static void AddTransportSecurity(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((f, proxy) =>
        {
            var p = proxy.Value;
            f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            f.ForwardLimit = p.ForwardLimit;
            var (proxies, networks) = (p.Proxies(), p.Networks());
            if (proxies.Count + networks.Count == 0) return; // the defaults: loopback only
            f.KnownProxies.Clear();
            f.KnownIPNetworks.Clear();
            foreach (var address in proxies) f.KnownProxies.Add(address);
            foreach (var network in networks) f.KnownIPNetworks.Add(network);
        });
        var development = builder.Environment.IsDevelopment();
        services.Configure<CookiePolicyOptions>(o => o.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        // A year, as HSTS checkers expect; not includeSubDomains: the parent domain's other sites are not ours to bind.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }
}
