using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace KernelStructs.Samples.TransparentProxy;

/// <summary>
/// A transparent TCP proxy: accepts connections that an <c>iptables -t nat ... -j REDIRECT</c> (or <c>DNAT</c>) rule
/// sent to its listeners, asks the kernel where each one was going (<c>SO_ORIGINAL_DST</c> /
/// <c>IP6T_SO_ORIGINAL_DST</c>), connects there, and relays bytes both ways until both sides have finished.
/// </summary>
/// <remarks>
/// Upstream connections carry <see cref="UpstreamMark"/> (<c>SO_MARK</c>) when it is set, so the NAT rule can
/// exclude them (<c>-m mark ! --mark N</c>) instead of redirecting the proxy's own traffic back to itself.
/// </remarks>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly Socket[] _listeners;
    private readonly Func<AddressFamily, Socket> _createUpstream;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private Task[] _acceptLoops = [];
    private long _connectionsRelayed;
    private long _bytesRelayed;

    /// <param name="listeners">Listening sockets the NAT rules redirect to (IPv4, IPv6 or both).</param>
    /// <param name="createUpstream">Creates the upstream socket for a family (default: a new TCP socket; pass one that creates it in another network namespace if needed).</param>
    /// <param name="log">Where to log each connection (default: none).</param>
    public ProxyServer(IEnumerable<Socket> listeners, Func<AddressFamily, Socket>? createUpstream = null, TextWriter? log = null)
    {
        _listeners = listeners.ToArray();
        _createUpstream = createUpstream ?? (family => new Socket(family, SocketType.Stream, ProtocolType.Tcp));
        _log = log ?? TextWriter.Null;
    }

    /// <summary>The firewall mark set on upstream sockets (<c>SO_MARK</c>; needs <c>CAP_NET_ADMIN</c>); null: none.</summary>
    public uint? UpstreamMark { get; init; }

    /// <summary>Connections relayed to completion so far.</summary>
    public long ConnectionsRelayed => Interlocked.Read(ref _connectionsRelayed);

    /// <summary>Bytes relayed so far, both directions together.</summary>
    public long BytesRelayed => Interlocked.Read(ref _bytesRelayed);

    /// <summary>Creates a listening TCP socket on <paramref name="endPoint"/>.</summary>
    public static Socket Listen(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // IPv4 connections come through the IPv4 listener, with SO_ORIGINAL_DST
            }

            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts accepting on every listener.</summary>
    public void Start() => _acceptLoops = _listeners.Select(l => Task.Run(() => AcceptLoopAsync(l, _stop.Token))).ToArray();

    /// <summary>The original destination of a redirected connection, as the kernel's connection tracking recorded it.</summary>
    /// <exception cref="SocketOptionException">ENOENT: the connection was not NATed (it came to the proxy directly).</exception>
    public static IPEndPoint GetOriginalDestination(Socket accepted) => accepted.AddressFamily == AddressFamily.InterNetworkV6
        ? Conntrack.GetOriginalDestination6(accepted).ToIPEndPoint()
        : Conntrack.GetOriginalDestination(accepted).ToIPEndPoint();

    /// <summary>Stops accepting, closes the listeners and waits for the open connections to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (Socket listener in _listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_acceptLoops.Concat(_connections.Keys)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stop.IsCancellationRequested)
            {
                return;
            }

            Task connection = Task.Run(() => RelayAsync(client, stop));
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(Socket client, CancellationToken stop)
    {
        using (client)
        {
            IPEndPoint from = (IPEndPoint)client.RemoteEndPoint!;
            IPEndPoint original;
            try
            {
                original = GetOriginalDestination(client);
            }
            catch (SocketOptionException e)
            {
                _log.WriteLine($"{from}: no original destination ({e.Errno}); closing");
                return;
            }

            using Socket upstream = _createUpstream(original.AddressFamily);
            try
            {
                if (UpstreamMark is uint mark)
                {
                    SocketLayer.SetMark(upstream, mark);
                }

                await upstream.ConnectAsync(original, stop).ConfigureAwait(false);
                _log.WriteLine($"{from} -> {original}: relaying");
                long[] counts = await Task.WhenAll(PumpAsync(client, upstream, stop), PumpAsync(upstream, client, stop)).ConfigureAwait(false);
                Interlocked.Add(ref _bytesRelayed, counts[0] + counts[1]);
                Interlocked.Increment(ref _connectionsRelayed);
                _log.WriteLine($"{from} -> {original}: closed after {counts[0]} bytes up, {counts[1]} bytes down");
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or SocketOptionException)
            {
                _log.WriteLine($"{from} -> {original}: {e.Message}");
            }
        }
    }

    // Copies until `from` reaches end of stream, then half-closes `to` so the other side sees it too.
    private static async Task<long> PumpAsync(Socket from, Socket to, CancellationToken stop)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, stop).ConfigureAwait(false);
                if (n == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return total;
                }

                int sent = 0;
                while (sent < n)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, stop).ConfigureAwait(false);
                }

                total += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
