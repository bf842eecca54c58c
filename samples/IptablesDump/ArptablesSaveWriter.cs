using System;
using System.IO;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump.Extensions;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// Writes an arp_tables table as <c>arptables-legacy-save</c> prints it. That tool (arptables 0.0.5) is a script
/// around <c>arptables -t filter -L -n</c>: <c>*filter</c>, <c>:CHAIN POLICY</c> for the built-in chains, <c>:CHAIN -</c>
/// for the others, <c>-A CHAIN</c> and each listed rule (<c>print_firewall</c> with numeric output, which ends most
/// options with a space), an empty line at the end, no <c>COMMIT</c>, no counters; a rule that lists as nothing is left
/// out, as the script skips empty lines. Targets are written through their catalog mirrors; one arptables does not
/// know is written as arptables writes it, <c>[N bytes of unknown target data] </c>.
/// </summary>
public sealed class ArptablesSaveWriter
{
    private readonly SaveText _out;
    private readonly StringWriter _line = new() { NewLine = "\n" };
    private readonly SaveText _rule;

    /// <summary>Creates a writer.</summary>
    public ArptablesSaveWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = new SaveText(output);
        _rule = new SaveText(_line);
    }

    /// <summary>Writes the table (arptables' only table is <c>filter</c>, and the script always writes <c>*filter</c>).</summary>
    public void WriteTable(XtTableSnapshot table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Family != XtFamily.Arp)
        {
            throw new ArgumentException("Only arp_tables snapshots are written as arptables-save.", nameof(table));
        }

        try
        {
            var chains = table.GetChains<ArptEntry>();
            var entries = new XtEntries<ArptEntry>(table.Entries);
            var byOffset = (XtChain[])chains.Clone();
            Array.Sort(byOffset, static (a, b) => a.HeadOffset.CompareTo(b.HeadOffset));
            var targets = ExtensionDecoders.For(XtFamily.Arp, XtExtensionKind.Target);

            _out.Write("*filter\n");
            foreach (var chain in chains)
            {
                if (chain.IsBuiltin)
                {
                    var policy = entries.At(chain.PolicyOffset).Target;
                    _out.Write(':');
                    _out.Write(chain.Name);
                    _out.Write(' ');
                    _out.Write(policy.IsStandard ? VerdictName(policy.Verdict) ?? "???" : "???");
                    _out.Write('\n');
                }
            }

            foreach (var chain in chains)
            {
                if (!chain.IsBuiltin)
                {
                    _out.Write(':');
                    _out.Write(chain.Name);
                    _out.Write(" -\n");
                }
            }

            foreach (var chain in chains)
            {
                foreach (var rule in new XtEntries<ArptEntry>(table.Entries, chain.RulesOffset, chain.PolicyOffset))
                {
                    _rule.Flush();
                    _line.GetStringBuilder().Clear();
                    WriteRule(rule, byOffset, targets);
                    _rule.Flush();
                    if (_line.GetStringBuilder().Length != 0)
                    {
                        _out.Write("-A ");
                        _out.Write(chain.Name);
                        _out.Write(' ');
                        foreach (var chunk in _line.GetStringBuilder().GetChunks())
                        {
                            _out.Write(chunk.Span);
                        }

                        _out.Write('\n');
                    }
                }
            }

            _out.Write('\n');
        }
        finally
        {
            // What was written before a malformed entry still goes out.
            _out.Flush();
        }
    }

    // print_firewall of arptables.c with FMT_NUMERIC | FMT_NOCOUNTS | FMT_OPTIONS.
    private unsafe void WriteRule(XtEntry<ArptEntry> rule, XtChain[] byOffset, DecoderTable targets)
    {
        var o = _rule;
        ref readonly var arp = ref rule.Header.arp;
        var t = rule.Target;
        string? name = null;
        if (t.IsStandard)
        {
            int verdict = t.Verdict;
            name = verdict < 0 ? VerdictName(verdict) : verdict == rule.Offset + rule.Length ? string.Empty : ChainAt(byOffset, verdict);
            if (name is null)
            {
                o.Write(verdict < 0 ? "[unsupported: verdict " : "[unsupported: jump to offset ");
                o.Int(verdict);
                o.Write("] ");
            }
        }

        if (name is not null)
        {
            if (name.Length != 0)
            {
                o.Write("-j ");
                o.Write(name);
                o.Write(' ');
            }
        }
        else if (!t.IsStandard)
        {
            o.Write("-j ");
            o.Bytes(t.Name);
            o.Write(' ');
        }

        Interface(o, "-i ", MemoryMarshal.CreateReadOnlySpan(in arp.iniface[0], IpTables.IFNAMSIZ), (arp.invflags & ArpTables.ARPT_INV_VIA_IN) != 0);
        Interface(o, "-o ", MemoryMarshal.CreateReadOnlySpan(in arp.outiface[0], IpTables.IFNAMSIZ), (arp.invflags & ArpTables.ARPT_INV_VIA_OUT) != 0);
        Address(o, "-s ", arp.src, arp.smsk, (arp.invflags & ArpTables.ARPT_INV_SRCIP) != 0);
        HardwareAddress(o, "--src-mac ", arp.src_devaddr, (arp.invflags & ArpTables.ARPT_INV_SRCDEVADDR) != 0);
        Address(o, "-d ", arp.tgt, arp.tmsk, (arp.invflags & ArpTables.ARPT_INV_TGTIP) != 0);
        HardwareAddress(o, "--dst-mac ", arp.tgt_devaddr, (arp.invflags & ArpTables.ARPT_INV_TGTDEVADDR) != 0);
        if (arp.arhln_mask != 0)
        {
            o.Write((arp.invflags & ArpTables.ARPT_INV_ARPHLN) != 0 ? "! --h-length " : "--h-length ");
            o.Int(arp.arhln);
            if (arp.arhln_mask != 255)
            {
                o.Write('/');
                o.Int(arp.arhln_mask);
            }

            o.Write(' ');
        }

        if (arp.arpop_mask.Raw != 0)
        {
            o.Write((arp.invflags & ArpTables.ARPT_INV_ARPOP) != 0 ? "! --opcode " : "--opcode ");
            o.Int(arp.arpop.Value);
            if (arp.arpop_mask.Value != 65535)
            {
                o.Write('/');
                o.Int(arp.arpop_mask.Value);
            }

            o.Write(' ');
        }

        if (arp.arhrd_mask.Raw != 0)
        {
            o.Write((arp.invflags & ArpTables.ARPT_INV_ARPHRD) != 0 ? "! --h-type " : "--h-type ");
            o.Num(arp.arhrd.Value);
            if (arp.arhrd_mask.Value != 65535)
            {
                o.Write('/');
                o.Int(arp.arhrd_mask.Value);
            }

            o.Write(' ');
        }

        if (arp.arpro_mask.Raw != 0)
        {
            o.Write((arp.invflags & ArpTables.ARPT_INV_ARPPRO) != 0 ? "! --proto-type 0x" : "--proto-type 0x");
            o.Hex(arp.arpro.Value);
            if (arp.arpro_mask.Value != 65535)
            {
                o.Write('/');
                o.Hex(arp.arpro_mask.Value);
            }

            o.Write(' ');
        }

        if (!t.IsStandard)
        {
            var decoder = targets.Find(t.Name, t.Revision);
            if (decoder is null || !decoder.Write(o, t.Data, new SaveContext(XtFamily.Arp, t.Revision, 0, null)))
            {
                o.Write('[');
                o.Num((uint)t.Data.Length);
                o.Write(" bytes of unknown target data] ");
            }
        }
    }

    private static void Interface(SaveText o, string option, ReadOnlySpan<byte> name, bool invert)
    {
        if (name[0] == 0)
        {
            return;
        }

        o.Write(invert ? "! " : string.Empty);
        o.Write(option);
        o.CString(name);
        o.Write(' ');
    }

    // addr_to_dotted and mask_to_dotted of arptables.c: nothing for /32.
    private static void Address(SaveText o, string option, Be32 address, Be32 mask, bool invert)
    {
        if (mask.Raw == 0)
        {
            return;
        }

        o.Write(invert ? "! " : string.Empty);
        o.Write(option);
        o.Ip(address);
        o.IpMask(mask);
        o.Write(' ');
    }

    // print_mac_and_mask of arptables.c over ETH_ALEN bytes, when any mask byte is set.
    private static unsafe void HardwareAddress(SaveText o, string option, in ArptDevaddrInfo a, bool invert)
    {
        var mask = MemoryMarshal.CreateReadOnlySpan(in a.mask[0], ArpTables.ARPT_DEV_ADDR_LEN_MAX);
        if (!mask.ContainsAnyExcept((byte)0))
        {
            return;
        }

        o.Write(invert ? "! " : string.Empty);
        o.Write(option);
        o.Mac(MemoryMarshal.CreateReadOnlySpan(in a.addr[0], 6));
        if (mask.Slice(0, 6).ContainsAnyExcept((byte)255))
        {
            o.Write('/');
            o.Mac(mask);
        }

        o.Write(' ');
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
        foreach (var c in byOffset)
        {
            if (c.Contains(offset))
            {
                return c.Name;
            }
        }

        return null;
    }
}
