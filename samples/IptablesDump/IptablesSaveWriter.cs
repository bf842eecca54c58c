using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump.Extensions;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// Writes ip_tables and ip6_tables tables read through <c>*_SO_GET_INFO</c>/<c>*_SO_GET_ENTRIES</c> as
/// <c>iptables-legacy-save</c> and <c>ip6tables-legacy-save</c> print them (iptables 1.8.9's <c>print_rule4</c>,
/// <c>print_rule6</c> and the extensions' save functions), byte for byte. Every match and target payload is read
/// through its mirror in the catalog (<see cref="XtExtensions"/>); one the catalog does not know, or one too short
/// for its mirror, is written as <c>[unsupported: revision N, data &lt;hex&gt;]</c>, never left out.
/// </summary>
public sealed class IptablesSaveWriter
{
    private readonly SaveText _out;
    private readonly bool _counters;
    private readonly SetNames? _sets;
    private JumpList _jumps;

    /// <summary>Creates a writer.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="counters">Prefix each rule with <c>[packets:bytes]</c>, as <c>iptables-save -c</c> does.</param>
    /// <param name="ipsetSocket">
    /// An IPv4 socket (ipset answers only those) in the tables' network namespace, to ask the kernel the names of the
    /// ipsets that <c>set</c> and <c>SET</c> refer to by index; -1 when there is none.
    /// </param>
    public IptablesSaveWriter(TextWriter output, bool counters = false, int ipsetSocket = -1)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = new SaveText(output);
        _counters = counters;
        _sets = ipsetSocket >= 0 ? new SetNames(ipsetSocket) : null;
    }

    /// <summary>
    /// Writes one table: <c>*name</c>, the chain lines, the rules and <c>COMMIT</c> (no comment lines). The table is
    /// read in one walk before any of its text goes out: a malformed table throws <see cref="XtTableFormatException"/>
    /// and writes nothing of itself.
    /// </summary>
    public void WriteTable(XtTableSnapshot table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Family != XtFamily.IPv4 && table.Family != XtFamily.IPv6)
        {
            throw new ArgumentException("Only ip_tables and ip6_tables snapshots are written as iptables-save; see ArptablesSaveWriter.", nameof(table));
        }

        try
        {
            if (table.Family == XtFamily.IPv4)
            {
                Write<IptEntry>(table);
            }
            else
            {
                Write<Ip6tEntry>(table);
            }
        }
        finally
        {
            // The held text is dropped: it all went out, or, for a table that turned out malformed, none of it.
            _out.Release();
            _jumps.Release();
        }
    }

    // One walk of the entries renders every chain's rules into the held text, in the entries' order, while
    // XtChainFinder finds the chains; jumps are filled in when the chains are known. Then the chain lines go out, and
    // the rules chain by chain in iptables-save's order (built-in chains first, user chains by name).
    private void Write<TEntry>(XtTableSnapshot table)
        where TEntry : unmanaged, IXtEntry
    {
        var blob = table.Entries;
        var matches = new RecentDecoders(ExtensionDecoders.For(table.Family, XtExtensionKind.Match));
        var targets = new RecentDecoders(ExtensionDecoders.For(table.Family, XtExtensionKind.Target));
        var finder = new XtChainFinder<TEntry>(table);
        var starts = new List<TextMark>();

        // The text is about a third of the entries' bytes.
        _out.Hold(table.Size / 2);
        foreach (var e in new XtEntries<TEntry>(blob))
        {
            if (finder.Enter(e))
            {
                starts.Add(new TextMark(_out.Length, _jumps.Count));
            }

            if (finder.IsRule(blob, e))
            {
                WriteRule(table.Family, finder.Current, e, matches, targets);
            }
        }

        // Chain i's rules are the text from its start to the next chain's (the table's closing ERROR entry starts one too).
        var chains = finder.Finish();
        int[] order = XtChainFinder<TEntry>.SaveOrder(chains);
        int header = _out.Length;
        _out.Write('*');
        _out.Write(table.Name);
        _out.Write('\n');
        foreach (int i in order)
        {
            var chain = chains[i];
            _out.Write(':');
            _out.Write(chain.Name);
            if (chain.IsBuiltin)
            {
                var policy = new XtEntries<TEntry>(blob).At(chain.PolicyOffset);
                _out.Write(' ');
                _out.Write(policy.Target.IsStandard ? SaveChains.VerdictName(policy.Target.Verdict) ?? "???" : "???");
                WriteCounters(policy.Counters, " [", "]\n");
            }
            else
            {
                _out.Write(" - [0:0]\n");
            }
        }

        _out.Emit(header, _out.Length);
        _out.Truncate(header);
        foreach (int i in order)
        {
            SaveChains.EmitRules(_out, _jumps, chains, starts[i], starts[i + 1], WriteJump);
        }

        // COMMIT goes out of the held text too: a writer that only holds makes no block of its own.
        _out.Write("COMMIT\n");
        _out.Emit(header, _out.Length);
    }

    // print_rule4/print_rule6: "-g" for a goto, a standard verdict included.
    private static void WriteJump(SaveText o, Jump jump, string? chain)
    {
        if (chain is null)
        {
            o.Write(" [unsupported: jump to offset ");
            o.Int(jump.Verdict);
            o.Write(']');
        }
        else
        {
            o.Write(jump.IsGoto ? " -g " : " -j ");
            o.Write(chain);
        }
    }

    private void WriteRule<TEntry>(XtFamily family, string chain, XtEntry<TEntry> rule, RecentDecoders matches, RecentDecoders targets)
        where TEntry : unmanaged, IXtEntry
    {
        if (_counters)
        {
            WriteCounters(rule.Counters, "[", "] ");
        }

        _out.Write("-A ");
        _out.Write(chain);
        ushort proto;
        if (typeof(TEntry) == typeof(IptEntry))
        {
            ref readonly var ip = ref MemoryMarshal.AsRef<IptEntry>(rule.Bytes).ip;
            proto = ip.proto;
            RuleHeader.WriteIPv4(_out, ip);
        }
        else
        {
            ref readonly var ip6 = ref MemoryMarshal.AsRef<Ip6tEntry>(rule.Bytes).ipv6;
            proto = ip6.proto;
            RuleHeader.WriteIPv6(_out, ip6);
        }

        foreach (var m in rule.Matches)
        {
            var decoder = matches.Find(m.Bytes);
            _out.Write(" -m ");
            WriteName(decoder, m.Bytes, m.Data);
            WritePayload(decoder, family, m.Revision, proto, m.Data);
        }

        var t = rule.Target;
        if (t.IsStandard)
        {
            int verdict = t.Verdict;
            if (verdict < 0)
            {
                if (SaveChains.VerdictName(verdict) is string name)
                {
                    _out.Write(rule.Header.IsGoto ? " -g " : " -j ");
                    _out.Write(name);
                }
                else
                {
                    _out.Write(" [unsupported: verdict ");
                    _out.Int(verdict);
                    _out.Write(']');
                }
            }
            else if (verdict != rule.Offset + rule.Length)
            {
                // A jump: its chain's name is written in when the chains are known.
                _jumps.Add(new Jump(_out.Length, verdict, rule.Header.IsGoto));
            }
        }
        else
        {
            var decoder = targets.Find(t.Bytes);
            _out.Write(" -j ");
            WriteName(decoder, t.Bytes, t.Data);
            WritePayload(decoder, family, t.Revision, proto, t.Data);
        }

        _out.Write('\n');
    }

    // The extension's name, or its alias; the name bytes up to their NUL when no decoder knows it.
    private void WriteName(Decoder? decoder, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> data)
    {
        if (decoder is null)
        {
            _out.CString(extension.Slice(sizeof(ushort), XTables.XT_EXTENSION_MAXNAMELEN));
        }
        else
        {
            _out.Write((decoder.HasAlias ? decoder.Alias(data) : null) ?? decoder.Extension.Name);
        }
    }

    private void WritePayload(Decoder? decoder, XtFamily family, byte revision, ushort proto, ReadOnlySpan<byte> data)
    {
        if (decoder is null || !decoder.Write(_out, data, new SaveContext(family, revision, proto, _sets)))
        {
            _out.Unsupported(revision, data);
        }
    }

    private void WriteCounters(XtCounters c, string open, string close)
    {
        _out.Write(open);
        _out.Num(c.pcnt);
        _out.Write(':');
        _out.Num(c.bcnt);
        _out.Write(close);
    }
}

