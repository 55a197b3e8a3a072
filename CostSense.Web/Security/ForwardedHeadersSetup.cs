using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CostSense.Web.Security;

/// <summary>
/// TLS usually ends at a reverse proxy and the app gets plain http: the proxy's X-Forwarded-Proto and -For are
/// believed from the configured proxies only (<see cref="ProxyOptions"/>; loopback when none are set).
/// </summary>
public sealed class ForwardedHeadersSetup(IOptions<ProxyOptions> proxy) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions f)
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
    }
}
