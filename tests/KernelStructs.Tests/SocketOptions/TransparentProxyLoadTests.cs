using System;
using System.Buffers.Binary;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The TransparentProxy sample run as it would be deployed (its own process, its command line, a signal to stop it),
/// inside a private network namespace whose nat OUTPUT rule redirects connections for a bulk server to it: many
/// concurrent connections carrying bulk data both ways lose and corrupt no byte, the proxy's descriptors come back
/// to their count before the load, a connection straight to the proxy is refused instead of looping, descriptor
/// exhaustion is survived, and SIGTERM stops it gracefully with its summary.
/// </summary>
public class TransparentProxyLoadTests
{
    private const int ProxyPort = 15001;
    private const int ServerPort = 8080;
    private const uint Mark = 1;
    private const int WarmUp = 16;
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(120); // against a hang, not a timing assertion

    private readonly ITestOutputHelper _output;

    public TransparentProxyLoadTests(ITestOutputHelper output) => _output = output;

    /// <summary>Connections at once; bytes each way on each (KS_PROXY_LOAD_CONNECTIONS, KS_PROXY_LOAD_BYTES).</summary>
    private static int Connections => int.TryParse(Environment.GetEnvironmentVariable("KS_PROXY_LOAD_CONNECTIONS"), out var n) ? n : 200;

    private static int BytesEachWay => int.TryParse(Environment.GetEnvironmentVariable("KS_PROXY_LOAD_BYTES"), out var n) ? n : 256 * 1024;

    [NetNsFact("iptables-legacy")]
    public async Task Under_load_no_byte_is_lost_the_descriptors_come_back_and_a_self_loop_is_refused()
    {
        using var guard = new CancellationTokenSource(Guard);
        using var ns = NetNs.Create();
        Redirect(ns, mark: true);
        using Socket serverListener = ns.Enter(() => Listen(ServerPort));
        var server = BulkServerAsync(serverListener, guard.Token);
        using var proxy = ProxyProcess.Start(ns, $"--listen {Loopback}:{ProxyPort} --mark {Mark} --quiet --shutdown-timeout 5");

        // Warm-up: concurrent relayed connections and one straight to the proxy, so the runtime has loaded what serving takes.
        Assert.All(await Task.WhenAll(Enumerable.Range(-WarmUp, WarmUp).Select(i => Transfer(ns, i, 1024, guard.Token))), r => Assert.Equal(1024, r));
        Assert.Equal(0, await DirectToProxyAsync(ns, guard.Token));
        proxy.WaitFor("refused: the original destination is this proxy", TimeSpan.FromSeconds(30));
        var before = proxy.OpenDescriptors();
        var beforeList = proxy.DescribeDescriptors();

        var transfers = Enumerable.Range(1, Connections).Select(i => Transfer(ns, i, BytesEachWay, guard.Token)).ToArray();
        long[] received = await Task.WhenAll(transfers);

        // A connection straight to the proxy: with connection tracking active (the nat table is loaded) the kernel
        // answers SO_ORIGINAL_DST with the proxy's own address; relaying there would loop.
        var selfLoopBytes = await DirectToProxyAsync(ns, guard.Token);
        var refusal = proxy.WaitFor("refused: the original destination is this proxy", TimeSpan.FromSeconds(30));

        var after = WaitForDescriptors(proxy, before);
        var afterList = proxy.DescribeDescriptors();
        var exit = proxy.Stop(15, Guard);
        var summary = Regex.Match(proxy.Output, @"stopped: (\d+) connections relayed, (\d+) bytes, (\d+) refused, (\d+) failed");

        _output.WriteLine($"{Connections} concurrent connections (after {WarmUp} to warm up), {BytesEachWay} bytes each way on each: {received.Sum()} bytes received by the clients, all verified");
        _output.WriteLine($"proxy descriptors: {before} before the load, {after} after{(after == before ? "" : $" (assemblies loaded meanwhile: {string.Join(", ", afterList.Except(beforeList))})")}");
        _output.WriteLine($"self-loop: {selfLoopBytes} bytes came back; the proxy logged: {refusal}");
        _output.WriteLine($"SIGTERM: exit {exit}; {summary.Value}");

        Assert.All(received, r => Assert.Equal(BytesEachWay, r));
        Assert.Equal(0, selfLoopBytes);
        // Every socket, pipe and file the load opened is closed again; what may remain is an assembly the runtime loaded
        // for a code path the warm-up did not take (mapped once, never a leak).
        var opened = afterList.Except(beforeList).ToList();
        Assert.True(opened.All(d => d.EndsWith(".dll", StringComparison.Ordinal)) && !beforeList.Except(afterList).Any(), $"{before} descriptors before, {after} after; new: {string.Join(", ", opened)}; gone: {string.Join(", ", beforeList.Except(afterList))}");
        Assert.Equal(0, exit);
        Assert.True(summary.Success, proxy.Output);
        Assert.Equal(Connections + WarmUp, long.Parse(summary.Groups[1].Value));
        // Both directions of every connection, plus the 8-byte head each client sends first.
        Assert.Equal((Connections * ((2L * BytesEachWay) + HeadLength)) + (WarmUp * ((2 * 1024) + HeadLength)), long.Parse(summary.Groups[2].Value));
        Assert.Equal(2, long.Parse(summary.Groups[3].Value));
        Assert.Equal(0, long.Parse(summary.Groups[4].Value));

        serverListener.Dispose();
        await server;
    }

