using System;
using System.Buffers.Binary;
using KernelStructs;
using Xunit;

namespace KernelStructs.Tests;

public class ByteOrderTests
{
    [Fact]
    public void Be16_stores_network_order_and_reads_host_order()
    {
        var port = new Be16(8080);
        Span<byte> bytes = stackalloc byte[2];
        port.Write(bytes);
        Assert.Equal(new byte[] { 0x1F, 0x90 }, bytes.ToArray());
        Assert.Equal((ushort)8080, port.Value);
        Assert.Equal(port, Be16.Read(bytes));
        Assert.Equal("8080", port.ToString());
    }

    [Fact]
    public void Be32_and_Be64_round_trip_through_memory()
    {
        var addr = new Be32(0x7F000001);
        Span<byte> bytes = stackalloc byte[8];
        addr.Write(bytes);
        Assert.Equal(new byte[] { 127, 0, 0, 1 }, bytes[..4].ToArray());
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(bytes), addr.Value);

        var big = new Be64(0x0102030405060708);
        big.Write(bytes);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, bytes.ToArray());
        Assert.Equal(0x0102030405060708UL, Be64.Read(bytes).Value);
    }

    [Fact]
    public void Le_types_store_little_endian()
    {
        Span<byte> bytes = stackalloc byte[4];
        new Le32(0x01020304).Write(bytes);
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, bytes.ToArray());
        Assert.Equal(0x01020304U, Le32.Read(bytes).Value);
    }

    [Fact]
    public void Raw_is_the_stored_bits()
    {
        var port = Be16.FromRaw(BitConverter.IsLittleEndian ? (ushort)0x901F : (ushort)0x1F90);
        Assert.Equal((ushort)8080, port.Value);
        Assert.Equal(port, (Be16)(ushort)8080);
        Assert.True(new Be16(1) != new Be16(2));
        Assert.True(new Be16(1).CompareTo(new Be16(256)) < 0);
    }
}
