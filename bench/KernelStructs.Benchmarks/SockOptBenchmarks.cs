using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
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
/// The kernel's part of a call runs at two speeds on this kind of virtual machine, changing every few seconds (each
/// row's iterations sit at two levels, whichever code runs), so the Min and Median columns are shown beside the Mean:
/// rows compared at their Min are compared at the same speed. <see cref="SockOptInterleaved"/> runs the
/// <c>SO_ORIGINAL_DST</c> and <c>PAGES</c> rows in alternation instead, for differences smaller than that drift.
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*SockOpt*' --job short</c>.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MinColumn]
[MedianColumn]
public unsafe partial class SockOptBenchmarks
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
    private const int CFloorCalls = 1000;
    private string? _cLoopDir;
    private delegate* unmanaged<int, int, int> _cLoop;

    // The C floor's loop: n calls of getsockopt(SO_ORIGINAL_DST), as a C program would make them.
    private const string CLoopSource = """
        #include <netinet/in.h>
        #include <sys/socket.h>
        #include <linux/netfilter_ipv4.h>
        int so_original_dst_loop(int fd, int n)
        {
            int port = 0;
            for (int i = 0; i < n; i++) {
                struct sockaddr_in sin;
                socklen_t len = sizeof sin;
                if (getsockopt(fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
                    return -1;
                port += sin.sin_port;
            }
            return port;
        }
        """;

    // The floor's loop touching a cache line on each of 16 more user pages after every call, or (the controls) 16 lines
    // or calls on one page: what a system call costs the user code after it, per distinct page (docs/benchmarks.md,
    // "Where the 8-13 % on the other host comes from"; bench/SockOptPages measures the same outside .NET).
    // Compiled with -fno-toplevel-reorder so that ks_near_0..15 stay in source order on ks_near_0's page.
    private const string CPagesSource = """
        #include <netinet/in.h>
        #include <sys/socket.h>
        #include <linux/netfilter_ipv4.h>
        #define EACH(F) F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15)
        #define FAR(i) __attribute__((noinline, aligned(4096))) int ks_far_##i(int x) { return x + i; }
        #define NEAR(i) __attribute__((noinline, aligned(i == 0 ? 4096 : 64))) int ks_near_##i(int x) { return x + i; }
        #define NAME_FAR(i) ks_far_##i,
        #define NAME_NEAR(i) ks_near_##i,
        EACH(FAR)
        EACH(NEAR)
        static int (*const fars[16])(int) = { EACH(NAME_FAR) };
        static int (*const nears[16])(int) = { EACH(NAME_NEAR) };
        static unsigned char pages[16][4096] __attribute__((aligned(4096)));
        static unsigned char onepage[4096] __attribute__((aligned(4096)));
        /* what: 0 a data line on each of 16 pages, 1 16 data lines on one page, 2 a call on each of 16 code pages,
           3 16 calls on one code page */
        int so_original_dst_touching(int fd, int n, int what)
        {
            int port = 0;
            for (int i = 0; i < n; i++) {
                struct sockaddr_in sin;
                socklen_t len = sizeof sin;
                if (getsockopt(fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
                    return -1;
                port += sin.sin_port;
                for (int j = 0; j < 16; j++) {
                    switch (what) {
                    case 0: port += *(volatile unsigned char *)&pages[j][j * 64]; break;
                    case 1: port += *(volatile unsigned char *)&onepage[j * 64]; break;
                    case 2: port = fars[j](port) - j; break;
                    default: port = nears[j](port) - j; break;
                    }
                }
            }
            return port;
        }
        """;

    private delegate* unmanaged<int, int, int, int> _cTouching;

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
        _cLoopDir = Directory.CreateTempSubdirectory("ks-cfloor-").FullName;
        _cLoop = (delegate* unmanaged<int, int, int>)CompileExport("loop", CLoopSource, "so_original_dst_loop");
        _cTouching = (delegate* unmanaged<int, int, int, int>)CompileExport("pages", CPagesSource, "so_original_dst_touching", "-fno-toplevel-reorder");
        for (int what = 0; what < 4; what++)
        {
            if (_cTouching(_fd, CFloorCalls, what) != CFloor_OriginalDst())
            {
                throw new InvalidOperationException("the page-touching C loop's SO_ORIGINAL_DST answer differs");
            }
        }

        if (CFloor_OriginalDst() != CFloorCalls * Raw_OriginalDst() || LibraryImport_OriginalDst() != Raw_OriginalDst()
            || LibraryImportPlain_OriginalDst() != Raw_OriginalDst())
        {
            throw new InvalidOperationException("the C loop's or the direct binding's SO_ORIGINAL_DST answer differs");
        }

        if (Typed_OriginalDst() != Raw_OriginalDst() || Raw_OriginalDst() == 0
            || TypedFdLoop_OriginalDst() != CFloor_OriginalDst() || LibraryImportLoop_OriginalDst() != CFloor_OriginalDst())
        {
            throw new InvalidOperationException("the typed and raw SO_ORIGINAL_DST answers differ");
        }
    }

    // Compiles C source with gcc into a library in _cLoopDir, loads it for the rest of the process, and returns one export.
    private IntPtr CompileExport(string name, string source, string export, params string[] flags)
    {
        string sourcePath = Path.Combine(_cLoopDir!, name + ".c"), library = Path.Combine(_cLoopDir!, "lib" + name + ".so");
        File.WriteAllText(sourcePath, source);
        NetNs.RunTool("gcc", ["-O2", .. flags, "-shared", "-fPIC", "-o", library, sourcePath]);
        return NativeLibrary.GetExport(NativeLibrary.Load(library), export);
    }

    /// <summary>Closes the sockets and deletes the namespace.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _accepted?.Dispose();
        _client?.Dispose();
        _listener?.Dispose();
        _ns?.Dispose();
        if (_cLoopDir is not null)
        {
            Directory.Delete(_cLoopDir, recursive: true);
        }
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
    /// <summary>The body the generator wrote before <see cref="SockOptEntry"/>: the overloaded <see cref="SockOpt"/> call, Socket form.</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort Overloaded_OriginalDst()
        => SockOpt.Get<SockAddrIn>(_accepted, SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, LengthRule.AtLeast, "SO_ORIGINAL_DST").sin_port.Raw;

    /// <summary>The same, <c>int</c> form.</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort OverloadedFd_OriginalDst()
        => SockOpt.Get<SockAddrIn>(_fd, SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, LengthRule.AtLeast, "SO_ORIGINAL_DST").sin_port.Raw;

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

    /// <summary>Raw <c>getsockopt</c> through a direct <c>[LibraryImport(SetLastError = true)]</c> binding (the engine's binding until it dropped <c>SetLastError</c>).</summary>
    [Benchmark]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort LibraryImport_OriginalDst()
    {
        SockAddrIn sin;
        int len = sizeof(SockAddrIn);
        if (Direct.getsockopt(_fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
        {
            throw new InvalidOperationException();
        }

        return sin.sin_port.Raw;
    }

    /// <summary>Raw <c>getsockopt</c> through a bare <c>[LibraryImport]</c> without <c>SetLastError</c> (the engine's binding).</summary>
    [Benchmark]
    [MethodImpl(MethodImplOptions.NoInlining)]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public ushort LibraryImportPlain_OriginalDst()
    {
        SockAddrIn sin;
        int len = sizeof(SockAddrIn);
        if (Direct.getsockoptPlain(_fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
        {
            throw new InvalidOperationException();
        }

        return sin.sin_port.Raw;
    }

    /// <summary>
    /// The C floor: a loop of <see cref="CFloorCalls"/> <c>getsockopt</c> calls compiled with gcc, run inside this
    /// (multi-threaded) .NET process; the figure is per call.
    /// </summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls)]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public int CFloor_OriginalDst() => _cLoop(_fd, CFloorCalls);

    /// <summary>
    /// <c>Conntrack.GetOriginalDestination(int)</c> called <see cref="CFloorCalls"/> times in one managed loop, per call:
    /// the C floor's shape (many calls per benchmark invocation) in C#.
    /// </summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls)]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public int TypedFdLoop_OriginalDst()
    {
        int port = 0;
        for (int i = 0; i < CFloorCalls; i++)
        {
            port += Conntrack.GetOriginalDestination(_fd).sin_port.Raw;
        }

        return port;
    }

    /// <summary>
    /// The same loop through a bare <c>[LibraryImport]</c> without <c>SetLastError</c> (the engine's binding), per call.
    /// </summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls)]
    [BenchmarkCategory("SO_ORIGINAL_DST")]
    public int LibraryImportLoop_OriginalDst()
    {
        int port = 0;
        for (int i = 0; i < CFloorCalls; i++)
        {
            SockAddrIn sin;
            int len = sizeof(SockAddrIn);
            if (Direct.getsockoptPlain(_fd, SOL_IP, SO_ORIGINAL_DST, &sin, &len) != 0)
            {
                throw new InvalidOperationException();
            }

            port += sin.sin_port.Raw;
        }

        return port;
    }

    // ---- SO_ORIGINAL_DST, then user pages touched (category PAGES) ---------------------------------

    /// <summary>The C floor's loop, reading a line on each of 16 more data pages after every call.</summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls)]
    [BenchmarkCategory("PAGES")]
    public int CDataPages_OriginalDst() => _cTouching(_fd, CFloorCalls, 0);

    /// <summary>The control: 16 data lines on one page after every call.</summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls, Baseline = true)]
    [BenchmarkCategory("PAGES")]
    public int CDataOnePage_OriginalDst() => _cTouching(_fd, CFloorCalls, 1);

    /// <summary>The C floor's loop, calling a function on each of 16 more code pages after every call.</summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls)]
    [BenchmarkCategory("PAGES")]
    public int CCodePages_OriginalDst() => _cTouching(_fd, CFloorCalls, 2);

    /// <summary>The control: 16 calls of functions on one page after every call.</summary>
    [Benchmark(OperationsPerInvoke = CFloorCalls)]
    [BenchmarkCategory("PAGES")]
    public int CCodeOnePage_OriginalDst() => _cTouching(_fd, CFloorCalls, 3);

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

    private static partial class Direct
    {
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int getsockopt(int fd, int level, int optname, void* optval, int* optlen);

        [LibraryImport("libc", EntryPoint = "getsockopt")]
        internal static partial int getsockoptPlain(int fd, int level, int optname, void* optval, int* optlen);
    }
}
