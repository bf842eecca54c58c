using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;
using KernelStructs.Samples.IptablesDump.Extensions;
using Xunit;

namespace KernelStructs.Tests.Samples;

/// <summary>
/// The dump's text primitives (<see cref="SaveText"/>) and its decoder cache (<see cref="RecentDecoders"/>) on their
/// own, against the plain .NET text and the decoder table's own lookup: the iptables-save comparisons cover only the
/// lengths, numbers and names a ruleset happens to hold.
/// </summary>
public class SaveTextTests
{
    private static string Text(Action<SaveText> write, bool hold = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        var o = new SaveText(output);
        if (hold)
        {
            o.Hold(16);
            write(o);
            o.Emit(0, o.Length);
            o.Release();
        }
        else
        {
            write(o);
            o.Flush();
        }

        return output.ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Literals_of_every_length_come_out_whole_at_every_position(bool hold)
    {
        // Lengths around each copy size class, written after every offset of a block boundary: a literal that
        // overlaps the boundary or the end of a grown held buffer must neither lose nor repeat a character.
        var expected = new StringBuilder();
        string result = Text(o =>
        {
            int n = 0;
            for (int round = 0; round < 600; round++)
            {
                for (int length = 0; length <= 40; length++)
                {
                    string literal = new string(Enumerable.Range(0, length).Select(i => (char)('a' + ((n + i) % 26))).ToArray());
                    n++;
                    o.Write(literal);
                    expected.Append(literal);
                    o.Write((char)('0' + (round % 10)));
                    expected.Append((char)('0' + (round % 10)));
                }
            }
        }, hold);

        Assert.True(expected.Length > 3 * 8192, "The text crosses several blocks.");
        Assert.Equal(expected.ToString(), result);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(9UL)]
    [InlineData(10UL)]
    [InlineData(65535UL)]
    [InlineData(4294967295UL)]
    [InlineData(4294967296UL)]
    [InlineData(18446744073709551615UL)]
    public void Numbers_are_printf_u(ulong value)
    {
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Text(o => o.Num(value)));
        Assert.Equal(value.ToString("D5", CultureInfo.InvariantCulture), Text(o => o.Num(value, 5)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-2147483648L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Signed_numbers_are_printf_d(long value)
        => Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Text(o => o.Int(value)));

    [Fact]
    public void Numbers_across_a_block_boundary_are_whole()
    {
        var expected = new StringBuilder();
        string result = Text(o =>
        {
            for (uint i = 0; i < 5000; i++)
            {
                ulong value = (ulong)i * 2654435761UL * i;
                o.Num(value);
                o.Write(' ');
                expected.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ');
            }
        });

        Assert.Equal(expected.ToString(), result);
    }

    [Theory]
    [InlineData("rule_1-x", " rule_1-x")]
    [InlineData("rule 1", " \"rule 1\"")]
    [InlineData("", " \"\"")]
    [InlineData("a\"b\\c'd", " \"a\\\"b\\\\c\\'d\"")]
    [InlineData("\"", " \"\\\"\"")]
    [InlineData("x.y", " \"x.y\"")]
    public void Save_strings_quote_and_escape_as_xtables_save_string(string value, string expected)
    {
        var buffer = new byte[32];
        Encoding.Latin1.GetBytes(value, buffer);
        Assert.Equal(expected, Text(o => o.SaveString(buffer)));
    }

    [Fact]
    public void Save_strings_stop_at_the_nul_and_keep_latin1_bytes()
    {
        byte[] buffer = { (byte)'a', 0xE9, (byte)'b', 0, (byte)'"', (byte)'c' };
        Assert.Equal(" \"a\u00E9b\"", Text(o => o.SaveString(buffer)));
        byte[] full = Encoding.ASCII.GetBytes("abc");
        Assert.Equal(" abc", Text(o => o.SaveString(full)));
    }

    [Fact]
    public void Prefix_lengths_are_found_for_every_prefix_and_only_for_prefixes()
    {
        for (int bits = 0; bits <= 32; bits++)
        {
            uint mask = bits == 0 ? 0 : uint.MaxValue << (32 - bits);
            Assert.Equal(bits, SaveText.Cidr(mask));
        }

        foreach (uint mask in new uint[] { 1, 0x00FFFFFF, 0xFF00FF00, 0xFFFFFFFE ^ 0x100, 0x7FFFFFFF, 0x80000001 })
        {
            Assert.Equal(-1, SaveText.Cidr(mask));
        }
    }

    [Fact]
    public void The_decoder_cache_answers_what_the_table_answers()
    {
        var table = ExtensionDecoders.For(XtFamily.IPv4, XtExtensionKind.Match);
        var recent = new RecentDecoders(table);
        (string Name, byte Revision)[] keys =
        {
            ("tcp", 0), ("udp", 0), ("conntrack", 1), ("conntrack", 2), ("conntrack", 3), ("comment", 0), ("mark", 1),
            ("multiport", 1), ("limit", 0), ("tcp", 1), ("nosuchmatch", 0), ("hashlimit", 2), ("set", 4), ("tcp", 0),
            ("conntrack", 3), ("udp", 0), ("abcdefghijklmnopqrstuvwxyzabc", 0),
        };

        // Twice round, more keys than the cache holds, with sizes and bytes after the name's NUL that differ.
        for (int round = 0; round < 2; round++)
        {
            foreach (var (name, revision) in keys)
            {
                for (int junk = 0; junk < 2; junk++)
                {
                    var header = new byte[40];
                    header[0] = (byte)(32 + (8 * junk) + round);
                    Encoding.ASCII.GetBytes(name, header.AsSpan(2));
                    if (junk == 1 && name.Length < 28)
                    {
                        header[2 + name.Length + 1] = (byte)'z';
                    }

                    header[31] = revision;
                    header[32] = 0xAA;
                    var expected = table.Find(Encoding.ASCII.GetBytes(name), revision);
                    Assert.Same(expected, recent.Find(header));
                }
            }
        }

        Assert.NotNull(table.Find("conntrack"u8, 3));
        Assert.Null(table.Find("tcp"u8, 1));
    }
}