/// <summary>The address, interface, protocol and fragment part of a rule (<c>save_ipv4_addr</c>, <c>save_ipv6_addr</c>, <c>save_rule_details</c>).</summary>
internal static unsafe class RuleHeader
{
    public static void WriteIPv4(SaveText o, in IptIp ip)
    {
        Address4(o, 's', ip.src, ip.smsk, (ip.invflags & IpTables.IPT_INV_SRCIP) != 0);
        Address4(o, 'd', ip.dst, ip.dmsk, (ip.invflags & IpTables.IPT_INV_DSTIP) != 0);
        Details(o, Bytes(in ip.iniface[0]), Bytes(in ip.iniface_mask[0]), Bytes(in ip.outiface[0]), Bytes(in ip.outiface_mask[0]), ip.proto, ip.invflags);
        if ((ip.flags & IpTables.IPT_F_FRAG) != 0)
        {
            o.Write((ip.invflags & IpTables.IPT_INV_FRAG) != 0 ? " ! -f" : " -f");
        }
    }

    public static void WriteIPv6(SaveText o, in Ip6tIp6 ip)
    {
        Address6(o, 's', Bytes16(in ip.src.s6_addr[0]), Bytes16(in ip.smsk.s6_addr[0]), (ip.invflags & Ip6Tables.IP6T_INV_SRCIP) != 0);
        Address6(o, 'd', Bytes16(in ip.dst.s6_addr[0]), Bytes16(in ip.dmsk.s6_addr[0]), (ip.invflags & Ip6Tables.IP6T_INV_DSTIP) != 0);
        Details(o, Bytes(in ip.iniface[0]), Bytes(in ip.iniface_mask[0]), Bytes(in ip.outiface[0]), Bytes(in ip.outiface_mask[0]), ip.proto, ip.invflags);
        if ((ip.flags & Ip6Tables.IP6T_F_TOS) != 0)
        {
            o.Write((ip.invflags & Ip6Tables.IP6T_INV_TOS) != 0 ? " ! -? " : " -? ");
            o.Int(ip.tos);
        }
    }

