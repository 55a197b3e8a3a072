using System.ComponentModel.DataAnnotations;

namespace CostSense.Web.Security;

/// <summary>
/// Bounds on what one browser can hold on the server: Blazor circuits (kept in memory per tab, and for a while
/// after the tab disconnects) and the SignalR hub they talk over.
/// </summary>
public sealed class CircuitLimitsOptions : IValidatableObject
{
    public const string Section = "CostSense:Circuits";

    /// <summary>How long a disconnected tab's circuit is kept for it to reconnect to.</summary>
    public TimeSpan DisconnectedCircuitRetentionPeriod { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Disconnected circuits kept at once; past this the oldest are dropped.</summary>
    [Range(0, 10_000)] public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    /// <summary>How long a .NET-to-JS call may wait for the browser.</summary>
    public TimeSpan JSInteropDefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Render batches a slow or stalled browser may leave unacknowledged before the server stops sending.</summary>
    [Range(1, 100)] public int MaxBufferedUnacknowledgedRenderBatches { get; set; } = 10;

    /// <summary>Largest single message a browser may send over the hub (SignalR's default, said out loud).</summary>
    [Range(1_024, 1_048_576)] public int MaximumReceiveMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Hub calls one browser may have running at once.</summary>
    [Range(1, 10)] public int MaximumParallelInvocationsPerClient { get; set; } = 1;

    /// <summary>A browser silent for this long is dropped. Blazor's client pings every 15 s, so keep it at least twice that.</summary>
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new connection has to finish the hub handshake.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var checks = new (string Name, TimeSpan Value, TimeSpan Min, TimeSpan Max)[]
        {
            (nameof(DisconnectedCircuitRetentionPeriod), DisconnectedCircuitRetentionPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            (nameof(JSInteropDefaultCallTimeout), JSInteropDefaultCallTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            (nameof(ClientTimeoutInterval), ClientTimeoutInterval, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)),
            (nameof(HandshakeTimeout), HandshakeTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)),
        };
        foreach (var (name, value, min, max) in checks)
            if (value < min || value > max)
                yield return new ValidationResult($"{Section}:{name} must be between {min} and {max} (was {value}).", [name]);
    }
}
