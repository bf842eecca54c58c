using System;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace KernelStructs.Benchmarks;

/// <summary>
/// A mirror's generated <c>ToString()</c> (one interpolated string) against the
/// <c>StringBuilder</c> body the generator used to write for the same struct (the baseline), for
/// <see cref="SockAddrIn"/>: an integer, a byte-order integer, a nested struct and a byte array.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*StructTextBenchmarks*' --job medium</c>.</remarks>
[MemoryDiagnoser]
public class StructTextBenchmarks
{
    private SockAddrIn _address;

    /// <summary>An address with every member set; fails when the two bodies disagree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _address = new SockAddrIn { sin_family = 2, sin_port = (Be16)(ushort)8080, sin_addr = new InAddr(192, 168, 0, 1) };
        _address.AsBytes()[SockAddrIn.Offsets.__pad] = 0xab;
        if (StringBuilder_body() != Generated_ToString())
        {
            throw new InvalidOperationException($"The bodies disagree: '{StringBuilder_body()}' and '{Generated_ToString()}'.");
        }
    }

    [Benchmark(Baseline = true)]
    public string StringBuilder_body()
    {
        // The body the generator wrote before, word for word.
        StringBuilder text = new StringBuilder("struct sockaddr_in { ");
        ReadOnlySpan<byte> bytes = StructBytes.OfReadOnly(in _address);
        text.Append("sin_family = ").Append(_address.sin_family);
        text.Append(", sin_port = ").Append(_address.sin_port);
        text.Append(", sin_addr = ").Append(_address.sin_addr);
        text.Append(", __pad = ");
        StructHelpers.AppendBytes(text, bytes.Slice(SockAddrIn.Offsets.__pad, 8));
        text.Append(" }");
        return text.ToString();
    }

    [Benchmark]
    public string Generated_ToString() => _address.ToString();
}
