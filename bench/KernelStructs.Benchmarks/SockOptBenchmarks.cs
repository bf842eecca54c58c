using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KernelStructs.Tests;
using Tmds.Linux;

namespace KernelStructs.Benchmarks;

/// <summary>
/// SO_ORIGINAL_DST and TCP_INFO through the typed API against raw <c>getsockopt</c> on a stack buffer (the
/// baseline), <see cref="Socket.GetRawSocketOption"/> with a byte array, and <see cref="Marshal.PtrToStructure{T}(IntPtr)"/>.
/// </summary>
/// <remarks>
/// Needs root: the global setup creates a private network namespace with a nat OUTPUT REDIRECT rule and a
/// redirected loopback connection in it (the host's netfilter state is not touched).
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*SockOpt*' --job short</c>.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class SockOptBenchmarks
{
    private const int SOL_IP = 0;
    private const int SOL_TCP = 6;
    private const int SO_ORIGINAL_DST = 80;
    private const int TCP_INFO = 11;
    private const int OriginalPort = 9;

    private NetNs? _ns;
    private Socket? _listener;
    private Socket? _client;
    private Socket _accepted = null!;
    private int _fd;
    private readonly byte[] _sockaddrArray = new byte[sizeof(SockAddrIn)];
    private readonly byte[] _tcpInfoArray = new byte[sizeof(TcpInfo)];

    /// <summary>Creates the namespace, the REDIRECT rule and the connection.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (NetNs.WhyUnavailable("iptables-legacy") is string reason)
        {
            throw new InvalidOperationException("SockOptBenchmarks " + reason + " (SO_ORIGINAL_DST needs a REDIRECTed connection in a private network namespace).");
        }

        _ns = NetNs.Create();
        (_listener, _client) = _ns.Enter(() =>
        {
            var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            l.Listen(1);
            return (l, new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        });
        int port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ns.Exec("iptables-legacy", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", "127.0.0.1", "--dport", $"{OriginalPort}", "-j", "REDIRECT", "--to-ports", $"{port}");
        _client.Connect(new IPEndPoint(IPAddress.Loopback, OriginalPort));
        _accepted = _listener.Accept();
        _fd = (int)_accepted.SafeHandle.DangerousGetHandle();
        if (Typed_OriginalDst() != Raw_OriginalDst() || Raw_OriginalDst() == 0)
        {
            throw new InvalidOperationException("the typed and raw SO_ORIGINAL_DST answers differ");
        }
    }

    /// <summary>Closes the sockets and deletes the namespace.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _accepted?.Dispose();
        _client?.Dispose();
        _listener?.Dispose();
        _ns?.Dispose();
    }

    // ---- SO_ORIGINAL_DST ----------------------------------------------------------------------------

    /// <summary>Raw <c>getsockopt</c> into a stack buffer, no checks beyond the return code.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort Raw_OriginalDst()
    {
        SockAddrIn sin;
        socklen_t len = sizeof(SockAddrIn);
        if (LibC.getsockopt(_fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
        {
            throw new InvalidOperationException();
        }

        return sin.sin_port.Raw;
    }

    /// <summary><c>Conntrack.GetOriginalDestination(Socket)</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort Typed_OriginalDst() => Conntrack.GetOriginalDestination(_accepted).sin_port.Raw;

    /// <summary><c>Conntrack.GetOriginalDestination(int)</c>: the same without holding the SafeHandle.</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort TypedFd_OriginalDst() => Conntrack.GetOriginalDestination(_fd).sin_port.Raw;

    /// <summary><see cref="Socket.GetRawSocketOption"/> into a reused byte array, then a read from it.</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort GetRawSocketOption_OriginalDst()
    {
        _accepted.GetRawSocketOption(SOL_IP, SO_ORIGINAL_DST, _sockaddrArray);
        return MemoryMarshal.Read<SockAddrIn>(_sockaddrArray).sin_port.Raw;
    }

    /// <summary>Raw <c>getsockopt</c>, then <see cref="Marshal.PtrToStructure{T}(IntPtr)"/>.</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort PtrToStructure_OriginalDst()
    {
        byte* buffer = stackalloc byte[sizeof(SockAddrIn)];
        socklen_t len = sizeof(SockAddrIn);
        if (LibC.getsockopt(_fd, SOL_IP, SO_ORIGINAL_DST, buffer, &len) != 0)
        {
            throw new InvalidOperationException();
        }

        return Marshal.PtrToStructure<SockAddrIn>((IntPtr)buffer).sin_port.Raw;
    }

    // ---- TCP_INFO -----------------------------------------------------------------------------------

    /// <summary>Raw <c>getsockopt</c> into a stack buffer.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("TCP_INFO")]
    public uint Raw_TcpInfo()
    {
        TcpInfo info;
        socklen_t len = sizeof(TcpInfo);
        if (LibC.getsockopt(_fd, SOL_TCP, TCP_INFO, &info, &len) != 0)
        {
            throw new InvalidOperationException();
        }

        return info.tcpi_snd_mss;
    }

    /// <summary><c>TcpOptions.GetInfo(Socket)</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("TCP_INFO")]
    public uint Typed_TcpInfo() => TcpOptions.GetInfo(_accepted).tcpi_snd_mss;

    /// <summary><c>TcpOptions.GetInfo(int)</c>: the same without holding the SafeHandle.</summary>
    [Benchmark]
    [BenchmarkCategory("TCP_INFO")]
    public uint TypedFd_TcpInfo() => TcpOptions.GetInfo(_fd).tcpi_snd_mss;

    /// <summary><see cref="Socket.GetRawSocketOption"/> into a reused byte array, then a read from it.</summary>
    [Benchmark]
    [BenchmarkCategory("TCP_INFO")]
    public uint GetRawSocketOption_TcpInfo()
    {
        _accepted.GetRawSocketOption(SOL_TCP, TCP_INFO, _tcpInfoArray);
        return MemoryMarshal.Read<TcpInfo>(_tcpInfoArray).tcpi_snd_mss;
    }

    /// <summary>Raw <c>getsockopt</c>, then <see cref="Marshal.PtrToStructure{T}(IntPtr)"/>.</summary>
    [Benchmark]
    [BenchmarkCategory("TCP_INFO")]
    public uint PtrToStructure_TcpInfo()
    {
        byte* buffer = stackalloc byte[sizeof(TcpInfo)];
        socklen_t len = sizeof(TcpInfo);
        if (LibC.getsockopt(_fd, SOL_TCP, TCP_INFO, buffer, &len) != 0)
        {
            throw new InvalidOperationException();
        }

        return Marshal.PtrToStructure<TcpInfo>((IntPtr)buffer).tcpi_snd_mss;
    }
}
