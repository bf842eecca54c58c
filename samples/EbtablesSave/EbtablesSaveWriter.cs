using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.EbtablesSave;

/// <summary>
/// Writes an ebtables table as <c>ebtables-legacy-save</c> does (ebtables 2.0.11): the perl script's rewrite of
/// <c>ebtables -t TABLE -L</c> (or <c>-L --Lc</c>), rule by rule in <c>printf</c>'s formats, quirks included (with
/// counters, a rule whose text ends without a space runs into <c>-c</c>). Extensions it does not know, and those whose
/// data is shorter than their struct, are written as <c>[unsupported: NAME]</c>, never dropped.
/// </summary>
public sealed class EbtablesSaveWriter
{
    private const uint EBT_NOPROTO = 0x02, EBT_802_3 = 0x04, EBT_SOURCEMAC = 0x08, EBT_DESTMAC = 0x10;
    private const uint EBT_IPROTO = 0x01, EBT_IIN = 0x02, EBT_IOUT = 0x04, EBT_ISOURCE = 0x08, EBT_IDEST = 0x10, EBT_ILOGICALIN = 0x20, EBT_ILOGICALOUT = 0x40;
    private const byte EBT_IP_SOURCE = 0x01, EBT_IP_DEST = 0x02, EBT_IP_TOS = 0x04, EBT_IP_PROTO = 0x08, EBT_IP_SPORT = 0x10, EBT_IP_DPORT = 0x20;
    private const byte EBT_MARK_OR = 0x02;
    private const uint EBT_LOG_IP = 0x01, EBT_LOG_ARP = 0x02, EBT_LOG_IP6 = 0x08;
    private const int EBT_VERDICT_BITS = 0x0000000F, NAT_ARP_BIT = 0x10;
    private const int MARK_SET_VALUE = unchecked((int)0xfffffff0), MARK_OR_VALUE = unchecked((int)0xffffffe0), MARK_AND_VALUE = unchecked((int)0xffffffd0), MARK_XOR_VALUE = unchecked((int)0xffffffc0);
    private const uint EBT_LIMIT_SCALE = 10000;
    private const byte IF_WILDCARD = 1;

    private static readonly string[] StandardTargets = ["ACCEPT", "DROP", "CONTINUE", "RETURN"];
    private static readonly string[] PacketClasses = ["host", "broadcast", "multicast", "otherhost", "outgoing", "loopback", "fastroute"];
    private static readonly string[] LogLevels = ["emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"];
    private static readonly (string Name, uint Mult)[] Rates = [("day", EBT_LIMIT_SCALE * 24 * 60 * 60), ("hour", EBT_LIMIT_SCALE * 60 * 60), ("min", EBT_LIMIT_SCALE * 60), ("sec", EBT_LIMIT_SCALE)];

    private readonly TextWriter _output;
    private readonly bool _counters;
    private readonly IReadOnlyDictionary<ushort, string> _ethertypes;
    private readonly IReadOnlyDictionary<int, string> _protocols;

