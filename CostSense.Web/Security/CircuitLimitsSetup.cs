using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Security;

/// <summary>
/// Copies <see cref="CircuitLimitsOptions"/> into Blazor's circuit options and the hub's. Post-configuration for the
/// circuit, so these win over AddInteractiveServerComponents' callback and the DetailedErrors setting, whichever is
/// registered first; the app's only hub is Blazor's, and SignalR copies the hub-wide settings into it.
/// </summary>
public sealed class CircuitLimitsSetup(IOptions<CircuitLimitsOptions> limits, IHostEnvironment env)
    : IPostConfigureOptions<CircuitOptions>, IConfigureOptions<HubOptions>
{
    public void PostConfigure(string? name, CircuitOptions o)
    {
        var l = limits.Value;
        o.DisconnectedCircuitRetentionPeriod = l.DisconnectedCircuitRetentionPeriod;
        o.DisconnectedCircuitMaxRetained = l.DisconnectedCircuitMaxRetained;
        o.JSInteropDefaultCallTimeout = l.JSInteropDefaultCallTimeout;
        o.MaxBufferedUnacknowledgedRenderBatches = l.MaxBufferedUnacknowledgedRenderBatches;
        // Exception details reach the browser only on a developer's machine.
        o.DetailedErrors &= env.IsDevelopment();
    }

    public void Configure(HubOptions o)
    {
        var l = limits.Value;
        o.MaximumReceiveMessageSize = l.MaximumReceiveMessageBytes;
        o.MaximumParallelInvocationsPerClient = l.MaximumParallelInvocationsPerClient;
        o.ClientTimeoutInterval = l.ClientTimeoutInterval;
        o.HandshakeTimeout = l.HandshakeTimeout;
        o.EnableDetailedErrors = env.IsDevelopment() && o.EnableDetailedErrors == true;
    }
}
