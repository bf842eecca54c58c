using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tmds.Linux;
using Xunit;

namespace KernelStructs.Tests.SocketOptions;

/// <summary>Socket-layer options (TCP_INFO, SO_PEERCRED, SO_MARK, ...) and the engine's length rules, against the real kernel.</summary>
[Trait("Category", "Kernel")]
public class SocketLayerTests
{
    private const byte TCP_ESTABLISHED = 1;

    [Fact]
    public void Tcp_info_of_a_loopback_connection_is_established()
    {
        using var pair = TcpPair.Connect(null, IPAddress.Loopback);

        TcpInfo info = TcpOptions.GetInfo(pair.Client, out int length);

        Assert.InRange(length, 1, Unsafe.SizeOf<TcpInfo>());
        Assert.Equal(TCP_ESTABLISHED, info.tcpi_state);
        Assert.True(info.tcpi_snd_mss > 0);
        Assert.True(info.tcpi_rtt > 0 || info.tcpi_rcv_space > 0);
    }

    [Fact]
    public void Tcp_info_mirror_has_the_size_this_kernel_copies_when_the_kernel_is_at_least_6_18()
    {
        using var pair = TcpPair.Connect(null, IPAddress.Loopback);
        Span<byte> large = stackalloc byte[1024];

        int kernelSize = TcpOptions.GetInfo(pair.Client, large);

        if (Environment.OSVersion.Version >= new Version(6, 18))
        {
            Assert.Equal(kernelSize, Unsafe.SizeOf<TcpInfo>());
        }
        else
        {
            Assert.True(kernelSize < Unsafe.SizeOf<TcpInfo>());
        }
    }

    [Fact]
    public void Truncating_rule_reports_the_shorter_length_and_clears_the_rest()
    {
        using var pair = TcpPair.Connect(null, IPAddress.Loopback);
        Span<byte> buffer = stackalloc byte[64];
        buffer.Fill(0xFF);

        // The kernel copies only what fits and says so.
        int length = SockOpt.Get(pair.Client, SocketLevel.Tcp, TcpOptions.TCP_INFO, buffer.Slice(0, 16), LengthRule.Truncating, 0, "TCP_INFO");
        Assert.Equal(16, length);
        Assert.Equal(TCP_ESTABLISHED, buffer[0]);
        Assert.Equal(0xFF, buffer[16]);

        // A payload longer than the kernel's struct: the bytes past the answer are zero, not the input's.
        var padded = default(PaddedTcpInfo);
        MemoryMarshal.AsBytes(new Span<PaddedTcpInfo>(ref padded)).Fill(0xFF);
#pragma warning disable KS2005 // On purpose: a struct larger than the command's payload, to see what the kernel leaves past its answer.
        SockOpt.Get(pair.Client, SocketLevel.Tcp, TcpOptions.TCP_INFO, ref padded, LengthRule.Truncating, "TCP_INFO");
#pragma warning restore KS2005
        Assert.Equal(0ul, padded.Beyond);
        Assert.Equal(TCP_ESTABLISHED, padded.Info.tcpi_state);
    }

    [Fact]
    public void Exact_rule_rejects_an_answer_of_another_size()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        // SO_MARK is a 4-byte int; reading it as 8 bytes is a wrong mirror.
#pragma warning disable KS2004 // On purpose: the analyzer catches this at compile time; the test checks the run-time check.
        var e = Assert.Throws<SocketOptionLengthException>(() =>
            SockOpt.Get<long>(socket, SocketLevel.Socket, SocketLayer.SO_MARK, LengthRule.Exact, "SO_MARK"));
#pragma warning restore KS2004

