using System;
using System.Net;
using System.Net.Sockets;
using KernelStructs;

// A struct mirror and two socket options, declared here and implemented by the generator in the package.
using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen();
using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
client.Connect(listener.LocalEndPoint!);
using var server = listener.Accept();

// SO_PEERCRED answers for a Unix-domain peer: here, this very process.
var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kernelstructs-demo-{Environment.ProcessId}.sock");
using (var unixListener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
{
    unixListener.Bind(new UnixDomainSocketEndPoint(path));
    unixListener.Listen();
    using var unixClient = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    unixClient.Connect(new UnixDomainSocketEndPoint(path));
    using var unixServer = unixListener.Accept();
    Console.WriteLine($"{Demo.PeerCred.SizeOf}-byte struct ucred: {Demo.Options.GetPeerCredentials(unixServer)} (this process is {Environment.ProcessId})");
}

System.IO.File.Delete(path);

var info = Demo.Options.GetTcpInfo(client, out var length);
Console.WriteLine($"TCP_INFO answered {length} of {Demo.TcpInfoStart.SizeOf} bytes: state {info.tcpi_state}, wscale snd {info.tcpi_snd_wscale} rcv {info.tcpi_rcv_wscale}, rto {info.tcpi_rto} us");

var local = Demo.SockAddr.Read(((IPEndPoint)client.LocalEndPoint!).Serialize().Buffer.Span);
Console.WriteLine(local);
Console.WriteLine($"offsetof(struct sockaddr_in, sin_port) = {Demo.SockAddr.Offsets.sin_port}, port {local.sin_port.Value}");

namespace Demo
{
    [KernelStruct("struct ucred", Header = "linux/socket.h", ExpectedSize = 12)]
    public partial struct PeerCred
    {
        public int pid;
        public uint uid;
        public uint gid;
    }

    [KernelStruct("struct sockaddr_in", Header = "linux/in.h", ExpectedSize = 16)]
    public partial struct SockAddr
    {
        public ushort sin_family;
        public Be16 sin_port;
        public Be32 sin_addr;
        public unsafe fixed byte __pad[8];
    }

    /// <summary>The first members of <c>struct tcp_info</c>; the kernel truncates its answer to what we ask.</summary>
    [KernelStruct("struct tcp_info", Header = "linux/tcp.h")]
    public partial struct TcpInfoStart
    {
        public byte tcpi_state;
        public byte tcpi_ca_state;
        public byte tcpi_retransmits;
        public byte tcpi_probes;
        public byte tcpi_backoff;
        public byte tcpi_options;

        [BitField("tcpi_snd_wscale", 4)]
        [BitField("tcpi_rcv_wscale", 4)]
        public byte tcpi_wscale;

        [BitField("tcpi_delivery_rate_app_limited", 1)]
        [BitField("tcpi_fastopen_client_fail", 2)]
        public byte tcpi_flags;

        public uint tcpi_rto;
    }

    public static partial class Options
    {
        //   command: number, level, direction, payload, length rule
        [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(PeerCred))]
        public const int SO_PEERCRED = 17;

        // The kernel copies as much of its struct tcp_info as fits, and says how much.
        [SockOptCommand(SocketLevel.Tcp, SockOptDirection.Get, typeof(TcpInfoStart), Length = LengthRule.Truncating)]
        public const int TCP_INFO = 11;

        [GetSockOpt(SO_PEERCRED)]
        public static partial PeerCred GetPeerCredentials(Socket socket);

        [GetSockOpt(TCP_INFO)]
        public static partial TcpInfoStart GetTcpInfo(Socket socket, out int length);
    }
}
