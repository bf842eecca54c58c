using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Samples.TransparentProxy;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>
/// The transparent proxy sample end to end inside a network namespace: a client connects to an echo server,
/// a nat OUTPUT REDIRECT rule sends the connection to the proxy instead, the proxy reads the original
/// destination and relays to the echo server; its own upstream connection carries SO_MARK 1, which the rule skips.
/// </summary>
[Trait("Category", "Kernel")]
public class TransparentProxyTests
{
    private const uint ProxyMark = 1;

    [NetNsFact("iptables-legacy")]
    public Task Relays_a_redirected_ipv4_connection_to_its_original_destination()
        => RelayThroughProxyAsync(IPAddress.Loopback, "iptables-legacy");

    [NetNsFact("ip6tables-legacy")]
    public Task Relays_a_redirected_ipv6_connection_to_its_original_destination()
        => RelayThroughProxyAsync(IPAddress.IPv6Loopback, "ip6tables-legacy");

    private static async Task RelayThroughProxyAsync(IPAddress loopback, string iptables)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // against a hang, not a timing assertion
        using var ns = NetNs.Create();
        using Socket echoListener = ns.Enter(() => ProxyServer.Listen(new IPEndPoint(loopback, 0)));
        Socket proxyListener = ns.Enter(() => ProxyServer.Listen(new IPEndPoint(loopback, 0)));
        var echo = (IPEndPoint)echoListener.LocalEndPoint!;
        int proxyPort = ((IPEndPoint)proxyListener.LocalEndPoint!).Port;
        ns.Exec(iptables, "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", loopback.ToString(), "--dport", $"{echo.Port}",
            "-m", "mark", "!", "--mark", $"{ProxyMark}", "-j", "REDIRECT", "--to-ports", $"{proxyPort}");

        var proxy = new ProxyServer([proxyListener], family => ns.Enter(() => new Socket(family, SocketType.Stream, ProtocolType.Tcp)))
        {
            UpstreamMark = ProxyMark,
        };
        proxy.Start();
        IPEndPoint? echoSawPeer = null;
        Task echoServer = Task.Run(async () =>
        {
            using Socket peer = await echoListener.AcceptAsync(guard.Token);
            echoSawPeer = (IPEndPoint)peer.RemoteEndPoint!;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = await peer.ReceiveAsync(buffer, SocketFlags.None, guard.Token)) > 0)
            {
                await peer.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, guard.Token);
            }

            peer.Shutdown(SocketShutdown.Send);
        });

        byte[] payload = new byte[200_000];
        new Random(42).NextBytes(payload);
        byte[] received = new byte[payload.Length + 1];
        int total = 0;
        IPEndPoint clientLocal;
        using (Socket client = ns.Enter(() => new Socket(loopback.AddressFamily, SocketType.Stream, ProtocolType.Tcp)))
        {
            await client.ConnectAsync(echo, guard.Token);
            clientLocal = (IPEndPoint)client.LocalEndPoint!;
            Task send = Task.Run(async () =>
            {
                await client.SendAsync(payload, SocketFlags.None, guard.Token);
                client.Shutdown(SocketShutdown.Send);
            });
            int n;
            while ((n = await client.ReceiveAsync(received.AsMemory(total), SocketFlags.None, guard.Token)) > 0)
            {
                total += n;
            }

            await send;
        }

        await echoServer;
        await proxy.DisposeAsync();

        Assert.Equal(payload.Length, total);
        Assert.True(payload.AsSpan().SequenceEqual(received.AsSpan(0, total)));
        // The echo server's peer is the proxy's upstream socket, not the client.
        Assert.NotNull(echoSawPeer);
        Assert.NotEqual(clientLocal.Port, echoSawPeer!.Port);
        Assert.Equal(1, proxy.ConnectionsRelayed);
        Assert.Equal(2L * payload.Length, proxy.BytesRelayed);
    }
}
