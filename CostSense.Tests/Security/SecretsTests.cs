using Microsoft.AspNetCore.Mvc.Testing;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CostSense.Tests.Security;

public class SecretsTests
{
    private const string Secret = "secret-pw-4711";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresUnreachable_NeitherLogsNorPagesShowItsPassword()
    {
        var logs = new CollectingLoggerProvider();
        // Nothing listens on port 1.
        await using var app = new HardenedApp(b =>
        {
            b.UseSetting("ConnectionStrings:CostSense", $"Host=127.0.0.1;Port=1;Database=costsense;Username=costsense;Password={Secret};Timeout=2");
            b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<CollectingLoggerProvider>(null, LogLevel.Trace));
        });
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Infrastructure.TestApp.BaseAddress });

        var pages = await Task.WhenAll(client.GetStringAsync("/", Ct), client.GetStringAsync("/data", Ct));

        Assert.Contains(logs.Lines, line => line.Contains("Store start-up failed", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.All(pages, html => Assert.DoesNotContain(Secret, html));
    }

    [Fact]
    public async Task RedisUnreachable_NeitherLogsNorTheDataPageShowItsPassword()
    {
        var logs = new CollectingLoggerProvider();
        // The password first: StackExchange.Redis takes its options in any order.
        await using var app = new HardenedApp(b =>
        {
            b.UseSetting("ConnectionStrings:Redis", $"password={Secret},127.0.0.1:1");
            b.ConfigureLogging(l => l.AddProvider(logs).AddFilter<CollectingLoggerProvider>(null, LogLevel.Trace));
        });
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Infrastructure.TestApp.BaseAddress, AllowAutoRedirect = false });
        await HardenedApp.SignInAsync(client);

        var dashboard = await client.GetStringAsync("/", Ct);
        var data = await client.GetStringAsync("/data", Ct);

        Assert.Contains("127.0.0.1:1", data);
        Assert.DoesNotContain(Secret, data);
        Assert.DoesNotContain(Secret, dashboard);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal));
    }
}

/// <summary>Every log line, exception included, at every level.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _lines);

    public void Dispose() { }

    private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