    [NetNsFact("iptables-legacy", "prlimit")]
    public async Task With_few_descriptors_it_limits_itself_keeps_the_rest_waiting_and_serves_them_later()
    {
        using var guard = new CancellationTokenSource(Guard);
        using var ns = NetNs.Create();
        Redirect(ns, mark: true);
        using Socket serverListener = ns.Enter(() => Listen(ServerPort));
        var server = BulkServerAsync(serverListener, guard.Token);

        // A descriptor limit with room for the runtime and a few connections only: many connections at once would
        // exhaust it, and a .NET process out of descriptors can fail inside the runtime. The proxy lowers its own limit.
        using var proxy = ProxyProcess.Start(ns, $"--listen {Loopback}:{ProxyPort} --mark {Mark} --quiet", fileLimit: 128);
        var started = proxy.Output.Split('\n').Single(l => l.StartsWith("upstream mark", StringComparison.Ordinal));
        var connectionLimit = int.Parse(Regex.Match(started, @"at most (\d+) connections").Groups[1].Value);
        _output.WriteLine(started);
        Assert.Contains("the descriptor limit, ulimit -n 128, leaves room for no more", started);
        Assert.InRange(connectionLimit, 1, 64);
        Assert.Equal(4096, await Transfer(ns, 0, 4096, guard.Token));

        // Far more connections at once than the limit, each held after its first bytes until all are open: the proxy
        // reaches its limit and the rest wait in the backlog; released, all are served as slots free up.
        var many = 4 * connectionLimit + 40;
        var gate = new TaskCompletionSource();
        var transfers = Enumerable.Range(1, many).Select(i => Transfer(ns, i, 64 * 1024, guard.Token, gate.Task)).ToArray();
        var reached = proxy.WaitFor("connections open, the limit", Guard);
        gate.SetResult();
        var results = await Task.WhenAll(transfers);
        var exit = proxy.Stop(2, Guard);
        var stopped = proxy.Output.Split('\n').Last(l => l.StartsWith("stopped:", StringComparison.Ordinal));
        _output.WriteLine($"{many} connections at once, held until the proxy logged: {reached}; then 64 KiB each way on each, all verified");
        _output.WriteLine($"SIGINT: exit {exit}; {stopped}");

        Assert.All(results, r => Assert.Equal(64 * 1024, r));
        Assert.DoesNotContain("Too many open files", proxy.Output);
        Assert.Equal(0, exit);
        Assert.Contains($"stopped: {many + 1} connections relayed", stopped);
        serverListener.Dispose();
        await server;
    }

