using CostSense.Web.Security;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

// Beside WebRegistration's namespace, so its one call here needs no using.
namespace CostSense.Web;

public static class SecurityRegistration
{
    /// <summary>Bounded circuits and hub, request limits, no Server header.</summary>
    public static WebApplicationBuilder AddCostSenseHardening(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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

    /// <summary>Security headers and the CSP nonce. Call first, so every response, errors included, passes through it.</summary>
    public static WebApplication UseCostSenseHardening(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
