using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CostSense.Tests.Reports.Delivery;

/// <summary>
/// A real SMTP server in the test process (SmtpServer 11) on a free loopback port: it keeps every message it accepts,
/// and refuses recipients <see cref="Refuse"/> names with a 550 at RCPT TO, as a mailbox filter of a real server would.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message accepted, in arrival order.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Recipients refused so far (one entry per refusal).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>Recipients to refuse with 550 (case-insensitive); change it while the server runs.</summary>
    public ConcurrentDictionary<string, bool> Refuse { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings that send the app's report e-mails here (plain SMTP: a local relay).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["CostSense:Smtp:Host"] = "127.0.0.1",
        ["CostSense:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CostSense:Smtp:Security"] = "None",
        ["CostSense:Smtp:From"] = "CostSense Reports <reports@costsense.test>",
        ["CostSense:Smtp:TimeoutSeconds"] = "20",
    };

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer(FreePort());
        // The listener binds on its own task: wait until it answers.
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public IReadOnlyList<MimeMessage> To(string recipient) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, recipient, StringComparison.OrdinalIgnoreCase))).ToList();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { } catch (TimeoutException) { }
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream();
            foreach (var segment in buffer) stream.Write(segment.Span);
            stream.Position = 0;
            owner.Received.Enqueue(MimeMessage.Load(stream, ct));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct)
        {
            var address = $"{to.User}@{to.Host}";
            if (!owner.Refuse.ContainsKey(address)) return Task.FromResult(true);
            owner.Refused.Enqueue(address);
            return Task.FromResult(false);
        }
    }
}
