using System;
using System.Collections.Generic;
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
    private JumpList _jumps;

    /// <summary>Creates a writer.</summary>
    public ArptablesSaveWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = new SaveText(output);
    }

    /// <summary>
    /// Writes the table (arptables' only table is <c>filter</c>, and the script always writes <c>*filter</c>). The table
    /// is read in one walk before any of its text goes out: a malformed table throws <see cref="XtTableFormatException"/>
    /// and writes nothing of itself.
    /// </summary>
    public void WriteTable(XtTableSnapshot table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Family != XtFamily.Arp)
        {
            throw new ArgumentException("Only arp_tables snapshots are written as arptables-save.", nameof(table));
        }

        try
        {
            Write(table);
        }
        finally
        {
            // The held text is dropped: it all went out, or, for a table that turned out malformed, none of it.
            _out.Release();
            _jumps.Release();
        }
    }

    // As IptablesSaveWriter does: one walk renders every chain's rules into the held text while XtChainFinder finds the
    // chains, then the chain lines go out, and the rules chain by chain in the order of the listing (built-in chains
    // first, user chains by name), each jump's chain name written in.
    private void Write(XtTableSnapshot table)
    {
        var blob = table.Entries;
        var targets = ExtensionDecoders.For(XtFamily.Arp, XtExtensionKind.Target);
        var finder = new XtChainFinder<ArptEntry>(table);
        var starts = new List<TextMark>();
        _out.Hold(table.Size / 2);
        foreach (var e in new XtEntries<ArptEntry>(blob))
        {
            if (finder.Enter(e))
            {
                starts.Add(new TextMark(_out.Length, _jumps.Count));
            }

            if (finder.IsRule(blob, e))
            {
                WriteRule(finder.Current, e, targets);
            }
        }

        var chains = finder.Finish();
        int[] order = XtChainFinder<ArptEntry>.SaveOrder(chains);
        int header = _out.Length;
        _out.Write("*filter\n");
        foreach (int i in order)
        {
            var chain = chains[i];
            _out.Write(':');
            _out.Write(chain.Name);
            if (chain.IsBuiltin)
            {
                var policy = new XtEntries<ArptEntry>(blob).At(chain.PolicyOffset).Target;
                _out.Write(' ');
                _out.Write(policy.IsStandard ? SaveChains.VerdictName(policy.Verdict) ?? "???" : "???");
                _out.Write('\n');
            }
            else
            {
                _out.Write(" -\n");
            }
        }

        _out.Emit(header, _out.Length);
        _out.Truncate(header);
        foreach (int i in order)
        {
            SaveChains.EmitRules(_out, _jumps, chains, starts[i], starts[i + 1], WriteJump);
        }

        _out.Write('\n');
        _out.Emit(header, _out.Length);
    }

    // A jump opens its rule's listing: "-j CHAIN ".
    private static void WriteJump(SaveText o, Jump jump, string? chain)
    {
        if (chain is null)
        {
            o.Write("[unsupported: jump to offset ");
            o.Int(jump.Verdict);
            o.Write("] ");
        }
        else
        {
            o.Write("-j ");
            o.Write(chain);
            o.Write(' ');
        }
    }

    // "-A CHAIN " and the rule's listing; nothing when it lists as nothing.
    private void WriteRule(string chain, XtEntry<ArptEntry> rule, DecoderTable targets)
    {
        int start = _out.Length;
        _out.Write("-A ");
        _out.Write(chain);
        _out.Write(' ');
        int listing = _out.Length;
        if (!WriteListing(rule, targets) && _out.Length == listing)
        {
            _out.Truncate(start);
            return;
        }

        _out.Write('\n');
    }

    // print_firewall of arptables.c with FMT_NUMERIC | FMT_NOCOUNTS | FMT_OPTIONS; true when a jump's text goes in later.
    private unsafe bool WriteListing(XtEntry<ArptEntry> rule, DecoderTable targets)
    {
        var o = _out;
        ref readonly var arp = ref rule.Header.arp;
        var t = rule.Target;
        bool jumps = false;
        if (t.IsStandard)
        {
            int verdict = t.Verdict;
            if (verdict < 0)
            {
                if (SaveChains.VerdictName(verdict) is string name)
                {
                    o.Write("-j ");
                    o.Write(name);
                    o.Write(' ');
                }
                else
                {
                    o.Write("[unsupported: verdict ");
                    o.Int(verdict);
                    o.Write("] ");
                }
            }
            else if (verdict != rule.Offset + rule.Length)
            {
                // A jump: its chain's name is written in when the chains are known.
                _jumps.Add(new Jump(o.Length, verdict, IsGoto: false));
                jumps = true;
            }
        }
        else
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
        Masked(o, "--h-length ", arp.arhln, arp.arhln_mask, byte.MaxValue, (arp.invflags & ArpTables.ARPT_INV_ARPHLN) != 0, hex: false);
        Masked(o, "--opcode ", arp.arpop.Value, arp.arpop_mask.Value, ushort.MaxValue, (arp.invflags & ArpTables.ARPT_INV_ARPOP) != 0, hex: false);
        Masked(o, "--h-type ", arp.arhrd.Value, arp.arhrd_mask.Value, ushort.MaxValue, (arp.invflags & ArpTables.ARPT_INV_ARPHRD) != 0, hex: false);
        Masked(o, "--proto-type 0x", arp.arpro.Value, arp.arpro_mask.Value, ushort.MaxValue, (arp.invflags & ArpTables.ARPT_INV_ARPPRO) != 0, hex: true);
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

        return jumps;
    }

    // A value and its mask when the mask is not zero, the mask after a '/' unless all its bits are set (print_firewall).
    private static void Masked(SaveText o, string option, uint value, uint mask, uint full, bool invert, bool hex)
    {
        if (mask == 0)
        {
            return;
        }

        o.Write(invert ? "! " : string.Empty);
        o.Write(option);
        Number(o, value, hex);
        if (mask != full)
        {
            o.Write('/');
            Number(o, mask, hex);
        }

        o.Write(' ');
    }

    private static void Number(SaveText o, uint value, bool hex)
    {
        if (hex)
        {
            o.Hex(value);
        }
        else
        {
            o.Num(value);
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
}
