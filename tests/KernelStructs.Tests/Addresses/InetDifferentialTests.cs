using System;
using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Tests.Addresses;

/// <summary>
/// The kernel parsers and formatters against glibc's inet_pton/inet_ntop on generated text. Where the kernel
/// differs from glibc (docs/addresses.md, "Kernel and glibc"), the expectation is glibc's answer on text rewritten
/// the way that difference says: every other disagreement fails the test.
/// </summary>
public partial class InetDifferentialTests(ITestOutputHelper output)
{
    private const long Iterations = 100_000;

    /// <summary>Each class of input must make up at least 5% of a run, or the comparison proves little.</summary>
    private void Report(string what, long accepted, long rejected, long differing, string kinds = "accepted/rejected")
    {
        string[] k = kinds.Split('/');
        output.WriteLine($"{what}: {accepted + rejected} inputs, {accepted} {k[0]}, {rejected} {k[1]}, {differing} where the kernel differs from glibc");
        Assert.InRange(accepted, (accepted + rejected) / 20, long.MaxValue);
        Assert.InRange(rejected, (accepted + rejected) / 20, long.MaxValue);
        Assert.InRange(differing, 1, long.MaxValue);
    }

    // A run of decimal or hex digits that starts with a zero and has more digits after it.
    [GeneratedRegex("(?<![0-9A-Fa-f])0+(?=[0-9A-Fa-f])")]
    private static partial Regex LeadingZeros();

    [GeneratedRegex("(?<![0-9])0+(?=[0-9])")]
    private static partial Regex LeadingDecimalZeros();

