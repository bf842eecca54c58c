using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
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
/// <para>
/// It refuses to loop: a connection whose original destination is the proxy itself (a direct connection: with
/// connection tracking active the kernel answers its own destination) and a connection that is one of the proxy's
/// own upstream connections sent back to it (a NAT rule that does not exclude them) are closed, counted as refused.
/// Upstream connections carry <see cref="UpstreamMark"/> (<c>SO_MARK</c>) when it is set, so the NAT rule can
/// exclude them (<c>-m mark ! --mark N</c>).
/// </para>
/// <para>
/// It survives what real traffic brings: an accept that fails (<c>EMFILE</c> when descriptors run out, or anything
/// else) is logged and retried after a growing pause; a failure in one connection closes that connection only. At
/// most <see cref="MaxConnections"/> connections are open (more wait in the listen backlog), each closed after
/// <see cref="IdleTimeout"/> without a byte either way; an upstream connect gives up after <see cref="ConnectTimeout"/>.
/// </para>
/// </remarks>
public sealed class ProxyServer : IAsyncDisposable
{
    private static readonly TimeSpan MaxAcceptBackoff = TimeSpan.FromSeconds(1);

    private readonly Socket[] _listeners;
    private readonly Func<AddressFamily, Socket> _createUpstream;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stopAccepting = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly ConcurrentDictionary<int, bool> _upstreamPorts = new();
    private readonly HashSet<int> _listenPorts;
    private readonly IPAddress[] _listenAddresses;
    private SemaphoreSlim? _slots;
    private Task[] _acceptLoops = [];
    private LocalAddresses _localAddresses = new(DateTime.MinValue, new HashSet<IPAddress>());
    private long _connectionsRelayed;
    private long _bytesRelayed;
    private long _refused;
    private long _failed;
    private int _open;

    /// <param name="listeners">Listening sockets the NAT rules redirect to (IPv4, IPv6 or both).</param>
    /// <param name="createUpstream">Creates the upstream socket for a family (default: a new TCP socket; pass one that creates it in another network namespace if needed).</param>
    /// <param name="log">Where to log refusals, failures and (with <see cref="LogConnections"/>) each connection (default: none).</param>
    public ProxyServer(IEnumerable<Socket> listeners, Func<AddressFamily, Socket>? createUpstream = null, TextWriter? log = null)
    {
        _listeners = listeners.ToArray();
        _createUpstream = createUpstream ?? (family => new Socket(family, SocketType.Stream, ProtocolType.Tcp));
        _log = log is null ? TextWriter.Null : TextWriter.Synchronized(log);
        var bound = _listeners.Select(l => (IPEndPoint)l.LocalEndPoint!).ToArray();
        _listenPorts = bound.Select(e => e.Port).ToHashSet();
        _listenAddresses = bound.Select(e => Normalize(e.Address)).ToArray();
    }

    /// <summary>The firewall mark set on upstream sockets (<c>SO_MARK</c>; needs <c>CAP_NET_ADMIN</c>); null: none.</summary>
    public uint? UpstreamMark { get; init; }

    /// <summary>The most connections open at once; further ones wait in the listen backlog.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>
    /// Descriptors kept free for the runtime (assemblies it loads, threads it names, files it reads): a .NET process that
    /// runs out of descriptors can fail inside the runtime, where no handler reaches. <see cref="Start"/> lowers the
    /// connection limit so that the proxy's own sockets (two per connection) leave these free.
    /// </summary>
    public int DescriptorReserve { get; init; } = 32;

    /// <summary>
    /// The connection limit in force after <see cref="Start"/>: <see cref="MaxConnections"/>, or less when the
    /// descriptor limit (<c>RLIMIT_NOFILE</c>) leaves room for fewer.
    /// </summary>
    public int ConnectionLimit { get; private set; }

    /// <summary>The process's descriptor limit (<c>ulimit -n</c>) as read at <see cref="Start"/>; null when unknown.</summary>
    public long? DescriptorLimit { get; private set; }

    /// <summary>A connection with no byte in either direction for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an upstream connect may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether to log each relayed connection (refusals and failures are always logged).</summary>
    public bool LogConnections { get; init; } = true;

    /// <summary>Connections relayed to completion so far.</summary>
    public long ConnectionsRelayed => Interlocked.Read(ref _connectionsRelayed);

    /// <summary>Bytes relayed so far, both directions together.</summary>
    public long BytesRelayed => Interlocked.Read(ref _bytesRelayed);

