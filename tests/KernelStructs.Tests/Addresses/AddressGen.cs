using System;
using System.Linq;
using CsCheck;

namespace KernelStructs.Tests.Addresses;

/// <summary>Generators of address text, valid and invalid, for the differential tests.</summary>
internal static class AddressGen
{
    private const string V4Noise = "0123456789.:x \n-+a\u00e9";
    private const string V6Noise = "0123456789abcdefABCDEF:.xg% \n";

    private static readonly Gen<string> Octet = Gen.Frequency(
        (6, Gen.Int[0, 255].Select(i => i.ToString())),
        (1, Gen.Int[256, 999].Select(i => i.ToString())),
        (1, Gen.Int[0, 255].Select(Gen.Int[1, 3], (i, zeros) => new string('0', zeros) + i)),
        (1, Gen.Const("")));

    /// <summary>Dotted quads, most of them valid, some with bad octets, missing or extra ones.</summary>
    private static readonly Gen<string> DottedDecimal = Gen.Frequency(
        (8, Gen.Byte.Array[4].Select(b => string.Join('.', b))),
        (4, Octet.Array[4].Select(o => string.Join('.', o))),
        (2, Octet.Array[1, 6].Select(o => string.Join('.', o))));

    public static readonly Gen<string> IPv4 = Gen.Frequency(
        (6, DottedDecimal),
        (3, Mutate(DottedDecimal, V4Noise)),
        (1, Gen.Char[V4Noise].Array[0, 18].Select(c => new string(c))));

    private static readonly Gen<byte[]> V6Bytes = Gen.Frequency(
        (4, Gen.Byte.Array[16]),
        // Runs of zero groups, for "::".
        (6, Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 255], (b, zeroMask) =>
        {
            for (int g = 0; g < 8; g++)
                if ((zeroMask & (1 << g)) != 0)
                    b[2 * g] = b[2 * g + 1] = 0;
            return b;
        })),
        // Groups below 0x1000, for leading zeros.
        (2, Gen.Byte.Array[16].Select(b => { for (int i = 0; i < 16; i += 2) b[i] &= 0x0F; return b; })),
        // ::ffff:a.b.c.d, ::a.b.c.d, ISATAP.
        (2, Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 3], (b, kind) =>
        {
            switch (kind)
            {
                case 0: Array.Clear(b, 0, 10); b[10] = b[11] = 0xFF; break;
                case 1: Array.Clear(b, 0, 12); break;
                default: b[8] = (byte)(kind == 2 ? 0 : 2); b[9] = 0; b[10] = 0x5E; b[11] = 0xFE; break;
            }
            return b;
        })));

    public static readonly Gen<byte[]> IPv6Address = V6Bytes;

    /// <summary>IPv6 text in many spellings: compressed, full, with leading zeros, mixed case, embedded dotted quad.</summary>
    private static readonly Gen<string> V6Text = Gen.Select(V6Bytes, Gen.Int[0, 5], Gen.Int[0, int.MaxValue], (b, style, seed) =>
    {
        var rnd = new Random(seed);
        string[] groups = Enumerable.Range(0, 8).Select(g => ((b[2 * g] << 8) | b[2 * g + 1]).ToString("x")).ToArray();
        switch (style)
        {
            case 0: return Glibc.Ntop(Glibc.AF_INET6, b);
            case 1: return string.Join(':', groups.Select(g => g.PadLeft(4, '0')));
            case 2: return string.Join(':', groups.Select(g => new string('0', rnd.Next(0, 3)) + g)); // 5+ digits sometimes
            case 3:
            {
                string s = Glibc.Ntop(Glibc.AF_INET6, b);
                return new string(s.Select(c => rnd.Next(2) == 0 ? char.ToUpperInvariant(c) : c).ToArray());
            }
            case 4:
            {
                // Six groups and a dotted quad, with a random run of zero groups compressed (or none, or an empty one).
                string quad = $"{b[12]}.{b[13]}.{b[14]}.{b[15]}";
                var six = groups.Take(6).ToList();
                int from = rnd.Next(0, 7), len = rnd.Next(0, 7 - from);
                if (rnd.Next(3) == 0)
                    return string.Join(':', six) + ":" + quad;
                string head = string.Join(':', six.Take(from));
                string tail = string.Join(':', six.Skip(from + len));
                return head + "::" + tail + (tail.Length > 0 ? ":" : "") + quad;
            }
            default:
            {
                // Any run of groups compressed, including one group or none ("::" standing for nothing).
                int from = rnd.Next(0, 9), len = rnd.Next(0, 9 - from);
                return string.Join(':', groups.Take(from)) + "::" + string.Join(':', groups.Skip(from + len));
            }
        }
    });

    private static readonly Gen<string> V6Tokens = Gen.OneOf(
            Gen.Const(":"), Gen.Const("::"), Gen.Const("."), Gen.Const("0"), Gen.Const("00000"),
            Gen.Int[0, 0x1FFFF].Select(i => i.ToString("x")), Gen.Byte.Array[4].Select(q => string.Join('.', q)))
        .Array[0, 12].Select(t => string.Concat(t));

    public static readonly Gen<string> IPv6 = Gen.Frequency(
        (6, V6Text),
        (3, Mutate(V6Text, V6Noise)),
        (2, V6Tokens),
        (1, Gen.Char[V6Noise].Array[0, 24].Select(c => new string(c))));

    /// <summary>Inserts, deletes or replaces one character.</summary>
    private static Gen<string> Mutate(Gen<string> source, string alphabet) =>
        Gen.Select(source, Gen.Int[0, 2], Gen.Int[0, 64], Gen.Char[alphabet], (s, op, at, c) =>
        {
            int i = s.Length == 0 ? 0 : at % (s.Length + (op == 0 ? 1 : 0));
            return op switch
            {
                0 => s.Insert(i, c.ToString()),
                1 when s.Length > 0 => s.Remove(i, 1),
                _ when s.Length > 0 => s.Remove(i, 1).Insert(i, c.ToString()),
                _ => c.ToString(),
            };
        });
}
