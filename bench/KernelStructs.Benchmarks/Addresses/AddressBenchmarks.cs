using System;
using System.Net;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace KernelStructs.Benchmarks.Addresses;

/// <summary>
/// Kernel-style parsing and formatting against <see cref="IPAddress"/> and glibc's inet_pton/inet_ntop.
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*AddressBenchmarks*' --job medium</c>
/// (docs/addresses.md, "Performance", has the ratios of a run).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe partial class AddressBenchmarks
{
    private const string V4 = "192.168.100.200";
    private const string V6 = "2001:db8:85a3::8a2e:370:7334";

    private static readonly byte[] V4Utf8 = "192.168.100.200\0"u8.ToArray();
    private static readonly byte[] V6Utf8 = "2001:db8:85a3::8a2e:370:7334\0"u8.ToArray();

    private readonly IPAddress _ip4 = IPAddress.Parse(V4);
    private readonly IPAddress _ip6 = IPAddress.Parse(V6);
    private readonly InAddr _in4 = new(192, 168, 100, 200);
    private readonly byte[] _raw4 = [192, 168, 100, 200];
    private readonly byte[] _raw6 = IPAddress.Parse(V6).GetAddressBytes();
    private In6Addr _in6;
    private readonly char[] _chars = new char[64];
    private readonly byte[] _bytes = new byte[64];

    [LibraryImport("libc")]
    private static partial int inet_pton(int af, byte* src, byte* dst);

    [LibraryImport("libc")]
    private static partial byte* inet_ntop(int af, byte* src, byte* dst, uint size);

    [GlobalSetup]
    public void Setup() => Inet.In6Pton(V6, 0, out _in6, out _);

    // ---- parse IPv4 ----

    [Benchmark(Baseline = true), BenchmarkCategory("Parse IPv4")]
    public bool IPAddress_TryParse_v4() => IPAddress.TryParse(V4, out _);

    [Benchmark, BenchmarkCategory("Parse IPv4")]
    public bool In4Pton_chars() => Inet.In4Pton(V4, 0, out _, out _);

    [Benchmark, BenchmarkCategory("Parse IPv4")]
    public bool In4Pton_utf8() => Inet.In4Pton(V4Utf8.AsSpan(0, 15), 0, out _, out _);

    [Benchmark, BenchmarkCategory("Parse IPv4")]
    public Be32 InAton_chars() => Inet.InAton(V4);

    [Benchmark, BenchmarkCategory("Parse IPv4")]
    public int Glibc_inet_pton_v4()
    {
        byte* dst = stackalloc byte[4];
        fixed (byte* src = V4Utf8)
            return inet_pton(2, src, dst);
    }

    // ---- parse IPv6 ----

    [Benchmark(Baseline = true), BenchmarkCategory("Parse IPv6")]
    public bool IPAddress_TryParse_v6() => IPAddress.TryParse(V6, out _);

    [Benchmark, BenchmarkCategory("Parse IPv6")]
    public bool In6Pton_chars() => Inet.In6Pton(V6, 0, out _, out _);

    [Benchmark, BenchmarkCategory("Parse IPv6")]
    public bool In6Pton_utf8() => Inet.In6Pton(V6Utf8.AsSpan(0, V6Utf8.Length - 1), 0, out _, out _);

    [Benchmark, BenchmarkCategory("Parse IPv6")]
    public int Glibc_inet_pton_v6()
    {
        byte* dst = stackalloc byte[16];
        fixed (byte* src = V6Utf8)
            return inet_pton(10, src, dst);
    }

    // ---- format IPv4 ----

    [Benchmark(Baseline = true), BenchmarkCategory("Format IPv4")]
    public bool IPAddress_TryFormat_v4() => _ip4.TryFormat(_chars, out _);

    [Benchmark, BenchmarkCategory("Format IPv4")]
    public bool PI4_chars() => _in4.TryFormat(_chars, out _);

    [Benchmark, BenchmarkCategory("Format IPv4")]
    public bool PI4_utf8() => _in4.TryFormat(_bytes, out _);

    [Benchmark, BenchmarkCategory("Format IPv4")]
    public nint Glibc_inet_ntop_v4()
    {
        fixed (byte* src = _raw4)
        fixed (byte* dst = _bytes)
            return (nint)inet_ntop(2, src, dst, 64);
    }

    // ---- format IPv6 ----

    [Benchmark(Baseline = true), BenchmarkCategory("Format IPv6")]
    public bool IPAddress_TryFormat_v6() => _ip6.TryFormat(_chars, out _);

    [Benchmark, BenchmarkCategory("Format IPv6")]
    public bool PI6c_chars() => _in6.TryFormat(_chars, out _);

    [Benchmark, BenchmarkCategory("Format IPv6")]
    public bool PI6c_utf8() => _in6.TryFormat(_bytes, out _);

    [Benchmark, BenchmarkCategory("Format IPv6")]
    public nint Glibc_inet_ntop_v6()
    {
        fixed (byte* src = _raw6)
        fixed (byte* dst = _bytes)
            return (nint)inet_ntop(10, src, dst, 64);
    }
}