    /// <summary>Connections closed unrelayed: no original destination, or a loop back to the proxy.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _refused);

    /// <summary>Connections that ended in an error (a reset, an unreachable destination, an idle or connect timeout).</summary>
    public long ConnectionsFailed => Interlocked.Read(ref _failed);

    /// <summary>Connections open now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Creates a listening TCP socket on <paramref name="endPoint"/>.</summary>
    public static Socket Listen(IPEndPoint endPoint, int backlog = 512)
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
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts accepting on every listener.</summary>
    public void Start()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
        DescriptorLimit = ReadDescriptorLimit();
        ConnectionLimit = MaxConnections;
        if (DescriptorLimit is long limit)
        {
            long inUse = Directory.GetFileSystemEntries("/proc/self/fd").Length;
            ConnectionLimit = (int)Math.Clamp((limit - inUse - DescriptorReserve) / 2, 1, MaxConnections);
        }

        _slots = new SemaphoreSlim(ConnectionLimit, ConnectionLimit);
        RefreshLocalAddresses(); // the loop checks need them; reading them once now also loads what reading takes
        _acceptLoops = _listeners.Select(l => Task.Run(() => AcceptLoopAsync(l, _stopAccepting.Token))).ToArray();
    }

    /// <summary>The original destination of a redirected connection, as the kernel's connection tracking recorded it.</summary>
    /// <exception cref="SocketOptionException">ENOENT: the connection is not tracked (connection tracking is not active).</exception>
    public static IPEndPoint GetOriginalDestination(Socket accepted) => accepted.AddressFamily == AddressFamily.InterNetworkV6
        ? Conntrack.GetOriginalDestination6(accepted).ToIPEndPoint()
        : Conntrack.GetOriginalDestination(accepted).ToIPEndPoint();

    /// <summary>
    /// Stops accepting and closes the listeners, lets the open connections finish for up to <paramref name="drain"/>,
    /// then closes those still open, and returns when every connection has ended.
    /// </summary>
    public async Task StopAsync(TimeSpan drain)
    {
        await _stopAccepting.CancelAsync().ConfigureAwait(false);
        foreach (Socket listener in _listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        Task open = Task.WhenAll(_connections.Keys);
        if (drain > TimeSpan.Zero)
        {
            await Task.WhenAny(open, Task.Delay(drain)).ConfigureAwait(false);
        }

        await _abort.CancelAsync().ConfigureAwait(false);
        await open.ConfigureAwait(false);
    }

    /// <summary>Stops at once: closes the listeners and every open connection (<see cref="StopAsync"/> with no drain).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopAccepting.Dispose();
        _abort.Dispose();
        _slots?.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stop)
    {
        SemaphoreSlim slots = _slots!;
        TimeSpan backoff = TimeSpan.Zero;
        bool atLimit = false;
        while (!stop.IsCancellationRequested)
        {
            if (slots.CurrentCount == 0 && !atLimit)
            {
                atLimit = true;
                _log.WriteLine($"{listener.LocalEndPoint}: {ConnectionLimit} connections open, the limit: new ones wait in the backlog");
            }

            try
            {
                await slots.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            atLimit = false;
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                slots.Release();
                return;
            }
            catch (Exception e)
            {
                // EMFILE/ENFILE (descriptors exhausted), ENOBUFS, ...: the pending connection stays in the backlog;
                // pause (growing, at most a second) so open connections can finish, and accept again.
                slots.Release();
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxAcceptBackoff.Ticks));
                _log.WriteLine($"{listener.LocalEndPoint}: accept failed: {Describe(e)}; retrying in {backoff.TotalMilliseconds:0} ms");
                try
                {
                    await Task.Delay(backoff, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Interlocked.Increment(ref _open);
            Task connection = Task.Run(() => HandleAsync(client));
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    // Never throws: whatever goes wrong ends this connection only.
    private async Task HandleAsync(Socket client)
    {
        string from = "?";
        try
        {
            using (client)
            {
                from = client.RemoteEndPoint?.ToString() ?? "?";
                await RelayAsync(client, from).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            _log.WriteLine($"{from}: closed: the proxy is stopping");
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failed);
            _log.WriteLine($"{from}: {Describe(e)}");
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            _slots!.Release();
        }
    }

    private async Task RelayAsync(Socket client, string from)
    {
        var peer = (IPEndPoint)client.RemoteEndPoint!;
        var local = (IPEndPoint)client.LocalEndPoint!;
        if (_upstreamPorts.ContainsKey(peer.Port) && IsLocal(peer.Address))
        {
            Refuse($"{from}: refused: this is the proxy's own upstream connection, redirected back to it (exclude the proxy's traffic from the NAT rule: --mark N with -m mark ! --mark N)");
            return;
        }

        IPEndPoint original;
        try
        {
            original = GetOriginalDestination(client);
        }
        catch (SocketOptionException e)
        {
            Refuse($"{from}: refused: no original destination ({e.Errno.Name}: connection tracking does not track it)");
            return;
        }

        if (original.Equals(local) || (_listenPorts.Contains(original.Port) && IsLocal(original.Address)))
        {
            Refuse($"{from} -> {original}: refused: the original destination is this proxy (a direct connection, not a redirected one)");
            return;
        }

        using Socket upstream = _createUpstream(original.AddressFamily);
        if (UpstreamMark is uint mark)
        {
            SocketLayer.SetMark(upstream, mark);
        }

        // Bound before connecting, so its port is known before the connection can come back to the proxy.
        upstream.Bind(new IPEndPoint(original.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        int upstreamPort = ((IPEndPoint)upstream.LocalEndPoint!).Port;
        _upstreamPorts.TryAdd(upstreamPort, true);
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token))
            {
                connect.CancelAfter(ConnectTimeout);
                try
                {
                    await upstream.ConnectAsync(original, connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
                {
                    throw new TimeoutException($"connecting to {original} took longer than {ConnectTimeout.TotalSeconds:0.###} s");
                }
            }

            if (LogConnections)
            {
                _log.WriteLine($"{from} -> {original}: relaying");
            }

            using var idle = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            idle.CancelAfter(IdleTimeout);
            long[] counts;
            try
            {
                counts = await Task.WhenAll(PumpAsync(client, upstream, idle), PumpAsync(upstream, client, idle)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_abort.IsCancellationRequested)
            {
                throw new TimeoutException($"{original}: idle for {IdleTimeout.TotalSeconds:0.###} s, closed");
            }

            Interlocked.Increment(ref _connectionsRelayed);
            if (LogConnections)
            {
                _log.WriteLine($"{from} -> {original}: closed after {counts[0]} bytes up, {counts[1]} bytes down");
            }
        }
        finally
        {
            _upstreamPorts.TryRemove(upstreamPort, out _);
        }
    }

    // Copies until `from` reaches end of stream, then half-closes `to` so the other side sees it too. Every chunk
    // restarts the idle timer; a failure cancels the other direction too.
    private async Task<long> PumpAsync(Socket from, Socket to, CancellationTokenSource idle)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long total = 0;
        try
        {
            while (true)
            {
                int n = await from.ReceiveAsync(buffer, SocketFlags.None, idle.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return total;
                }

                idle.CancelAfter(IdleTimeout);
                int sent = 0;
                while (sent < n)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, idle.Token).ConfigureAwait(false);
                }

                total += n;
                Interlocked.Add(ref _bytesRelayed, n);
            }
        }
        catch
        {
            try
            {
                idle.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }

            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Refuse(string message)
    {
        Interlocked.Increment(ref _refused);
        _log.WriteLine(message);
    }

    // Whether an address is this host's: loopback, a listener's own, or one of the interfaces' (cached for a second).
    private bool IsLocal(IPAddress address)
    {
        address = Normalize(address);
        if (IPAddress.IsLoopback(address) || _listenAddresses.Contains(address))
        {
            return true;
        }

        LocalAddresses known = Volatile.Read(ref _localAddresses);
        if (DateTime.UtcNow - known.Read > TimeSpan.FromSeconds(1))
        {
            known = RefreshLocalAddresses();
        }

        return known.Addresses.Contains(address);
    }

    private LocalAddresses RefreshLocalAddresses()
    {
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => Normalize(a.Address))
            .ToHashSet();
        var known = new LocalAddresses(DateTime.UtcNow, addresses);
        Volatile.Write(ref _localAddresses, known);
        return known;
    }

    // The soft RLIMIT_NOFILE, from /proc/self/limits ("Max open files  1024  524288  files").
    private static long? ReadDescriptorLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string Describe(Exception e) => e switch
    {
        SocketException s => $"{s.Message} ({s.SocketErrorCode})",
        SocketOptionException or TimeoutException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private sealed record LocalAddresses(DateTime Read, HashSet<IPAddress> Addresses);
}
