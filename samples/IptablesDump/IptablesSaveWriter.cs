using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// Writes IPv4 legacy tables read through <c>IPT_SO_GET_INFO</c>/<c>IPT_SO_GET_ENTRIES</c> in the
/// format of <c>iptables-legacy-save</c>, byte for byte for the matches and targets it knows
/// (see README.md). A match or target it does not know, or a revision it does not decode, is written
/// as <c>[unsupported: ...]</c> with its raw bytes in hex, never left out.
/// </summary>
public sealed class IptablesSaveWriter
{
    private readonly TextWriter _out;
    private readonly bool _counters;

    /// <summary>Creates a writer.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="counters">Prefix each rule with <c>[packets:bytes]</c>, as <c>iptables-save -c</c> does.</param>
    public IptablesSaveWriter(TextWriter output, bool counters = false)
    {
        _out = output ?? throw new ArgumentNullException(nameof(output));
        _counters = counters;
    }

    /// <summary>Writes one table: <c>*name</c>, the chain lines, the rules and <c>COMMIT</c> (no comment lines).</summary>
    public void WriteTable(XtTableSnapshot table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Family != XtFamily.IPv4)
        {
            throw new ArgumentException("Only ip_tables (IPv4) snapshots are supported.", nameof(table));
        }

        var chains = table.GetChains<IptEntry>();
        var byOffset = (XtChain[])chains.Clone();
        Array.Sort(byOffset, static (a, b) => a.HeadOffset.CompareTo(b.HeadOffset));
        var entries = new XtEntries<IptEntry>(table.Entries);

        _out.Write('*');
        _out.Write(table.Name);
        _out.Write('\n');

        foreach (var chain in chains)
        {
            _out.Write(':');
            _out.Write(chain.Name);
            if (chain.IsBuiltin)
            {
                var policy = entries.At(chain.PolicyOffset);
                _out.Write(' ');
                _out.Write(policy.Target.IsStandard ? VerdictName(policy.Target.Verdict) ?? "???" : "???");
                WriteCounters(policy.Counters, " [", "]\n");
            }
            else
            {
                _out.Write(" - [0:0]\n");
            }
        }

        foreach (var chain in chains)
        {
            foreach (var rule in new XtEntries<IptEntry>(table.Entries, chain.RulesOffset, chain.PolicyOffset))
            {
                WriteRule(chain.Name, rule, byOffset);
            }
        }

