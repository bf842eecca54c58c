using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace KernelStructs.Benchmarks;

/// <summary>
/// The generated views and copies of a mirror (<c>FromReadOnlySpan</c>, <c>FromSpan</c>, <c>Read</c>, <c>WriteTo</c>)
/// and its bitfield properties, whose bodies are shared helpers in the runtime (<see cref="StructBytes"/>,
/// <see cref="StructBits"/>), against the same bodies written out inline as the generator used to emit them (the
/// baseline of each category). 1,024 operations a call; the figures are per operation.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*StructViewBenchmarks*' --job medium</c>.</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StructViewBenchmarks
{
    private const int Count = 1024;
    private readonly byte[] _buffer = new byte[Count * SockAddrIn.SizeOf];

    /// <summary>Fills the buffer with addresses.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Count; i++)
        {
            var address = new SockAddrIn { sin_family = 2, sin_port = (Be16)(ushort)i };
            address.WriteTo(_buffer.AsSpan(i * SockAddrIn.SizeOf));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("view")]
    public uint View_inline_body()
    {
        ReadOnlySpan<byte> bytes = _buffer;
        uint sum = 0;
        for (var i = 0; i < Count; i++)
        {
            var slice = bytes.Slice(i * SockAddrIn.SizeOf);
            StructHelpers.CheckLength(slice.Length, SockAddrIn.SizeOf, "struct sockaddr_in");
            sum += (ushort)MemoryMarshal.AsRef<SockAddrIn>(slice).sin_port;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("view")]
    public uint View_generated_FromReadOnlySpan()
    {
        ReadOnlySpan<byte> bytes = _buffer;
        uint sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += (ushort)SockAddrIn.FromReadOnlySpan(bytes.Slice(i * SockAddrIn.SizeOf)).sin_port;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("writable view")]
    public void WritableView_inline_body()
    {
        Span<byte> bytes = _buffer;
        for (var i = 0; i < Count; i++)
        {
            var slice = bytes.Slice(i * SockAddrIn.SizeOf);
            StructHelpers.CheckLength(slice.Length, SockAddrIn.SizeOf, "struct sockaddr_in");
            MemoryMarshal.AsRef<SockAddrIn>(slice).sin_family = 2;
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("writable view")]
    public void WritableView_generated_FromSpan()
    {
        Span<byte> bytes = _buffer;
        for (var i = 0; i < Count; i++)
        {
            SockAddrIn.FromSpan(bytes.Slice(i * SockAddrIn.SizeOf)).sin_family = 2;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("copy in and out")]
    public void Copy_inline_bodies()
    {
        Span<byte> bytes = _buffer;
        for (var i = 0; i < Count; i++)
        {
            var slice = bytes.Slice(i * SockAddrIn.SizeOf);
            StructHelpers.CheckLength(slice.Length, SockAddrIn.SizeOf, "struct sockaddr_in");
            SockAddrIn value = MemoryMarshal.AsRef<SockAddrIn>(slice);
            value.sin_family = 2;
            StructHelpers.CheckLength(slice.Length, SockAddrIn.SizeOf, "struct sockaddr_in");
            MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1)).CopyTo(slice);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("copy in and out")]
    public void Copy_generated_Read_and_WriteTo()
    {
        Span<byte> bytes = _buffer;
        for (var i = 0; i < Count; i++)
        {
            var slice = bytes.Slice(i * SockAddrIn.SizeOf);
            var value = SockAddrIn.Read(slice);
            value.sin_family = 2;
            value.WriteTo(slice);
        }
    }

    private readonly TcpInfo[] _infos = new TcpInfo[Count];

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("bitfield")]
    public uint BitField_inline_body()
    {
        uint sum = 0;
        var infos = _infos;
        for (var i = 0; i < infos.Length; i++)
        {
            ref var info = ref infos[i];
            var value = (byte)(i & 0xF);
            if (value > 15)
            {
                StructHelpers.ThrowBitFieldRange(nameof(value), value, "tcpi_rcv_wscale", 4, 0, 15);
            }

            info.tcpi_wscale = (byte)(((ulong)info.tcpi_wscale & ~(0xFUL << (BitConverter.IsLittleEndian ? 4 : 0))) | (((ulong)value & 0xFUL) << (BitConverter.IsLittleEndian ? 4 : 0)));
            sum += (byte)(((ulong)info.tcpi_wscale >> (BitConverter.IsLittleEndian ? 4 : 0)) & 0xFUL);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("bitfield")]
    public uint BitField_generated_property()
    {
        uint sum = 0;
        var infos = _infos;
        for (var i = 0; i < infos.Length; i++)
        {
            ref var info = ref infos[i];
            info.tcpi_rcv_wscale = (byte)(i & 0xF);
            sum += info.tcpi_rcv_wscale;
        }

        return sum;
    }
}