    [NetNsFact("iptables-legacy")]
    public async Task Its_own_upstream_connection_redirected_back_to_it_is_refused_not_looped()
    {
        using var guard = new CancellationTokenSource(Guard);
        using var ns = NetNs.Create();
        Redirect(ns, mark: false); // the rule does not exclude the proxy's own connections
        using Socket serverListener = ns.Enter(() => Listen(ServerPort));
        using var proxy = ProxyProcess.Start(ns, $"--listen {Loopback}:{ProxyPort} --mark none");

        using (Socket client = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)))
        {
            await client.ConnectAsync(new IPEndPoint(Loopback, ServerPort), guard.Token);
            var refusal = proxy.WaitFor("refused: this is the proxy's own upstream connection", TimeSpan.FromSeconds(30));
            _output.WriteLine(refusal);
            var n = await ReceiveAllAsync(client, new byte[16], guard.Token);
            Assert.Equal(0, n);
        }

        var exit = proxy.Stop(15, Guard);
        var summary = Regex.Match(proxy.Output, @"stopped: (\d+) connections relayed, (\d+) bytes, (\d+) refused, (\d+) failed");
        _output.WriteLine(summary.Value);
        Assert.Equal(0, exit);
        Assert.True(summary.Success, proxy.Output);
        Assert.Equal("1", summary.Groups[3].Value); // one loop, cut at the first turn
        Assert.Equal("0", summary.Groups[2].Value); // the client's connection ends with nothing relayed
        Assert.Equal("0", summary.Groups[4].Value);
    }

    private static void Redirect(NetNs ns, bool mark)
    {
        var rule = new[] { "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", Loopback.ToString(), "--dport", $"{ServerPort}" };
        if (mark)
        {
            rule = rule.Concat(new[] { "-m", "mark", "!", "--mark", $"{Mark}" }).ToArray();
        }

        ns.Exec("iptables-legacy", rule.Concat(new[] { "-j", "REDIRECT", "--to-ports", $"{ProxyPort}" }).ToArray());
    }

    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Loopback, port));
        socket.Listen(1024);
        return socket;
    }

    // Each connection: the client sends its index and length (8 bytes), then that many bytes; the server answers with as
    // many bytes of its own, both at once. Each side checks every byte it gets against the pattern of the other's.
    private static async Task BulkServerAsync(Socket listener, CancellationToken cancel)
    {
        var connections = new System.Collections.Generic.List<Task>();
        while (true)
        {
            Socket peer;
            try
            {
                peer = await listener.AcceptAsync(cancel);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
            {
                break;
            }

            connections.Add(Task.Run(async () =>
            {
                using (peer)
                {
                    var head = new byte[HeadLength];
                    if (await ReceiveAllAsync(peer, head, cancel) < HeadLength)
                    {
                        return; // a connection held open and closed unused
                    }

                    var index = BinaryPrimitives.ReadInt32LittleEndian(head);
                    var length = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(4));
                    var send = SendPatternAsync(peer, (index, true), length, cancel);
                    var got = await ReceivePatternAsync(peer, (index, false), length, cancel);
                    await send;
                    if (got != length)
                    {
                        throw new InvalidOperationException($"connection {index}: {got} of {length} bytes upstream (-1: corrupted)");
                    }
                }
            }, cancel));
        }

        await Task.WhenAll(connections);
    }

    private const int HeadLength = 8;

    private static async Task<long> Transfer(NetNs ns, int index, int bytes, CancellationToken cancel, Task? hold = null)
    {
        using Socket client = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await client.ConnectAsync(new IPEndPoint(Loopback, ServerPort), cancel);
        var head = new byte[HeadLength];
        BinaryPrimitives.WriteInt32LittleEndian(head, index);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(4), bytes);
        await client.SendAsync(head, SocketFlags.None, cancel);
        if (hold is not null)
        {
            await hold.WaitAsync(cancel);
        }

        var send = SendPatternAsync(client, (index, false), bytes, cancel);
        var got = await ReceivePatternAsync(client, (index, true), bytes, cancel);
        await send;
        if (got < 0)
        {
            throw new InvalidOperationException($"connection {index}: corrupted bytes downstream");
        }

        return got;
    }

    private static async Task SendPatternAsync(Socket socket, (int Index, bool Down) seed, int length, CancellationToken cancel)
    {
        var chunk = new byte[32 * 1024];
        for (var offset = 0; offset < length; offset += chunk.Length)
        {
            var n = Math.Min(chunk.Length, length - offset);
            Pattern(seed, offset, chunk.AsSpan(0, n));
            await socket.SendAsync(chunk.AsMemory(0, n), SocketFlags.None, cancel);
        }

        socket.Shutdown(SocketShutdown.Send);
    }

    // The number of bytes received, all equal to the pattern; -1 when one differs or too many came.
    private static async Task<long> ReceivePatternAsync(Socket socket, (int Index, bool Down) seed, int length, CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        var expected = new byte[buffer.Length];
        long total = 0;
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel)) > 0)
        {
            if (total + n > length)
            {
                return -1;
            }

            Pattern(seed, (int)total, expected.AsSpan(0, n));
            if (!buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan(0, n)))
            {
                return -1;
            }

            total += n;
        }

        return total;
    }

    // Bytes that depend on the connection, the direction and the position: a misplaced or swapped chunk shows.
    private static void Pattern((int Index, bool Down) seed, int offset, Span<byte> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var position = (uint)(offset + i);
            into[i] = (byte)((position * 2654435761u) >> 24 ^ (uint)seed.Index * 31 ^ (seed.Down ? 0xA5u : 0x5Au) ^ (position >> 8));
        }
    }

    private static async Task<int> DirectToProxyAsync(NetNs ns, CancellationToken cancel)
    {
        using Socket client = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await client.ConnectAsync(new IPEndPoint(Loopback, ProxyPort), cancel);
        await client.SendAsync(new byte[] { 1, 2, 3 }, SocketFlags.None, cancel);
        return await ReceiveAllAsync(client, new byte[16], cancel);
    }

    private static async Task<int> ReceiveAllAsync(Socket socket, byte[] buffer, CancellationToken cancel)
    {
        var total = 0;
        try
        {
            int n;
            while (total < buffer.Length && (n = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, cancel)) > 0)
            {
                total += n;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }

        return total;
    }

    // Connections close asynchronously in the proxy: poll until its count is back (or the guard ends), then report it.
    private static int WaitForDescriptors(ProxyProcess proxy, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var count = proxy.OpenDescriptors();
        while (count != expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            count = proxy.OpenDescriptors();
        }

        return count;
    }
}