    /// <summary>Writes to <paramref name="output"/>, with counters (<c>EBTABLES_SAVE_COUNTER=yes</c>) when <paramref name="counters"/>.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="counters">Whether rules carry <c>-c PCNT BCNT</c>.</param>
    /// <param name="ethertypes">Names of Ethernet types, as <c>/etc/ethertypes</c> gives them (<see cref="ReadEthertypes"/>).</param>
    /// <param name="protocols">Names of IP protocols, as <c>/etc/protocols</c> gives them (<see cref="ReadProtocols"/>).</param>
    public EbtablesSaveWriter(TextWriter output, bool counters, IReadOnlyDictionary<ushort, string> ethertypes, IReadOnlyDictionary<int, string> protocols)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _counters = counters;
        _ethertypes = ethertypes ?? throw new ArgumentNullException(nameof(ethertypes));
        _protocols = protocols ?? throw new ArgumentNullException(nameof(protocols));
    }

    /// <summary>
    /// Writes <paramref name="table"/>: <c>*name</c>, the chains with their policies, the rules, an empty line. The table
    /// is read whole before any of its text goes out: a malformed table throws <see cref="XtTableFormatException"/> and
    /// writes nothing of itself.
    /// </summary>
    /// <exception cref="XtTableFormatException">
    /// The entries are malformed, a jump lands on no chain, or (with counters) a chain's rules run past the table's counters.
    /// </exception>
    public void WriteTable(EbtTableSnapshot table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.Append('*').Append(table.Name).Append('\n');
        EbtEntriesBlob blob = table.GetChains();
        foreach (EbtChain chain in blob)
        {
            text.Append(':').Append(Ascii(chain.Name)).Append(' ').Append(TargetName(chain.Policy)).Append('\n');
        }

        var line = new StringBuilder();
        foreach (EbtChain chain in blob)
        {
            int index = chain.CounterOffset;
            if (_counters && (long)(uint)index + (uint)chain.RuleCount > table.Counters.Length)
            {
                throw new XtTableFormatException($"Chain's {chain.RuleCount} rules from counter_offset {(uint)index} run past the table's {table.Counters.Length} counters", chain.Offset);
            }

            foreach (EbtRule rule in chain.Rules)
            {
                line.Clear();
                AppendRule(line, rule, blob);
                if (_counters)
                {
                    EbtCounter c = table.Counters[index];
                    line.Append(CultureInfo.InvariantCulture, $"-c {c.pcnt} {c.bcnt}");
                }
                else if (line.Length > 0 && line[^1] == ' ')
                {
                    line.Length--;
                }

                text.Append("-A ").Append(Ascii(chain.Name)).Append(' ').Append(line).Append('\n');
                index++;
            }
        }

        text.Append('\n');
        _output.Write(text);
    }

    /// <summary>Names by number from an <c>/etc/ethertypes</c>-style file (the first name of each line wins, as in ebtables' lookup).</summary>
    public static Dictionary<ushort, string> ReadEthertypes(string path = "/etc/ethertypes")
    {
        var names = new Dictionary<ushort, string>();
        foreach (string[] f in Fields(path))
        {
            if (f.Length >= 2 && ushort.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort number))
            {
                names.TryAdd(number, f[0]);
            }
        }

        return names;
    }

    /// <summary>Names by number from an <c>/etc/protocols</c>-style file (what <c>getprotobynumber</c> answers).</summary>
    public static Dictionary<int, string> ReadProtocols(string path = "/etc/protocols")
    {
        var names = new Dictionary<int, string>();
        foreach (string[] f in Fields(path))
        {
            if (f.Length >= 2 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                names.TryAdd(number, f[0]);
            }
        }

        return names;
    }

    private static IEnumerable<string[]> Fields(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (string raw in File.ReadLines(path))
        {
            int hash = raw.IndexOf('#', StringComparison.Ordinal);
            string[] f = (hash < 0 ? raw : raw.Substring(0, hash)).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 0)
            {
                yield return f;
            }
        }
    }

    // ebtables.c list_em(): the base fields, the matches, the watchers, then "-j" and the target.
    private void AppendRule(StringBuilder s, EbtRule rule, EbtEntriesBlob blob)
    {
        ref readonly EbtEntry e = ref rule.Header;
        if ((e.bitmask & EBT_NOPROTO) == 0)
        {
            s.Append("-p ").Append((e.invflags & EBT_IPROTO) != 0 ? "! " : string.Empty);
            if ((e.bitmask & EBT_802_3) != 0)
            {
                s.Append("Length ");
            }
            else
            {
                s.Append(_ethertypes.TryGetValue(e.ethproto.Value, out string? name) ? name : $"0x{e.ethproto.Value:x}").Append(' ');
            }
        }

        ReadOnlySpan<byte> raw = rule.Bytes;
        if ((e.bitmask & EBT_SOURCEMAC) != 0)
        {
            s.Append("-s ").Append((e.invflags & EBT_ISOURCE) != 0 ? "! " : string.Empty);
            AppendMacAndMask(s, raw.Slice(EbtEntry.Offsets.sourcemac, 6), raw.Slice(EbtEntry.Offsets.sourcemsk, 6));
            s.Append(' ');
        }

        if ((e.bitmask & EBT_DESTMAC) != 0)
        {
            s.Append("-d ").Append((e.invflags & EBT_IDEST) != 0 ? "! " : string.Empty);
            AppendMacAndMask(s, raw.Slice(EbtEntry.Offsets.destmac, 6), raw.Slice(EbtEntry.Offsets.destmsk, 6));
            s.Append(' ');
        }

        AppendInterface(s, "-i ", EBT_IIN, raw.Slice(EbtEntry.Offsets.@in, 16), e.invflags);
        AppendInterface(s, "--logical-in ", EBT_ILOGICALIN, raw.Slice(EbtEntry.Offsets.logical_in, 16), e.invflags);
        AppendInterface(s, "--logical-out ", EBT_ILOGICALOUT, raw.Slice(EbtEntry.Offsets.logical_out, 16), e.invflags);
        AppendInterface(s, "-o ", EBT_IOUT, raw.Slice(EbtEntry.Offsets.@out, 16), e.invflags);

        foreach (EbtExtension m in rule.Matches)
        {
            AppendMatch(s, m);
        }

        foreach (EbtExtension w in rule.Watchers)
        {
            AppendWatcher(s, w);
        }

        EbtExtension t = rule.Target;
        s.Append("-j ");
        if (!t.Name.SequenceEqual("standard"u8))
        {
            s.Append(Ascii(t.Name)).Append(' ');
        }

        AppendTarget(s, t, blob);
    }

    private static void AppendInterface(StringBuilder s, string option, uint inverse, ReadOnlySpan<byte> name, uint invflags)
    {
        if (name[0] == 0)
        {
            return;
        }

        s.Append(option).Append((invflags & inverse) != 0 ? "! " : string.Empty);
        foreach (byte b in name)
        {
            if (b == 0)
            {
                break;
            }

            s.Append(b == IF_WILDCARD ? '+' : (char)b);
        }

        s.Append(' ');
    }

    private void AppendMatch(StringBuilder s, EbtExtension m)
    {
        if (m.Name.SequenceEqual("ip"u8) && m.Data.Length >= EbtIpInfo.SizeOf)
        {
            EbtIpInfo ip = EbtIpInfo.Read(m.Data);
            if ((ip.bitmask & EBT_IP_SOURCE) != 0)
            {
                s.Append("--ip-src ").Append((ip.invflags & EBT_IP_SOURCE) != 0 ? "! " : string.Empty);
                s.Append(new InAddr { s_addr = ip.saddr }.ToString()).Append(MaskToDotted(ip.smsk)).Append(' ');
            }

            if ((ip.bitmask & EBT_IP_DEST) != 0)
            {
                s.Append("--ip-dst ").Append((ip.invflags & EBT_IP_DEST) != 0 ? "! " : string.Empty);
                s.Append(new InAddr { s_addr = ip.daddr }.ToString()).Append(MaskToDotted(ip.dmsk)).Append(' ');
            }

            if ((ip.bitmask & EBT_IP_TOS) != 0)
            {
                s.Append("--ip-tos ").Append((ip.invflags & EBT_IP_TOS) != 0 ? "! " : string.Empty).Append(CultureInfo.InvariantCulture, $"0x{ip.tos:X2} ");
            }

            if ((ip.bitmask & EBT_IP_PROTO) != 0)
            {
                s.Append("--ip-proto ").Append((ip.invflags & EBT_IP_PROTO) != 0 ? "! " : string.Empty);
                s.Append(_protocols.TryGetValue(ip.protocol, out string? name) ? name : ip.protocol.ToString(CultureInfo.InvariantCulture)).Append(' ');
            }

            unsafe
            {
                if ((ip.bitmask & EBT_IP_SPORT) != 0)
                {
                    s.Append("--ip-sport ").Append((ip.invflags & EBT_IP_SPORT) != 0 ? "! " : string.Empty);
                    AppendPortRange(s, ip.sport[0], ip.sport[1]);
                }

                if ((ip.bitmask & EBT_IP_DPORT) != 0)
                {
                    s.Append("--ip-dport ").Append((ip.invflags & EBT_IP_DPORT) != 0 ? "! " : string.Empty);
                    AppendPortRange(s, ip.dport[0], ip.dport[1]);
                }
            }
        }
        else if (m.Name.SequenceEqual("mark_m"u8) && m.Data.Length >= EbtMarkMatchInfo.SizeOf)
        {
            EbtMarkMatchInfo mark = EbtMarkMatchInfo.Read(m.Data);
            s.Append("--mark ").Append(mark.invert != 0 ? "! " : string.Empty);
            if (mark.bitmask == EBT_MARK_OR)
            {
                s.Append(CultureInfo.InvariantCulture, $"/0x{(ulong)mark.mask:x} ");
            }
            else if (mark.mask != 0xffffffff)
            {
                s.Append(CultureInfo.InvariantCulture, $"0x{(ulong)mark.mark:x}/0x{(ulong)mark.mask:x} ");
            }
            else
            {
                s.Append(CultureInfo.InvariantCulture, $"0x{(ulong)mark.mark:x} ");
            }
        }
        else if (m.Name.SequenceEqual("pkttype"u8) && m.Data.Length >= EbtPktTypeInfo.SizeOf)
        {
            EbtPktTypeInfo pt = EbtPktTypeInfo.Read(m.Data);
            s.Append("--pkttype-type ").Append(pt.invert != 0 ? "! " : string.Empty);
            s.Append(pt.pkt_type < PacketClasses.Length ? PacketClasses[pt.pkt_type] : pt.pkt_type.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }
        else if (m.Name.SequenceEqual("limit"u8) && m.Data.Length >= EbtLimitInfo.SizeOf && EbtLimitInfo.Read(m.Data) is { avg: not 0 } limit)
        {
            s.Append("--limit ");
            AppendRate(s, limit.avg);
            s.Append(CultureInfo.InvariantCulture, $"--limit-burst {limit.burst} ");
        }
        else
        {
            s.Append("[unsupported: ").Append(Ascii(m.Name)).Append("] ");
        }
    }

    private static void AppendWatcher(StringBuilder s, EbtExtension w)
    {
        if (w.Name.SequenceEqual("log"u8) && w.Data.Length >= EbtLogInfo.SizeOf)
        {
            EbtLogInfo log = EbtLogInfo.Read(w.Data);
            string level = log.loglevel < LogLevels.Length ? LogLevels[log.loglevel] : "(null)";
            s.Append($"--log-level {level} --log-prefix \"{log.GetPrefix()}\"");
            s.Append((log.bitmask & EBT_LOG_IP) != 0 ? " --log-ip" : string.Empty);
            s.Append((log.bitmask & EBT_LOG_ARP) != 0 ? " --log-arp" : string.Empty);
            s.Append((log.bitmask & EBT_LOG_IP6) != 0 ? " --log-ip6" : string.Empty);
            s.Append(' ');
        }
        else
        {
            s.Append("[unsupported: ").Append(Ascii(w.Name)).Append("] ");
        }
    }

    private static void AppendTarget(StringBuilder s, EbtExtension t, EbtEntriesBlob blob)
    {
        if (t.IsStandard)
        {
            int verdict = t.Verdict;
            if (verdict >= 0)
            {
                s.Append(Ascii(blob.FindChain(verdict).Name));
            }
            else
            {
                s.Append(TargetName(verdict)).Append(' ');
            }
        }
        else if (t.Name.SequenceEqual("mark"u8) && t.Data.Length >= EbtMarkTargetInfo.SizeOf)
        {
            EbtMarkTargetInfo mark = EbtMarkTargetInfo.Read(t.Data);
            s.Append((mark.target & ~EBT_VERDICT_BITS) switch
            {
                MARK_SET_VALUE => "--mark-set",
                MARK_OR_VALUE => "--mark-or",
                MARK_XOR_VALUE => "--mark-xor",
                MARK_AND_VALUE => "--mark-and",
                _ => "[unknown mark action]",
            });
            s.Append(CultureInfo.InvariantCulture, $" 0x{(ulong)mark.mark:x} --mark-target {TargetName(mark.target | ~EBT_VERDICT_BITS)}");
        }
        else if ((t.Name.SequenceEqual("snat"u8) || t.Name.SequenceEqual("dnat"u8)) && t.Data.Length >= EbtNatInfo.SizeOf)
        {
            EbtNatInfo nat = EbtNatInfo.Read(t.Data);
            ReadOnlySpan<byte> mac = t.Data.Slice(EbtNatInfo.Offsets.mac, 6);
            if (t.Name[0] == (byte)'s')
            {
                s.Append("--to-src ").Append(EtherNtoa(mac));
                s.Append((nat.target & NAT_ARP_BIT) == 0 ? " --snat-arp" : string.Empty);
                s.Append(" --snat-target ").Append(TargetName(nat.target | ~EBT_VERDICT_BITS));
            }
            else
            {
                s.Append("--to-dst ").Append(EtherNtoa(mac)).Append(" --dnat-target ").Append(TargetName(nat.target));
            }
        }
        else if (t.Name.SequenceEqual("redirect"u8) && t.Data.Length >= EbtRedirectInfo.SizeOf)
        {
            int target = EbtRedirectInfo.Read(t.Data).target;
            if (target != Ebtables.EBT_ACCEPT)
            {
                s.Append(" --redirect-target ").Append(TargetName(target));
            }
        }
        else
        {
            s.Append("[unsupported: ").Append(Ascii(t.Name)).Append(']');
        }
    }

    // limit's print_rate(): the largest unit that still gives a whole, exact-enough count. It divides by the period: one of
    // 0, which the kernel takes, has no text (ebtables dies of SIGFPE) and is written as unsupported.
    private static void AppendRate(StringBuilder s, uint period)
    {
        int i;
        for (i = 1; i < Rates.Length; i++)
        {
            if (period > Rates[i].Mult || Rates[i].Mult / period < Rates[i].Mult % period)
            {
                break;
            }
        }

        s.Append(CultureInfo.InvariantCulture, $"{Rates[i - 1].Mult / period}/{Rates[i - 1].Name} ");
    }

    private static void AppendPortRange(StringBuilder s, ushort low, ushort high)
        => s.Append(low == high ? $"{low} " : $"{low}:{high} ");

    // useful_functions.c ebt_print_mac_and_mask(): the four named MAC classes, else MAC[/MASK] in ether_ntoa's form.
    private static void AppendMacAndMask(StringBuilder s, ReadOnlySpan<byte> mac, ReadOnlySpan<byte> mask)
    {
        ReadOnlySpan<byte> unicastMac = [0, 0, 0, 0, 0, 0], classMask = [1, 0, 0, 0, 0, 0], multicastMac = [1, 0, 0, 0, 0, 0];
        ReadOnlySpan<byte> all = [255, 255, 255, 255, 255, 255], bridgeGroup = [0x01, 0x80, 0xc2, 0, 0, 0];
        if (mac.SequenceEqual(unicastMac) && mask.SequenceEqual(classMask))
        {
            s.Append("Unicast");
        }
        else if (mac.SequenceEqual(multicastMac) && mask.SequenceEqual(classMask))
        {
            s.Append("Multicast");
        }
        else if (mac.SequenceEqual(all) && mask.SequenceEqual(all))
        {
            s.Append("Broadcast");
        }
        else if (mac.SequenceEqual(bridgeGroup) && mask.SequenceEqual(all))
        {
            s.Append("BGA");
        }
        else
        {
            s.Append(EtherNtoa(mac));
            if (!mask.SequenceEqual(all))
            {
                s.Append('/').Append(EtherNtoa(mask));
            }
        }
    }

    private static string EtherNtoa(ReadOnlySpan<byte> mac)
        => string.Create(CultureInfo.InvariantCulture, $"{mac[0]:x}:{mac[1]:x}:{mac[2]:x}:{mac[3]:x}:{mac[4]:x}:{mac[5]:x}");

    // useful_functions.c ebt_mask_to_dotted(): "" for /32, "/N" for a prefix, the dotted mask otherwise.
    private static string MaskToDotted(Be32 mask)
    {
        if (mask.Value == 0xFFFFFFFF)
        {
            return string.Empty;
        }

        uint maskaddr = mask.Value;
        uint bits = 0xFFFFFFFE;
        int i = 32;
        while (--i >= 0 && maskaddr != bits)
        {
            bits <<= 1;
        }

        return i > 0 ? $"/{i}" : i == 0 ? string.Empty : $"/{new InAddr { s_addr = mask }}";
    }

    private static string TargetName(int verdict)
        => -verdict - 1 is int i && i >= 0 && i < StandardTargets.Length ? StandardTargets[i] : verdict.ToString(CultureInfo.InvariantCulture);

    private static string Ascii(ReadOnlySpan<byte> name) => Encoding.ASCII.GetString(name);
}