        _out.Write("COMMIT\n");
    }

    private void WriteRule(string chain, XtEntry<IptEntry> rule, XtChain[] byOffset)
    {
        ref readonly IptEntry e = ref rule.Header;
        if (_counters)
        {
            WriteCounters(e.counters, "[", "] ");
        }

        _out.Write("-A ");
        _out.Write(chain);

        WriteIp("-s", e.ip.src, e.ip.smsk, (e.ip.invflags & IpTables.IPT_INV_SRCIP) != 0);
        WriteIp("-d", e.ip.dst, e.ip.dmsk, (e.ip.invflags & IpTables.IPT_INV_DSTIP) != 0);
        WriteIface('i', e.ip, input: true, (e.ip.invflags & IpTables.IPT_INV_VIA_IN) != 0);
        WriteIface('o', e.ip, input: false, (e.ip.invflags & IpTables.IPT_INV_VIA_OUT) != 0);
        WriteProto(e.ip.proto, (e.ip.invflags & IpTables.IPT_INV_PROTO) != 0);
        if ((e.ip.flags & IpTables.IPT_F_FRAG) != 0)
        {
            _out.Write((e.ip.invflags & IpTables.IPT_INV_FRAG) != 0 ? " ! -f" : " -f");
        }

        foreach (var m in rule.Matches)
        {
            WriteMatch(m, e.ip.proto);
        }

        var t = rule.Target;
        if (t.IsStandard)
        {
            int verdict = t.Verdict;
            if (verdict < 0)
            {
                _out.Write(" -j ");
                _out.Write(VerdictName(verdict) ?? $"[unsupported: verdict {verdict}]");
            }
            else if (verdict != rule.Offset + rule.Length)
            {
                // A jump; a verdict that points to the next entry is a rule without a target.
                _out.Write((e.ip.flags & IpTables.IPT_F_GOTO) != 0 ? " -g " : " -j ");
                _out.Write(ChainAt(byOffset, verdict) ?? $"[unsupported: jump to offset {verdict}]");
            }
        }
        else
        {
            WriteTarget(t, e.ip.proto);
        }

        _out.Write('\n');
    }

    private static string? VerdictName(int verdict) => verdict switch
    {
        -XTables.NF_ACCEPT - 1 => "ACCEPT",
        -XTables.NF_DROP - 1 => "DROP",
        -XTables.NF_QUEUE - 1 => "QUEUE",
        XTables.XT_RETURN => "RETURN",
        _ => null,
    };

    private static string? ChainAt(XtChain[] byOffset, int offset)
    {
        int lo = 0, hi = byOffset.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var c = byOffset[mid];
            if (offset < c.HeadOffset)
            {
                hi = mid - 1;
            }
            else if (offset >= c.EndOffset)
            {
                lo = mid + 1;
            }
            else
            {
                return c.Name;
            }
        }

        return null;
    }

    // print_ip() of iptables.c: address, then /32, /prefix, or a dotted mask that is not a prefix.
    private void WriteIp(string option, Be32 ip, Be32 mask, bool invert)
    {
        if (mask.Raw == 0 && ip.Raw == 0 && !invert)
        {
            return;
        }

        _out.Write(invert ? " ! " : " ");
        _out.Write(option);
        _out.Write(' ');
        WriteDotted(ip.Value);
        uint hmask = mask.Value;
        if (hmask == 0xFFFFFFFF)
        {
            _out.Write("/32");
            return;
        }

        int i = 32;
        uint bits = 0xFFFFFFFE;
        while (--i >= 0 && hmask != bits)
        {
            bits <<= 1;
        }

        _out.Write('/');
        if (i >= 0)
        {
            WriteNum((uint)i);
        }
        else
        {
            WriteDotted(hmask);
        }
    }

    // The kernel's %pI4, which is what iptables prints for an address or a non-prefix mask.
    private void WriteDotted(uint host)
    {
        Span<char> text = stackalloc char[15];
        new InAddr(new Be32(host)).TryFormat(text, out int length);
        _out.Write(text.Slice(0, length));
    }

    // print_iface() of iptables.c: the compared bytes, and '+' when the mask stops before the name's NUL.
    private unsafe void WriteIface(char letter, in IptIp ip, bool input, bool invert)
    {
        fixed (IptIp* p = &ip)
        {
            byte* name = input ? p->iniface : p->outiface;
            byte* mask = input ? p->iniface_mask : p->outiface_mask;
            if (mask[0] == 0)
            {
                return;
            }

            _out.Write(invert ? " ! -" : " -");
            _out.Write(letter);
            _out.Write(' ');
            for (int i = 0; i < IpTables.IFNAMSIZ; i++)
            {
                if (mask[i] != 0)
                {
                    if (name[i] != 0)
                    {
                        _out.Write((char)name[i]);
                    }
                }
                else
                {
                    if (name[i - 1] != 0)
                    {
                        _out.Write('+');
                    }

                    break;
                }
            }
        }
    }

    private void WriteProto(ushort proto, bool invert)
    {
        if (proto == 0)
        {
            return;
        }

        _out.Write(invert ? " ! -p " : " -p ");
        string? name = Protocols.Name(proto);
        if (name is not null)
        {
            _out.Write(name);
        }
        else
        {
            WriteNum(proto);
        }
    }

    private void WriteMatch(XtMatch m, ushort proto)
    {
        var name = m.Name;
        var data = m.Data;
        byte rev = m.Revision;

        if (name.SequenceEqual("tcp"u8) && rev == 0 && data.Length >= 12)
        {
            _out.Write(" -m tcp");
            WriteTcpUdp(data, tcp: true);
        }
        else if (name.SequenceEqual("udp"u8) && rev == 0 && data.Length >= 10)
        {
            _out.Write(" -m udp");
            WriteTcpUdp(data, tcp: false);
        }
        else if (name.SequenceEqual("multiport"u8) && rev == 1 && data.Length >= 2 + 30 + 15 + 1)
        {
            _out.Write(" -m multiport");
            WriteMultiport(data);
        }
        else if (name.SequenceEqual("comment"u8) && rev == 0 && data.Length >= 256)
        {
            _out.Write(" -m comment --comment");
            WriteSaveString(CString(data.Slice(0, 256)));
        }
        else if (name.SequenceEqual("state"u8) && rev == 0 && data.Length >= 4)
        {
            _out.Write(" -m state --state ");
            WriteStates(MemoryMarshal.Read<uint>(data), ",");
        }
        else if (name.SequenceEqual("conntrack"u8) && rev is 1 or 2 or 3 && TryWriteConntrack(data, rev))
        {
        }
        else if (name.SequenceEqual("mark"u8) && rev == 1 && data.Length >= 9)
        {
            uint mark = MemoryMarshal.Read<uint>(data);
            uint mask = MemoryMarshal.Read<uint>(data.Slice(4));
            _out.Write(data[8] != 0 ? " -m mark ! --mark" : " -m mark --mark");
            WriteMark(mark, mask, always: false);
        }
        else
        {
            _out.Write(" -m ");
            WriteAscii(name);
            WriteUnsupported(rev, data);
        }
    }

    // tcp_save()/udp_save() of libxt_tcp.c/libxt_udp.c: struct xt_tcp { __u16 spts[2], dpts[2]; __u8 option, flg_mask, flg_cmp, invflags; }
    private void WriteTcpUdp(ReadOnlySpan<byte> d, bool tcp)
    {
        ushort s0 = MemoryMarshal.Read<ushort>(d), s1 = MemoryMarshal.Read<ushort>(d.Slice(2));
        ushort d0 = MemoryMarshal.Read<ushort>(d.Slice(4)), d1 = MemoryMarshal.Read<ushort>(d.Slice(6));
        byte inv = tcp ? d[11] : d[8];
        WritePorts("--sport", s0, s1, (inv & 0x01) != 0);
        WritePorts("--dport", d0, d1, (inv & 0x02) != 0);
        if (!tcp)
        {
            return;
        }

        byte option = d[8], flgMask = d[9], flgCmp = d[10];
        if (option != 0 || (inv & 0x08) != 0)
        {
            _out.Write((inv & 0x08) != 0 ? " ! --tcp-option " : " --tcp-option ");
            WriteNum(option);
        }

        if (flgMask != 0 || (inv & 0x04) != 0)
        {
            _out.Write((inv & 0x04) != 0 ? " ! --tcp-flags " : " --tcp-flags ");
            WriteTcpFlags(flgMask);
            _out.Write(' ');
            WriteTcpFlags(flgCmp);
        }
    }

    private void WritePorts(string option, ushort min, ushort max, bool invert)
    {
        if (min == 0 && max == 0xFFFF)
        {
            return;
        }

        _out.Write(invert ? " ! " : " ");
        _out.Write(option);
        _out.Write(' ');
        WriteNum(min);
        if (min != max)
        {
            _out.Write(':');
            WriteNum(max);
        }
    }

    private static readonly (string Name, byte Flag)[] TcpFlags =
        { ("FIN", 0x01), ("SYN", 0x02), ("RST", 0x04), ("PSH", 0x08), ("ACK", 0x10), ("URG", 0x20) };

    // print_tcpf(): lowest flag first, NONE for none; bits above URG have no name and print nothing.
    private void WriteTcpFlags(byte flags)
    {
        bool any = false;
        foreach (var (name, flag) in TcpFlags)
        {
            if ((flags & flag) != 0)
            {
                _out.Write(any ? "," : string.Empty);
                _out.Write(name);
                any = true;
            }
        }

        if (!any)
        {
            _out.Write("NONE");
        }
    }

    // __multiport_save_v1(): struct xt_multiport_v1 { __u8 flags, count; __u16 ports[15]; __u8 pflags[15]; __u8 invert; }
    private void WriteMultiport(ReadOnlySpan<byte> d)
    {
        byte flags = d[0], count = d[1];
        var ports = d.Slice(2, 30);
        var pflags = d.Slice(32, 15);
        if (d[47] != 0)
        {
            _out.Write(" !");
        }

        _out.Write(flags switch { 0 => " --sports ", 1 => " --dports ", 2 => " --ports ", _ => " --[unsupported: multiport flags] " });
        for (int i = 0; i < count && i < 15; i++)
        {
            if (i != 0)
            {
                _out.Write(',');
            }

            WriteNum(MemoryMarshal.Read<ushort>(ports.Slice(2 * i)));
            if (pflags[i] != 0 && i + 1 < 15)
            {
                _out.Write(':');
                WriteNum(MemoryMarshal.Read<ushort>(ports.Slice(2 * ++i)));
            }
        }
    }

    // conntrack_dump() of libxt_conntrack.c for the options it decodes; revision 1 widens its
    // 8-bit state/status masks; revision 3 adds port ranges.
    private bool TryWriteConntrack(ReadOnlySpan<byte> d, byte rev)
    {
        const ushort State = 1 << 0, Proto = 1 << 1, Status = 1 << 6, Expires = 1 << 7, Direction = 1 << 12, StateAlias = 1 << 13;
        if (d.Length < (rev == 1 ? 152 : 154))
        {
            return false;
        }

        uint expiresMin = MemoryMarshal.Read<uint>(d.Slice(128));
        uint expiresMax = MemoryMarshal.Read<uint>(d.Slice(132));
        ushort l4proto = MemoryMarshal.Read<ushort>(d.Slice(136));
        ushort matchFlags = MemoryMarshal.Read<ushort>(d.Slice(146));
        ushort invertFlags = MemoryMarshal.Read<ushort>(d.Slice(148));
        uint stateMask = rev == 1 ? d[150] : MemoryMarshal.Read<ushort>(d.Slice(150));
        uint statusMask = rev == 1 ? d[151] : MemoryMarshal.Read<ushort>(d.Slice(152));
        if ((matchFlags & ~(State | Proto | Status | Expires | Direction | StateAlias)) != 0)
        {
            return false;
        }

        _out.Write((matchFlags & StateAlias) != 0 ? " -m state" : " -m conntrack");
        if ((matchFlags & State) != 0)
        {
            _out.Write((invertFlags & State) != 0 ? " ! --" : " --");
            _out.Write((matchFlags & StateAlias) != 0 ? "state " : "ctstate ");
            WriteStates(stateMask, ",");
        }

        if ((matchFlags & Proto) != 0)
        {
            _out.Write((invertFlags & Proto) != 0 ? " ! --ctproto " : " --ctproto ");
            WriteNum(l4proto);
        }

        if ((matchFlags & Status) != 0)
        {
            _out.Write((invertFlags & Status) != 0 ? " ! --ctstatus " : " --ctstatus ");
            WriteStatus(statusMask);
        }

        if ((matchFlags & Expires) != 0)
        {
            _out.Write((invertFlags & Expires) != 0 ? " ! --ctexpire " : " --ctexpire ");
            WriteNum(expiresMin);
            if (expiresMax != expiresMin)
            {
                _out.Write(':');
                WriteNum(expiresMax);
            }
        }

        if ((matchFlags & Direction) != 0)
        {
            _out.Write((invertFlags & Direction) != 0 ? " --ctdir REPLY" : " --ctdir ORIGINAL");
        }

        return true;
    }

    // print_state()/state_print_state(): INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED, SNAT, DNAT.
    private void WriteStates(uint mask, string separator)
    {
        string sep = string.Empty;
        foreach (var (name, bit) in States)
        {
            if ((mask & bit) != 0)
            {
                _out.Write(sep);
                _out.Write(name);
                sep = separator;
            }
        }
    }

    private static readonly (string Name, uint Bit)[] States =
        { ("INVALID", 1), ("NEW", 8), ("RELATED", 4), ("ESTABLISHED", 2), ("UNTRACKED", 256), ("SNAT", 64), ("DNAT", 128) };

    private void WriteStatus(uint mask)
    {
        string sep = string.Empty;
        foreach (var (name, bit) in new[] { ("NONE", 0u), ("EXPECTED", 1u), ("SEEN_REPLY", 2u), ("ASSURED", 4u), ("CONFIRMED", 8u) })
        {
            if (bit == 0 ? mask == 0 : (mask & bit) != 0)
            {
                _out.Write(sep);
                _out.Write(name);
                sep = ",";
            }
        }
    }

    private void WriteMark(uint mark, uint mask, bool always)
    {
        _out.Write(" 0x");
        WriteHex(mark);
        if (always || mask != 0xFFFFFFFF)
        {
            _out.Write("/0x");
            WriteHex(mask);
        }
    }

    private void WriteTarget(XtTarget t, ushort proto)
    {
        var name = t.Name;
        var data = t.Data;
        byte rev = t.Revision;
        _out.Write(" -j ");
        WriteAscii(name);

        if (name.SequenceEqual("REJECT"u8) && rev == 0 && data.Length >= 4)
        {
            uint with = MemoryMarshal.Read<uint>(data);
            if (with < (uint)RejectNames.Length)
            {
                _out.Write(" --reject-with ");
                _out.Write(RejectNames[with]);
                return;
            }
        }
        else if (name.SequenceEqual("LOG"u8) && rev == 0 && data.Length >= 32)
        {
            WriteLog(data);
            return;
        }
        else if (name.SequenceEqual("MARK"u8) && rev == 2 && data.Length >= 8)
        {
            _out.Write(" --set-xmark");
            WriteMark(MemoryMarshal.Read<uint>(data), MemoryMarshal.Read<uint>(data.Slice(4)), always: true);
            return;
        }
        else if ((name.SequenceEqual("DNAT"u8) || name.SequenceEqual("SNAT"u8)) && TryWriteNat(data, rev, name[0] == (byte)'D'))
        {
            return;
        }
        else if ((name.SequenceEqual("MASQUERADE"u8) || name.SequenceEqual("REDIRECT"u8)) && rev == 0 && data.Length >= 20
            && MemoryMarshal.Read<uint>(data) == 1)
        {
            WritePortRange(data.Slice(4));
            return;
        }
        else if (data.IsEmpty || (IsStatelessTarget(name) && rev == 0))
        {
            return;
        }

        WriteUnsupported(rev, data);
    }

    private static bool IsStatelessTarget(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("ACCEPT"u8) || name.SequenceEqual("DROP"u8);

    private static readonly string[] RejectNames =
    {
        "icmp-net-unreachable", "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-port-unreachable",
        "echo-reply", "icmp-net-prohibited", "icmp-host-prohibited", "tcp-reset", "icmp-admin-prohibited",
    };

    // LOG_save() of libxt_LOG.c: struct xt_log_info { unsigned char level, logflags; char prefix[30]; }
    private void WriteLog(ReadOnlySpan<byte> d)
    {
        byte level = d[0], flags = d[1];
        var prefix = CString(d.Slice(2, 30));
        if (!prefix.IsEmpty)
        {
            _out.Write(" --log-prefix");
            WriteSaveString(prefix);
        }

        if (level != 4)
        {
            _out.Write(" --log-level ");
            WriteNum(level);
        }

        if ((flags & 0x01) != 0) _out.Write(" --log-tcp-sequence");
        if ((flags & 0x02) != 0) _out.Write(" --log-tcp-options");
        if ((flags & 0x04) != 0) _out.Write(" --log-ip-options");
        if ((flags & 0x08) != 0) _out.Write(" --log-uid");
        if ((flags & 0x20) != 0) _out.Write(" --log-macdecode");
    }

    private const uint MapIps = 1, ProtoSpecified = 2, ProtoRandom = 4, Persistent = 8, ProtoRandomFully = 16, ProtoOffset = 32;

    // DNAT/SNAT save of libxt_NAT.c. Revision 0: struct nf_nat_ipv4_multi_range_compat (one range);
    // 1: struct nf_nat_range; 2: struct nf_nat_range2 (adds base_proto for the port offset).
    private bool TryWriteNat(ReadOnlySpan<byte> d, byte rev, bool dnat)
    {
        uint flags;
        uint minIp, maxIp;
        ushort minPort, maxPort, basePort = 0;
        switch (rev)
        {
            case 0 when d.Length >= 20 && MemoryMarshal.Read<uint>(d) == 1:
                flags = MemoryMarshal.Read<uint>(d.Slice(4));
                minIp = BinaryPrimitives.ReadUInt32BigEndian(d.Slice(8));
                maxIp = BinaryPrimitives.ReadUInt32BigEndian(d.Slice(12));
                minPort = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(16));
                maxPort = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(18));
                break;
            case 1 or 2 when d.Length >= (rev == 1 ? 40 : 42):
                flags = MemoryMarshal.Read<uint>(d);
                minIp = BinaryPrimitives.ReadUInt32BigEndian(d.Slice(4));
                maxIp = BinaryPrimitives.ReadUInt32BigEndian(d.Slice(20));
                if (!d.Slice(8, 12).SequenceEqual(d.Slice(24, 12)))
                {
                    return false;
                }

                minPort = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(36));
                maxPort = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(38));
                basePort = rev == 2 ? BinaryPrimitives.ReadUInt16BigEndian(d.Slice(40)) : (ushort)0;
                break;
            default:
                return false;
        }

        _out.Write(dnat ? " --to-destination " : " --to-source ");
        if ((flags & MapIps) != 0)
        {
            WriteDotted(minIp);
            if (maxIp != minIp)
            {
                _out.Write('-');
                WriteDotted(maxIp);
            }
        }

        if ((flags & ProtoSpecified) != 0)
        {
            _out.Write(':');
            WriteNum(minPort);
            if (maxPort != minPort)
            {
                _out.Write('-');
                WriteNum(maxPort);
            }

            if ((flags & ProtoOffset) != 0)
            {
                _out.Write('/');
                WriteNum(basePort);
            }
        }

        if ((flags & ProtoRandom) != 0) _out.Write(" --random");
        if ((flags & ProtoRandomFully) != 0) _out.Write(" --random-fully");
        if ((flags & Persistent) != 0) _out.Write(" --persistent");
        return true;
    }

    // MASQUERADE_save()/REDIRECT_save(): struct nf_nat_ipv4_range { flags; min_ip, max_ip; min, max; }
    private void WritePortRange(ReadOnlySpan<byte> r)
    {
        uint flags = MemoryMarshal.Read<uint>(r);
        ushort min = BinaryPrimitives.ReadUInt16BigEndian(r.Slice(12));
        ushort max = BinaryPrimitives.ReadUInt16BigEndian(r.Slice(14));
        if ((flags & ProtoSpecified) != 0)
        {
            _out.Write(" --to-ports ");
            WriteNum(min);
            if (max != min)
            {
                _out.Write('-');
                WriteNum(max);
            }
        }

        if ((flags & ProtoRandom) != 0) _out.Write(" --random");
        if ((flags & ProtoRandomFully) != 0) _out.Write(" --random-fully");
    }

    private void WriteUnsupported(byte revision, ReadOnlySpan<byte> data)
    {
        _out.Write(" [unsupported: revision ");
        WriteNum(revision);
        _out.Write(", data ");
        Span<char> hex = stackalloc char[2];
        foreach (byte b in data)
        {
            b.TryFormat(hex, out _, "x2");
            _out.Write(hex);
        }

        _out.Write(']');
    }

    // xtables_save_string(): bare when only [_-0-9a-zA-Z], else quoted with \ before " \ and '.
    private void WriteSaveString(ReadOnlySpan<byte> value)
    {
        bool bare = !value.IsEmpty;
        foreach (byte c in value)
        {
            if (!(c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            {
                bare = false;
                break;
            }
        }

        _out.Write(bare ? " " : " \"");
        foreach (byte c in value)
        {
            if (!bare && (c == '"' || c == '\\' || c == '\''))
            {
                _out.Write('\\');
            }

            WriteByte(c);
        }

        if (!bare)
        {
            _out.Write('"');
        }
    }

    private void WriteAscii(ReadOnlySpan<byte> s)
    {
        foreach (byte c in s)
        {
            WriteByte(c);
        }
    }

    // Bytes go out as Latin-1 so that non-ASCII bytes round-trip through a Latin-1 writer unchanged.
    private void WriteByte(byte c) => _out.Write((char)c);

    private void WriteCounters(XtCounters c, string open, string close)
    {
        _out.Write(open);
        WriteNum(c.pcnt);
        _out.Write(':');
        WriteNum(c.bcnt);
        _out.Write(close);
    }

    private void WriteNum(ulong value)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        _out.Write(buffer.Slice(0, n));
    }

    private void WriteHex(uint value)
    {
        Span<char> buffer = stackalloc char[8];
        value.TryFormat(buffer, out int n, "x", System.Globalization.CultureInfo.InvariantCulture);
        _out.Write(buffer.Slice(0, n));
    }

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> buffer)
    {
        int nul = buffer.IndexOf((byte)0);
        return nul < 0 ? buffer : buffer.Slice(0, nul);
    }
}

/// <summary>Protocol names as <c>getprotobynumber(3)</c> gives them (<c>/etc/protocols</c>), with iptables' fallbacks.</summary>
internal static class Protocols
{
    private static readonly Dictionary<int, string> Names = Load();

    public static string? Name(int number) => Names.TryGetValue(number, out var name) ? name : null;

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

        // xtables_chain_protos[], used when the protocols database has no entry.
        foreach (var (number, name) in new[] { (6, "tcp"), (132, "sctp"), (17, "udp"), (136, "udplite"), (1, "icmp"), (58, "ipv6-icmp"), (50, "esp"), (51, "ah"), (135, "mh") })
        {
            names.TryAdd(number, name);
        }

        return names;
    }
}
