using System.Net;
using System.Net.Sockets;

namespace CostSense.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on a loopback port that tests put between the app and a real server, to take the server away
/// and bring it back. <see cref="Stop"/> closes the port and resets every live connection, as a server that
/// crashed or a network that dropped would; <see cref="Start"/> accepts again on the same port, so the app's
/// connection strings stay valid. <see cref="Delay"/> holds back each answer from the server.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _sockets = [];
    private TcpListener? _listener;
    // While stopped, a socket bound to the port but not listening: connections are refused as by a server that is
    // gone, and no outgoing connection on this machine can take the port as its ephemeral port meanwhile.
    private Socket? _placeholder;
    private CancellationTokenSource? _running;

    private FaultProxy(string targetHost, int targetPort) => (_targetHost, _targetPort) = (targetHost, targetPort);

    /// <summary>The loopback port the proxy listens on; the same across Stop and Start.</summary>
    public int Port { get; private set; }

    /// <summary>How long each chunk from the server waits before it is passed on: a slow server, or a slow network.</summary>
    public TimeSpan Delay { get; set; }

    public bool IsRunning { get { lock (_gate) return _listener is not null; } }

    /// <summary>A proxy to <paramref name="targetHost"/>:<paramref name="targetPort"/>, listening on a free loopback port.</summary>
    public static FaultProxy Create(string targetHost, int targetPort, bool started = true)
    {
        var proxy = new FaultProxy(targetHost, targetPort);
        proxy.Listen(0);
        if (!started) proxy.Stop();
        return proxy;
    }

    /// <summary>Accepts connections again, on the port it had.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            _placeholder?.Dispose();
            _placeholder = null;
        }
        Listen(Port);
    }

    /// <summary>Closes the port and resets every open connection (RST, not a polite close): the server has gone away.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_listener is null) return;
            _running?.Cancel();
            _running?.Dispose();
            _running = null;
            _listener.Stop();
            _listener = null;
            foreach (var socket in _sockets) Reset(socket);
            _sockets.Clear();
            _placeholder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _placeholder.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _placeholder.Bind(new IPEndPoint(IPAddress.Loopback, Port));
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        lock (_gate) _placeholder?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        // The same port again right after Stop: the reset connections must not keep it.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var running = new CancellationTokenSource();
        lock (_gate)
        {
            (_listener, _running) = (listener, running);
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        _ = AcceptAsync(listener, running.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(ct); }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken ct)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        if (!Track(client) || !Track(server))
        {
            Reset(client);
            Reset(server);
            return;
        }
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, ct);
            var up = PumpAsync(client, server, slow: false, ct);
            var down = PumpAsync(server, client, slow: true, ct);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopped, or one side went away: the other side is reset below.
        }
        finally
        {
            Untrack(client);
            Untrack(server);
            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool slow, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0) return;
                if (slow && Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
                for (var sent = 0; sent < read;)
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private bool Track(Socket socket)
    {
        lock (_gate)
            return _listener is not null && _sockets.Add(socket);
    }

    private void Untrack(Socket socket)
    {
        lock (_gate) _sockets.Remove(socket);
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger on with a zero timeout: close sends RST, as a crashed peer's kernel would.
            if (socket.Connected) socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }
}