    [Fact]
    public void In4Pton_agrees_with_inet_pton_except_for_leading_zeros()
    {
        long accepted = 0, rejected = 0, differing = 0;
        AddressGen.IPv4.Sample(text =>
        {
            bool kernel = Inet.In4Pton(text, 0, out Be32 address, out int end) && end == text.Length;
            _ = kernel ? accepted++ : rejected++;
            // Difference 1: any number of leading zeros; glibc rejects them.
            Span<byte> expected = stackalloc byte[4];
            bool glibc = !text.Contains('\0') && Glibc.Pton(Glibc.AF_INET, LeadingDecimalZeros().Replace(text, ""), expected);
            if (kernel && !Glibc.Pton(Glibc.AF_INET, text, stackalloc byte[4]))
                differing++;
            Assert.Equal(glibc, kernel);
            if (kernel)
                Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(expected), address.Value);
            AssertBytesAgree4(text);
        }, iter: Iterations, threads: 1);
        Report("in4_pton", accepted, rejected, differing);
    }

    [Fact]
    public void In6Pton_agrees_with_inet_pton_except_for_documented_differences()
    {
        long accepted = 0, rejected = 0, differing = 0;
        AddressGen.IPv6.Sample(text =>
        {
            bool kernel = Inet.In6Pton(text, 0, out In6Addr address, out int end) && end == text.Length;
            _ = kernel ? accepted++ : rejected++;
            Span<byte> expected = stackalloc byte[16];
            bool glibc = Expected6(text, expected);
            if (kernel && !Glibc.Pton(Glibc.AF_INET6, text, stackalloc byte[16]))
                differing++;
            Assert.Equal(glibc, kernel);
            if (kernel)
            {
                Span<byte> actual = stackalloc byte[16];
                address.CopyTo(actual);
                Assert.Equal(expected.ToArray(), actual.ToArray());
            }
            AssertBytesAgree6(text);
        }, iter: Iterations, threads: 1);
        Report("in6_pton", accepted, rejected, differing);
    }

    /// <summary>glibc's answer on the text rewritten by the documented differences.</summary>
    private static bool Expected6(string text, Span<byte> address)
    {
        // Difference 1: leading zeros in groups and octets.
        return Glibc.Pton(Glibc.AF_INET6, LeadingZeros().Replace(text, ""), address);
    }

    [Fact]
    public void In_aton_agrees_with_inet_pton_on_the_text_inet_pton_accepts()
    {
        AddressGen.IPv4.Sample(text =>
        {
            Span<byte> expected = stackalloc byte[4];
            if (Glibc.Pton(Glibc.AF_INET, text, expected))
                Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(expected), Inet.InAton(text).Value);
            // The char overload reads text as the kernel would read its UTF-8.
            Assert.Equal(Inet.InAton(Encoding.UTF8.GetBytes(text)), Inet.InAton(text));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void PI4_formats_as_inet_ntop_does()
    {
        Gen.Byte.Array[4].Sample(bytes =>
        {
            var address = new InAddr(Be32.Read(bytes));
            Assert.Equal(Glibc.Ntop(Glibc.AF_INET, bytes), address.ToString());
            AssertUtf8Same(address.ToString(), address);
        }, iter: Iterations / 2, threads: 1);
    }

    [Fact]
    public void PI6c_formats_as_inet_ntop_does_except_for_embedded_IPv4()
    {
        long same = 0, differing = 0;
        AddressGen.IPv6Address.Sample(bytes =>
        {
            var address = new In6Addr(bytes);
            string kernel = address.ToString();
            string glibc = Glibc.Ntop(Glibc.AF_INET6, bytes);
            string quad = $"{bytes[12]}.{bytes[13]}.{bytes[14]}.{bytes[15]}";

            // Both write the same address.
            Span<byte> back = stackalloc byte[16];
            Assert.True(Glibc.Pton(Glibc.AF_INET6, kernel, back), kernel);
            Assert.Equal(bytes, back.ToArray());
            Assert.True(Inet.In6Pton(kernel, 0, out In6Addr parsed, out _));
            Assert.Equal(address, parsed);

            if (IsIsatap(bytes))
            {
                // Difference 3: ISATAP interface ids end in a dotted quad; glibc writes hex.
                Assert.EndsWith(":" + quad, kernel);
                Assert.DoesNotContain(".", glibc);
            }
            else if (IsV4CompatibleForGlibc(bytes))
            {
                // Difference 4: glibc writes ::a.b.c.d for IPv4-compatible addresses; the kernel writes hex.
                Assert.Equal("::" + quad, glibc);
                Assert.DoesNotContain(".", kernel);
            }
            else
            {
                Assert.Equal(glibc, kernel);
            }
            _ = kernel == glibc ? same++ : differing++;
            AssertUtf8Same(kernel, address);
        }, iter: Iterations, threads: 1);
        Report("%pI6c", same, differing, differing, "written as glibc does/written differently");
    }

    private static bool IsIsatap(byte[] b) => (b[8] | 2) == 2 && b[9] == 0 && b[10] == 0x5E && b[11] == 0xFE;

    /// <summary>glibc's inet_ntop6 rule: exactly six leading zero groups (::a.b.c.d with a.b not 0.0).</summary>
    private static bool IsV4CompatibleForGlibc(byte[] b)
    {
        for (int i = 0; i < 12; i++)
            if (b[i] != 0)
                return false;
        return b[12] != 0 || b[13] != 0;
    }

    private static void AssertBytesAgree4(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        bool c = Inet.In4Pton(text, Inet.NoDelimiter, out Be32 ac, out int ec);
        bool b = Inet.In4Pton(utf8, Inet.NoDelimiter, out Be32 ab, out int eb);
        Assert.Equal(c, b);
        Assert.Equal(ac, ab);
        Assert.Equal(Encoding.UTF8.GetByteCount(text.AsSpan(0, ec)), eb);
    }

    private static void AssertBytesAgree6(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        bool c = Inet.In6Pton(text, Inet.NoDelimiter, out In6Addr ac, out int ec);
        bool b = Inet.In6Pton(utf8, Inet.NoDelimiter, out In6Addr ab, out int eb);
        Assert.Equal(c, b);
        Assert.Equal(ac, ab);
        Assert.Equal(Encoding.UTF8.GetByteCount(text.AsSpan(0, ec)), eb);
    }

    private static void AssertUtf8Same<T>(string expected, T value) where T : IUtf8SpanFormattable
    {
        Span<byte> utf8 = stackalloc byte[64];
        Assert.True(value.TryFormat(utf8, out int n, default, null));
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8[..n]));
    }
}
