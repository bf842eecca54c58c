using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>glibc's <c>inet_ntop(AF_INET6)</c> and libxtables' IPv6 mask helpers.</summary>
/// <remarks>
/// The kernel's <c>%pI6c</c> (<see cref="In6Addr"/>) differs from glibc for ISATAP and IPv4-compatible addresses
/// (docs/addresses.md), and iptables prints through glibc: this is glibc's algorithm.
/// </remarks>
internal static class Inet6
{
    /// <summary>The longest text <see cref="Ntop"/> writes (<c>INET6_ADDRSTRLEN</c>).</summary>
    public const int MaxLength = 46;

    /// <summary>Writes the address into <paramref name="text"/> (<see cref="MaxLength"/> characters are enough); returns the length.</summary>
    public static int Ntop(ReadOnlySpan<byte> a, Span<char> text)
    {
        Span<int> words = stackalloc int[8];
        for (int i = 0; i < 8; i++)
        {
            words[i] = a[2 * i] << 8 | a[2 * i + 1];
        }

        // The longest run of zero words (the first of equal ones), if at least two long.
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++)
        {
            if (words[i] == 0)
            {
                if (curBase == -1)
                {
                    curBase = i;
                    curLen = 1;
                }
                else
                {
                    curLen++;
                }
            }
            else if (curBase != -1)
            {
                if (bestBase == -1 || curLen > bestLen)
                {
                    bestBase = curBase;
                    bestLen = curLen;
                }

                curBase = -1;
            }
        }

        if (curBase != -1 && (bestBase == -1 || curLen > bestLen))
        {
            bestBase = curBase;
            bestLen = curLen;
        }

        if (bestBase != -1 && bestLen < 2)
        {
            bestBase = -1;
        }

        int n = 0;
        for (int i = 0; i < 8; i++)
        {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen)
            {
                if (i == bestBase)
                {
                    text[n++] = ':';
                }

                continue;
            }

            if (i != 0)
            {
                text[n++] = ':';
            }

            // An IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address ends in a dotted quad.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff)))
            {
                new InAddr(a[12], a[13], a[14], a[15]).TryFormat(text.Slice(n), out int written);
                n += written;
                return n;
            }

            words[i].TryFormat(text.Slice(n), out int w, "x", CultureInfo.InvariantCulture);
            n += w;
        }

        if (bestBase != -1 && bestBase + bestLen == 8)
        {
            text[n++] = ':';
        }

        return n;
    }

    /// <summary><c>xtables_ip6mask_to_cidr</c>: the prefix length, or -1 when the mask is not a prefix.</summary>
    public static int Cidr(ReadOnlySpan<byte> mask)
    {
        int bits = 0;
        int i = 0;
        while (i < 16 && mask[i] == 0xFF)
        {
            bits += 8;
            i++;
        }

        if (i < 16)
        {
            byte b = mask[i];
            while ((b & 0x80) != 0)
            {
                bits++;
                b <<= 1;
            }

            if (b != 0)
            {
                return -1;
            }

            for (i++; i < 16; i++)
            {
                if (mask[i] != 0)
                {
                    return -1;
                }
            }
        }

        return bits;
    }
}

/// <summary>glibc's <c>printf</c> conversions the extensions use beyond integers.</summary>
internal static class CFormat
{
    /// <summary><c>%.Nf</c>: the exact value of <paramref name="value"/>, rounded to <paramref name="decimals"/> places, ties to even.</summary>
    public static string Fixed(double value, int decimals)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        BigInteger scaled;
        BigInteger pow10 = BigInteger.Pow(10, decimals);
        if (exponent >= 0)
        {
            scaled = (new BigInteger(mantissa) << exponent) * pow10;
        }
        else
        {
            BigInteger numerator = new BigInteger(mantissa) * pow10;
            BigInteger denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
            int half = (remainder * 2).CompareTo(denominator);
            if (half > 0 || (half == 0 && !scaled.IsEven))
            {
                scaled += 1;
            }
        }

        string digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = new StringBuilder(digits.Length + 2);
        if (negative)
        {
            text.Append('-');
        }

        text.Append(digits, 0, digits.Length - decimals);
        if (decimals > 0)
        {
            text.Append('.').Append(digits, digits.Length - decimals, decimals);
        }

        return text.ToString();
    }
}

/// <summary>
/// A name map as libxtables reads it with <c>xtables_lmap_init</c> (<c>/etc/iproute2/group</c>,
/// <c>/etc/iproute2/rt_realms</c>): lines of <c>id name</c> with ids 0 to 255 (decimal, or hex after <c>0x</c>),
/// <c>#</c> comments; the first line of an id wins.
/// </summary>
internal sealed class NameMap
{
    private readonly Dictionary<uint, string> _names = new();

