using System;
using System.Net;
using System.Text;
using Xunit;

namespace KernelStructs.Tests.Addresses;

/// <summary>The documented behaviour of the kernel's address helpers, one example per quirk (docs/addresses.md).</summary>
public class InetTests
{
    private static string Dotted(Be32 address) => new InAddr(address).ToString();

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("1\n2\n3\n4", "1.2.3.4")]          // a newline separates octets like a dot
    [InlineData("1.2.3.4\n", "1.2.3.4")]           // so a trailing newline is harmless
    [InlineData("1.2.3.4x", "1.2.3.112")]          // 'x' - '0' = 72: 4 * 10 + 72
    [InlineData("10.0.0.256", "10.0.1.0")]         // 256 spills into the octet before
    [InlineData("300.1.1.1", "44.1.1.1")]          // 300 = 0x12c: the 0x1 is shifted out
    [InlineData("1.2.3.-1", "255.255.255.227")]    // '-' - '0' = -3, in unsigned arithmetic
    [InlineData(" 1.2.3.4", "97.2.3.4")]           // ' ' - '0' = -16
    [InlineData("1.2.3", "1.2.3.0")]               // missing octets are zeros at the end
    [InlineData("", "0.0.0.0")]
    [InlineData("1..3.4", "1.0.3.4")]              // an empty octet is 0
    [InlineData("1.2.3.4.5", "1.2.3.4")]           // text after the fourth octet is ignored
    [InlineData("010.0.0.1", "10.0.0.1")]          // decimal, not octal
    [InlineData("1.2.3.4\09", "1.2.3.4")]          // NUL ends the text
    [InlineData("1.2.3.\u00e9", "1.2.7.55")]       // UTF-8 c3 a9: (0xc3 - '0') * 10 + (0xa9 - '0') = 1591 = 0x637, OR-ed in
    public void InAton_reads_text_as_the_kernel_does(string text, string expected)
    {
        Assert.Equal(expected, Dotted(Inet.InAton(text)));
        Assert.Equal(expected, Dotted(Inet.InAton(Encoding.UTF8.GetBytes(text))));
    }

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", true, "1.2.3.4")]     // agree on a dotted quad
    [InlineData("010.0.0.1", "10.0.0.1", true, "8.0.0.1")]  // inet_aton reads a leading 0 as octal
    [InlineData("0x10.0.0.1", "42.0.0.1", true, "16.0.0.1")] // and 0x as hex; in_aton reads 'x' as the digit 72
    [InlineData("1.2.3", "1.2.3.0", true, "1.2.0.3")]       // inet_aton's last part fills the remaining bytes
    [InlineData("10.0.0.256", "10.0.1.0", false, null)]     // inet_aton rejects out-of-range parts
    [InlineData("1.2.3.4x", "1.2.3.112", false, null)]      // and trailing garbage
    public void InAton_differs_from_glibc_inet_aton(string text, string kernel, bool glibcAccepts, string? glibc)
    {
        Assert.Equal(kernel, Dotted(Inet.InAton(text)));
        Assert.Equal(glibcAccepts, Glibc.Aton(text, out uint value));
        if (glibcAccepts)
            Assert.Equal(glibc, Dotted(new Be32(value)));
    }

    [Theory]
    [InlineData("1.2.3.4", 0, true, "1.2.3.4", 7)]
    [InlineData("0.0.0.0", 0, true, "0.0.0.0", 7)]
    [InlineData("00000000001.2.3.004", 0, true, "1.2.3.4", 19)] // any number of leading zeros, decimal
    [InlineData("1.2.3.4:80", 0, true, "1.2.3.4", 7)]           // a colon always ends the address
    [InlineData("1.2.3.4 rest", ' ', true, "1.2.3.4", 7)]
    [InlineData("1.2.3.4\n", '\n', true, "1.2.3.4", 7)]
    [InlineData("1.2.3.4\n", 0, false, null, 7)]
    [InlineData("1.2.3.4x", 0, false, null, 7)]
    [InlineData("1.2.3.4x", Inet.NoDelimiter, true, "1.2.3.4", 7)] // with no delimiter, 'x' ends it
    [InlineData("1.2.3.4a", Inet.NoDelimiter, false, null, 7)]     // but a hex letter does not
    [InlineData("1.2.3", 0, false, null, 5)]
    [InlineData("1.2.3.4.5", 0, false, null, 7)]
    [InlineData("256.1.1.1", 0, false, null, 2)]
    [InlineData("1..2.3", 0, false, null, 2)]
    [InlineData("", 0, false, null, 0)]
    [InlineData(" 1.2.3.4", Inet.NoDelimiter, false, null, 0)]
    public void In4Pton_parses_strictly_and_reports_the_end(string text, int delimiter, bool ok, string? address, int end)
    {
        Assert.Equal(ok, Inet.In4Pton(text, delimiter, out Be32 a, out int e));
        Assert.Equal(end, e);
        if (ok)
            Assert.Equal(address, Dotted(a));
        Assert.Equal(ok, Inet.In4Pton(Encoding.ASCII.GetBytes(text), delimiter, out Be32 b, out e));
        Assert.Equal(end, e);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("::1", 0, true, "::1", 3)]
    [InlineData("::", 0, true, "::", 2)]
    [InlineData("1:2:3:4:5:6:7:8", 0, true, "1:2:3:4:5:6:7:8", 15)]
    [InlineData("1:2:3:4:5:6:7::", 0, true, "1:2:3:4:5:6:7:0", 15)]
    [InlineData("::FFFF:A:B:C", 0, true, "::ffff:a:b:c", 12)]
    [InlineData("::ffff:1.2.3.4", 0, true, "::ffff:1.2.3.4", 14)]
    [InlineData("::ffff:01.002.3.4", 0, true, "::ffff:1.2.3.4", 17)] // leading zeros in the quad
    [InlineData("::00001", 0, true, "::1", 7)]                      // and in groups, while the value fits
    [InlineData("::10000", 0, false, null, 6)]
    [InlineData("fe80::1%eth0", '%', true, "fe80::1", 7)]
    [InlineData("fe80::1%eth0", 0, false, null, 7)]
    [InlineData("::1.2.3.4:5", 0, true, "::102:304", 9)]            // the quad ends at a colon
    [InlineData("::1 rest", Inet.NoDelimiter, true, "::1", 3)]
    [InlineData("::1g", Inet.NoDelimiter, true, "::1", 3)]
    [InlineData("::1g", 0, false, null, 3)]
    [InlineData("1:2:3:4::5:6:7:8", 0, false, null, 14)]            // "::" stands for at least one group
    [InlineData("::1:2:3:4:5:6:7:8", 0, false, null, 15)]
    [InlineData("1::2::3", 0, false, null, 5)]
    [InlineData(":1", 0, false, null, 1)]
    [InlineData("1:2:3:4:5:6:7:8:9", 0, false, null, 15)]
    [InlineData("1.2.3.4", 0, false, null, 1)]
    [InlineData("", 0, false, null, 0)]
    public void In6Pton_parses_strictly_and_reports_the_end(string text, int delimiter, bool ok, string? address, int end)
    {
        Assert.Equal(ok, Inet.In6Pton(text, delimiter, out In6Addr a, out int e));
        Assert.Equal(end, e);
        if (ok)
            Assert.Equal(address, a.ToString());
        else
            Assert.Equal(default, a);
        Assert.Equal(ok, Inet.In6Pton(Encoding.ASCII.GetBytes(text), delimiter, out In6Addr b, out e));
        Assert.Equal(end, e);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("00000000001.2.3.004")]
    [InlineData("1.2.3.4:80")]
    public void In4Pton_accepts_what_inet_pton_rejects(string text)
    {
        Assert.True(Inet.In4Pton(text, 0, out _, out _));
        Assert.False(Glibc.Pton(Glibc.AF_INET, text, stackalloc byte[4]));
    }

    [Theory]
    [InlineData("::00001")]
    [InlineData("::ffff:01.002.3.4")]
    [InlineData("::1.2.3.4:5")]
    public void In6Pton_accepts_what_inet_pton_rejects(string text)
    {
        Assert.True(Inet.In6Pton(text, 0, out _, out _));
        Assert.False(Glibc.Pton(Glibc.AF_INET6, text, stackalloc byte[16]));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(128)]
    [InlineData(0x2028)]
    public void A_delimiter_outside_ascii_is_rejected(int delimiter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Inet.In4Pton("1.2.3.4", delimiter, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Inet.In6Pton("::1"u8, delimiter, out _, out _));
    }

    [Theory]
    [InlineData("::", "::")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    [InlineData("1:0:0:0:0:0:0:0", "1::")]
    [InlineData("2001:db8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")] // one zero group stays
    [InlineData("1:0:0:2:0:0:0:3", "1:0:0:2::3")]                // the longest run
    [InlineData("1:0:0:2:0:0:3:4", "1::2:0:0:3:4")]              // the first of equal runs
    [InlineData("ABCD:0EF:0:0:0:0:0:0", "abcd:ef::")]
    [InlineData("::ffff:1.2.3.4", "::ffff:1.2.3.4")]            // IPv4-mapped
    [InlineData("::ffff:0:0", "::ffff:0.0.0.0")]
    [InlineData("fe80::5efe:c000:201", "fe80::5efe:192.0.2.1")]  // ISATAP, either interface id
    [InlineData("fe80::200:5efe:c000:201", "fe80::200:5efe:192.0.2.1")]
    [InlineData("2001:db8::5efe:c000:201", "2001:db8::5efe:192.0.2.1")] // whatever the prefix
    [InlineData("::102:304", "::102:304")]                       // IPv4-compatible: hex, unlike inet_ntop
    [InlineData("ffff:ffff:ffff:ffff:200:5efe:255.255.255.255", "ffff:ffff:ffff:ffff:200:5efe:255.255.255.255")]
    public void PI6c_formats_as_the_kernel_does(string text, string expected)
    {
        Assert.True(Inet.In6Pton(text, 0, out In6Addr address, out _));
        Assert.Equal(expected, address.ToString());
        Assert.Equal(expected, $"{address}");
        Span<byte> utf8 = stackalloc byte[In6Addr.MaxFormattedLength];
        Assert.True(address.TryFormat(utf8, out int n));
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8[..n]));
    }

    [Theory]
    [InlineData("::102:304", "::1.2.3.4")]
    [InlineData("fe80::5efe:c000:201", "fe80::5efe:c000:201")]
    public void PI6c_differs_from_inet_ntop_on_embedded_IPv4(string text, string glibc)
    {
        Assert.True(Inet.In6Pton(text, 0, out In6Addr address, out _));
        Span<byte> bytes = stackalloc byte[16];
        address.CopyTo(bytes);
        Assert.Equal(glibc, Glibc.Ntop(Glibc.AF_INET6, bytes));
        Assert.NotEqual(glibc, address.ToString());
    }

    [Fact]
    public void PI4_writes_every_octet_in_every_position_and_nothing_past_the_text()
    {
        for (int v = 0; v < 256; v++)
        {
            for (int position = 0; position < 4; position++)
            {
                // The other octets cycle through 1, 2 and 3 digits.
                var octets = new byte[4];
                for (int i = 0; i < 4; i++)
                    octets[i] = i == position ? (byte)v : (byte)((v * 7 + i * 97) % 256);
                var address = new InAddr(octets[0], octets[1], octets[2], octets[3]);
                AssertWritesExactly(string.Join('.', octets), address);
            }
        }
    }

    [Fact]
    public void PI6c_writes_every_group_value_and_nothing_past_the_text()
    {
        var bytes = new byte[16];
        for (int v = 1; v <= 0xFFFF; v++)
        {
            // Eight groups of v, none zero: no "::", never IPv4-mapped or ISATAP.
            for (int i = 0; i < 16; i += 2)
            {
                bytes[i] = (byte)(v >> 8);
                bytes[i + 1] = (byte)v;
            }
            string group = v.ToString("x");
            AssertWritesExactly(string.Join(':', group, group, group, group, group, group, group, group), new In6Addr(bytes));
        }
        AssertWritesExactly("::", default(In6Addr));
        Assert.True(Inet.In6Pton("::1", 0, out In6Addr one, out _));
        AssertWritesExactly("::1", one);
    }

    /// <summary>
    /// Formats into a buffer of exactly the text's length and into a longer one filled with a marker,
    /// as chars and as UTF-8: the text is written, and no character after it.
    /// </summary>
    private static void AssertWritesExactly<T>(string expected, T value) where T : ISpanFormattable, IUtf8SpanFormattable
    {
        var chars = new char[expected.Length + 16];
        var bytes = new byte[expected.Length + 16];
        Array.Fill(chars, '#');
        Array.Fill(bytes, (byte)'#');
        Assert.True(value.TryFormat(chars, out int n, default, null));
        Assert.Equal(expected, new string(chars, 0, n));
        Assert.Equal(new string('#', 16), new string(chars, n, 16));
        Assert.True(value.TryFormat(bytes, out n, default, null));
        Assert.Equal(expected, Encoding.ASCII.GetString(bytes, 0, n));
        Assert.Equal(new string('#', 16), Encoding.ASCII.GetString(bytes, n, 16));

        Assert.True(value.TryFormat(new char[expected.Length], out n, default, null));
        Assert.Equal(expected.Length, n);
        Assert.True(value.TryFormat(new byte[expected.Length], out n, default, null));
        Assert.Equal(expected.Length, n);
        Assert.False(value.TryFormat(new char[expected.Length - 1], out n, default, null));
        Assert.False(value.TryFormat(new byte[expected.Length - 1], out n, default, null));
    }

    [Fact]
    public void Formatting_reports_a_short_buffer()
    {
        var v4 = new InAddr(192, 168, 100, 200);
        Assert.False(v4.TryFormat(stackalloc char[14], out int n));
        Assert.Equal(0, n);
        Assert.True(v4.TryFormat(stackalloc char[15], out n));
        Assert.Equal(15, n);
        Assert.True(new InAddr(1, 2, 3, 4).TryFormat(stackalloc byte[7], out n));
        Assert.Equal(7, n);

        Inet.In6Pton("2001:db8::1", 0, out In6Addr v6, out _);
        Assert.False(v6.TryFormat(stackalloc char[10], out n));
        Assert.Equal(0, n);
        Assert.True(v6.TryFormat(stackalloc char[11], out n));
        Assert.Equal(11, n);
        Assert.Throws<FormatException>(() => v6.ToString("x", null));
    }

    [Fact]
    public void InAddr_mirrors_in_addr_and_converts_to_IPAddress()
    {
        var address = new InAddr(192, 0, 2, 1);
        Assert.Equal("192.0.2.1", address.ToString());
        Span<byte> bytes = stackalloc byte[4];
        address.s_addr.Write(bytes);
        Assert.Equal(new byte[] { 192, 0, 2, 1 }, bytes.ToArray());
        Assert.Equal(IPAddress.Parse("192.0.2.1"), address.ToIPAddress());
        Assert.Equal(address, InAddr.FromIPAddress(IPAddress.Parse("192.0.2.1")));
        Be32 raw = address;
        Assert.Equal(0xC0000201u, raw.Value);
        Assert.Throws<ArgumentException>(() => InAddr.FromIPAddress(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void In6Addr_converts_to_and_from_IPAddress()
    {
        Inet.In6Pton("fe80::1", 0, out In6Addr address, out _);
        IPAddress ip = address.ToIPAddress(scopeId: 3);
        Assert.Equal(IPAddress.Parse("fe80::1%3"), ip);
        Assert.Equal(address, In6Addr.FromIPAddress(ip));
        Assert.Throws<ArgumentException>(() => In6Addr.FromIPAddress(IPAddress.Loopback));
        Assert.Throws<ArgumentException>(() => new In6Addr(new byte[15]));
    }

    [Fact]
    public void End_points_are_built_from_and_split_into_sockaddr_fields()
    {
        IPEndPoint v4 = InetEndPoint.Create(new InAddr(10, 0, 0, 1), new Be16(8080));
        Assert.Equal(IPEndPoint.Parse("10.0.0.1:8080"), v4);
        InetEndPoint.GetIPv4(v4, out InAddr a4, out Be16 p4);
        Assert.Equal(new InAddr(10, 0, 0, 1), a4);
        Assert.Equal(8080, p4.Value);

        Inet.In6Pton("fe80::2", 0, out In6Addr a, out _);
        IPEndPoint v6 = InetEndPoint.Create(a, new Be16(443), scopeId: 2);
        Assert.Equal(IPEndPoint.Parse("[fe80::2%2]:443"), v6);
        InetEndPoint.GetIPv6(v6, out In6Addr a6, out Be16 p6, out uint scope);
        Assert.Equal(a, a6);
        Assert.Equal(443, p6.Value);
        Assert.Equal(2u, scope);
        Assert.Throws<ArgumentException>(() => InetEndPoint.GetIPv6(v4, out _, out _, out _));
    }
}