        Assert.Equal(LengthRule.Exact, e.Rule);
        Assert.Equal(sizeof(long), e.ExpectedLength);
        Assert.Equal(sizeof(int), e.ActualLength);
        Assert.Equal(Errno.None, e.Errno);
        Assert.Contains("getsockopt(SOL_SOCKET, SO_MARK=36) answered 4 bytes", e.Message);
        Assert.Contains("exactly 8 bytes", e.Message);
    }

    [Fact]
    public void Peer_credentials_are_this_process()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ks-peercred-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        try
        {
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(path));
            using Socket accepted = listener.Accept();

            UCred fromServer = SocketLayer.GetPeerCredentials(client);
            UCred fromClient = SocketLayer.GetPeerCredentials(accepted);

            foreach (UCred cred in new[] { fromServer, fromClient })
            {
                Assert.Equal(Environment.ProcessId, cred.pid);
                Assert.Equal((uint)LibC.geteuid(), cred.uid);
                Assert.Equal((uint)LibC.getegid(), cred.gid);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [RequiresRootFact]
    public void Mark_round_trips()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(0u, SocketLayer.GetMark(socket));

        SocketLayer.SetMark(socket, 0xC0FFEEu);

        Assert.Equal(0xC0FFEEu, SocketLayer.GetMark(socket));
    }

    [Fact]
    public void Congestion_control_name_round_trips()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        string initial = TcpOptions.GetCongestion(socket);
        Assert.False(string.IsNullOrEmpty(initial));

        // reno is always built in.
        TcpOptions.SetCongestion(socket, "reno");
        Assert.Equal("reno", TcpOptions.GetCongestion(socket));

        var e = Assert.Throws<SocketOptionException>(() => TcpOptions.SetCongestion(socket, "no-such-cc"));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Equal(SockOptDirection.Set, e.Direction);
        Assert.StartsWith("setsockopt(SOL_TCP, TCP_CONGESTION=13) failed: ENOENT", e.Message);
        Assert.Throws<ArgumentException>(() => TcpOptions.SetCongestion(socket, new string('x', TcpOptions.TCP_CA_NAME_MAX)));
    }

    [Fact]
    public void Linger_and_timeouts_round_trip()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        SocketLayer.SetLinger(socket, new Linger { l_onoff = 1, l_linger = 7 });
        Linger linger = SocketLayer.GetLinger(socket);
        Assert.Equal(1, linger.l_onoff);
        Assert.Equal(7, linger.l_linger);
        Assert.Equal(7, socket.LingerState!.LingerTime);

        SocketLayer.SetReceiveTimeout(socket, new KernelOldTimeval { tv_sec = new CLong(3), tv_usec = new CLong(500_000) });
        // 0.5 s is a whole number of jiffies for every HZ, so the kernel hands back what it was given.
        KernelOldTimeval rcv = SocketLayer.GetReceiveTimeout(socket);
        Assert.Equal(3, (long)rcv.tv_sec.Value);
        Assert.Equal(500_000, (long)rcv.tv_usec.Value);

        SocketLayer.SetSendTimeout(socket, new KernelOldTimeval { tv_sec = new CLong(2) });
        Assert.Equal(2, (long)SocketLayer.GetSendTimeout(socket).tv_sec.Value);
    }

    [RequiresRootFact]
    public void Free_bind_transparent_and_bound_device_round_trip()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.False(IPOptions.GetFreeBind(socket));
        IPOptions.SetFreeBind(socket, true);
        Assert.True(IPOptions.GetFreeBind(socket));

        Assert.False(IPOptions.GetTransparent(socket));
        IPOptions.SetTransparent(socket, true);
        Assert.True(IPOptions.GetTransparent(socket));

        Assert.Equal(string.Empty, SocketLayer.GetBoundDevice(socket));
        SocketLayer.SetBoundDevice(socket, "lo");
        Assert.Equal("lo", SocketLayer.GetBoundDevice(socket));
    }

    [Fact]
    public void Safe_handle_and_descriptor_forms_read_the_same_option()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.ReceiveBufferSize = 65536;
        const int SO_RCVBUF = 8;

        int viaSocket = SockOpt.Get<int>(socket, SocketLevel.Socket, SO_RCVBUF, LengthRule.Exact, "SO_RCVBUF");
        int viaHandle = SockOpt.Get<int>(socket.SafeHandle, SocketLevel.Socket, SO_RCVBUF, LengthRule.Exact, "SO_RCVBUF");
        int viaFd = SockOpt.Get<int>((int)socket.SafeHandle.DangerousGetHandle(), SocketLevel.Socket, SO_RCVBUF, LengthRule.Exact, "SO_RCVBUF");

        Assert.Equal(viaSocket, viaHandle);
        Assert.Equal(viaSocket, viaFd);
        Assert.Equal(socket.ReceiveBufferSize, viaSocket);
    }

    [Fact]
    public void Closed_socket_is_an_ObjectDisposedException_not_a_stale_descriptor()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Dispose();

        Assert.Throws<ObjectDisposedException>(() => SocketLayer.GetMark(socket));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PaddedTcpInfo
    {
        public TcpInfo Info;
        public ulong Beyond;
    }
}