    private NameMap()
    {
    }

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file is an empty map, as for libxtables.</summary>
    public static NameMap Load(string path)
    {
        var map = new NameMap();
        try
        {
            foreach (string line in File.ReadLines(path, Encoding.Latin1))
            {
                map.Add(line);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return map;
    }

    /// <summary>The name of <paramref name="id"/>, or <see langword="null"/>.</summary>
    public string? Name(uint id) => _names.TryGetValue(id, out string? name) ? name : null;

    private void Add(string line)
    {
        int i = 0;
        while (i < line.Length && IsSpace(line[i]))
        {
            i++;
        }

        if (i == line.Length || line[i] == '#')
        {
            return;
        }

        bool hex = string.CompareOrdinal(line, i, "0x", 0, 2) == 0;
        int start = hex ? i + 2 : i;
        int end = start;
        while (end < line.Length && (hex ? char.IsAsciiHexDigit(line[end]) : char.IsAsciiDigit(line[end])))
        {
            end++;
        }

        if (end == start || end == line.Length || !IsSpace(line[end])
            || !uint.TryParse(line.AsSpan(start, end - start), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out uint id)
            || id > 255)
        {
            return;
        }

        int nameStart = end;
        while (nameStart < line.Length && IsSpace(line[nameStart]))
        {
            nameStart++;
        }

        if (nameStart == line.Length || line[nameStart] == '#')
        {
            return;
        }

        int nameEnd = nameStart;
        while (nameEnd < line.Length && !IsSpace(line[nameEnd]))
        {
            nameEnd++;
        }

        _names.TryAdd(id, line.Substring(nameStart, nameEnd - nameStart));
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}

/// <summary>Protocol names as <c>getprotobynumber(3)</c> gives them (<c>/etc/protocols</c>), with iptables' fallbacks.</summary>
internal static class Protocols
{
    private static readonly Dictionary<int, string> Database = Load();
    private static readonly Dictionary<int, string> Names = WithChainProtocols(Database);

    // The names of protocols 0..255 (the numbers a rule's -p holds in practice) by index: looked up once per rule.
    private static readonly string?[] Common = ByNumber(Names, 256);

    /// <summary><c>proto_to_name</c> of xshared.c: the database's name, else iptables' own (<c>xtables_chain_protos</c>).</summary>
    public static string? Name(int number)
        => (uint)number < (uint)Common.Length ? Common[number] : Names.TryGetValue(number, out var name) ? name : null;

    /// <summary><c>getprotobynumber</c>: the database's name only.</summary>
    public static string? FromDatabase(int number) => Database.TryGetValue(number, out var name) ? name : null;

    private static Dictionary<int, string> Load()
    {
        var names = new Dictionary<int, string>();
        Span<Range> parts = stackalloc Range[3];
        try
        {
            foreach (var raw in File.ReadLines("/etc/protocols", Encoding.Latin1))
            {
                var line = raw.AsSpan();
                int hash = line.IndexOf('#');
                if (hash >= 0)
                {
                    line = line.Slice(0, hash);
                }

                int n = line.SplitAny(parts, " \t", StringSplitOptions.RemoveEmptyEntries);
                if (n >= 2 && int.TryParse(line[parts[1]], out int number))
                {
                    // getprotobynumber() returns the first line with that number.
                    names.TryAdd(number, line[parts[0]].ToString());
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return names;
    }

    private static string?[] ByNumber(Dictionary<int, string> names, int count)
    {
        var byNumber = new string?[count];
        foreach (var (number, name) in names)
        {
            if ((uint)number < (uint)count)
            {
                byNumber[number] = name;
            }
        }

        return byNumber;
    }

    private static Dictionary<int, string> WithChainProtocols(Dictionary<int, string> database)
    {
        var names = new Dictionary<int, string>(database);

        // xtables_chain_protos[], used when the protocols database has no entry.
        foreach (var (number, name) in new[] { (6, "tcp"), (132, "sctp"), (17, "udp"), (136, "udplite"), (1, "icmp"), (58, "ipv6-icmp"), (50, "esp"), (51, "ah"), (135, "mh") })
        {
            names.TryAdd(number, name);
        }

        return names;
    }
}

/// <summary>
/// Connection label names, as libnetfilter_conntrack's label map reads them for the <c>connlabel</c> match
/// (<c>/etc/xtables/connlabel.conf</c>, lines of <c>bit name</c>); without the file, labels are written as numbers.
/// </summary>
internal static class ConnLabels
{
    private static readonly NameMap Names = NameMap.Load("/etc/xtables/connlabel.conf");

    public static string? Name(uint bit) => Names.Name(bit);
}
