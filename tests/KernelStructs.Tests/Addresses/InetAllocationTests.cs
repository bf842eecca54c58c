using System;
using Xunit;

namespace KernelStructs.Tests.Addresses;

/// <summary>Parsing and formatting allocate nothing.</summary>
public class InetAllocationTests
{
    private const int Calls = 10_000;

    private static long Allocated(Action body)
    {
        body(); // first call: JIT, static initialisation
        long before = GC.GetAllocatedBytesForCurrentThread();
        body();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Parsing_allocates_nothing()
    {
        Assert.Equal(0, Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                Inet.InAton("192.168.100.200");
                Inet.InAton("192.168.100.200"u8);
                Inet.In4Pton("192.168.100.200", 0, out _, out _);
                Inet.In4Pton("192.168.100.200"u8, 0, out _, out _);
                Inet.In6Pton("2001:db8:85a3::8a2e:370:7334", 0, out _, out _);
                Inet.In6Pton("::ffff:192.168.100.200"u8, 0, out _, out _);
            }
        }));
    }

    [Fact]
    public void Formatting_allocates_nothing()
    {
        var v4 = new InAddr(192, 168, 100, 200);
        Inet.In6Pton("2001:db8:85a3::8a2e:370:7334", 0, out In6Addr v6, out _);
        Inet.In6Pton("::ffff:192.168.100.200", 0, out In6Addr mapped, out _);
        Assert.Equal(0, Allocated(() =>
        {
            Span<char> chars = stackalloc char[In6Addr.MaxFormattedLength];
            Span<byte> bytes = stackalloc byte[In6Addr.MaxFormattedLength];
            Span<char> small = stackalloc char[20];
            for (int i = 0; i < Calls; i++)
            {
                v4.TryFormat(chars, out _);
                v4.TryFormat(bytes, out _);
                v6.TryFormat(chars, out _);
                v6.TryFormat(bytes, out _);
                mapped.TryFormat(small, out _); // through the intermediate buffer
            }
        }));
    }
}
