using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CostSense.Web.Security;

/// <summary>
/// The reverse proxies in front of the app (section CostSense:Proxy). Their X-Forwarded-For and X-Forwarded-Proto
/// say which address and scheme the browser used; from anyone else those headers are ignored. Empty: the app
/// believes only a proxy on its own machine (loopback).
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "CostSense:Proxy";

    /// <summary>Proxy addresses, separated by commas or spaces (e.g. <c>10.0.0.5, 10.0.0.6</c>).</summary>
    public string? KnownProxies { get; set; }

    /// <summary>Proxy networks in CIDR notation, separated by commas or spaces (e.g. <c>172.16.0.0/12</c> for a Docker network).</summary>
    public string? KnownNetworks { get; set; }

    /// <summary>How many proxies in a row to read from X-Forwarded-For (one: a single proxy in front).</summary>
    [Range(1, 10)] public int ForwardLimit { get; set; } = 1;

    // Methods, not properties: validation reads every property, and these parse what validation has yet to check.
    public IReadOnlyList<IPAddress> Proxies() => Split(KnownProxies).Select(IPAddress.Parse).ToList();

    public IReadOnlyList<IPNetwork> Networks() => Split(KnownNetworks).Select(IPNetwork.Parse).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        foreach (var entry in Split(KnownProxies).Where(e => !IPAddress.TryParse(e, out _)))
            yield return new($"CostSense:Proxy:KnownProxies: '{entry}' is not an IP address.", [nameof(KnownProxies)]);
        foreach (var entry in Split(KnownNetworks).Where(e => !IPNetwork.TryParse(e, out _)))
            yield return new($"CostSense:Proxy:KnownNetworks: '{entry}' is not a network in CIDR notation (e.g. 172.16.0.0/12).", [nameof(KnownNetworks)]);
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
