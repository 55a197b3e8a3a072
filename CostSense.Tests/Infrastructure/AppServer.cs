namespace CostSense.Tests.Infrastructure;

/// <summary>How a <see cref="TestApp"/> is served.</summary>
public enum AppServer
{
    /// <summary>WebApplicationFactory's in-memory server: fast, no port, clients only from the app itself.</summary>
    InMemory,

    /// <summary>Kestrel on a free loopback port over plain http, as a browser or a TLS proxy in front reaches it.</summary>
    KestrelHttp,

    /// <summary>Kestrel on a free loopback port over https, with a certificate only this app's clients trust.</summary>
    KestrelHttps,
}