    private static ReadOnlySpan<byte> Bytes(in byte first) => MemoryMarshal.CreateReadOnlySpan(in first, IpTables.IFNAMSIZ);

    private static ReadOnlySpan<byte> Bytes16(in byte first) => MemoryMarshal.CreateReadOnlySpan(in first, 16);

    // save_ipv4_addr and mask_to_str of xshared.c: "/32" is written, a mask that is not a prefix is dotted.
    private static void Address4(SaveText o, char letter, Be32 address, Be32 mask, bool invert)
    {
        if (mask.Raw == 0 && address.Raw == 0 && !invert)
        {
            return;
        }

        o.Write(invert ? " ! -" : " -");
        o.Write(letter);
        o.Write(' ');
        o.Ip(address);
        o.Write('/');
        int cidr = SaveText.Cidr(mask.Value);
        if (cidr >= 0)
        {
            o.Num((uint)cidr);
        }
        else
        {
            o.Ip(mask);
        }
    }

    // save_ipv6_addr of xshared.c.
    private static void Address6(SaveText o, char letter, ReadOnlySpan<byte> address, ReadOnlySpan<byte> mask, bool invert)
    {
        int cidr = Inet6.Cidr(mask);
        if (!invert && cidr == 0)
        {
            return;
        }

        o.Write(invert ? " ! -" : " -");
        o.Write(letter);
        o.Write(' ');
        o.Ip6(address);
        o.Write('/');
        if (cidr < 0)
        {
            o.Ip6(mask);
        }
        else
        {
            o.Int(cidr);
        }
    }

    // save_rule_details and save_iface of xshared.c.
    private static void Details(SaveText o, ReadOnlySpan<byte> iniface, ReadOnlySpan<byte> inMask, ReadOnlySpan<byte> outiface, ReadOnlySpan<byte> outMask, ushort proto, byte invflags)
    {
        Interface(o, 'i', iniface, inMask, (invflags & IpTables.IPT_INV_VIA_IN) != 0);
        Interface(o, 'o', outiface, outMask, (invflags & IpTables.IPT_INV_VIA_OUT) != 0);
        if (proto > 0)
        {
            o.Write((invflags & XTables.XT_INV_PROTO) != 0 ? " ! -p " : " -p ");
            if (Protocols.Name(proto) is string name)
            {
                o.Write(name);
            }
            else
            {
                o.Num(proto);
            }
        }
    }

    // The compared bytes of the name, and '+' when the mask stops before the name's NUL.
    private static void Interface(SaveText o, char letter, ReadOnlySpan<byte> name, ReadOnlySpan<byte> mask, bool invert)
    {
        if (mask[0] == 0)
        {
            return;
        }

        o.Write(invert ? " ! -" : " -");
        o.Write(letter);
        o.Write(' ');
        for (int i = 0; i < IpTables.IFNAMSIZ; i++)
        {
            if (mask[i] != 0)
            {
                if (name[i] != 0)
                {
                    o.Write((char)name[i]);
                }
            }
            else
            {
                if (name[i - 1] != 0)
                {
                    o.Write('+');
                }

                break;
            }
        }
    }
}
