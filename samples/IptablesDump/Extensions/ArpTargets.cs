using System;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>The print functions of arptables 0.0.5's targets (<c>extensions/arpt_*.c</c>), which its listing, and so <c>arptables-legacy-save</c>, uses.</summary>
internal static unsafe class ArpTargets
{
    public static void Register(DecoderTable t)
    {
        t.Add<ArptMangle>("mangle", 0, Mangle);
        t.Add<XtClassifyTargetInfo>("CLASSIFY", 0, Classify);
        t.Add<XtMarkTginfo2>("MARK", 2, Mark);
    }

    // print of arpt_mangle.c (numeric).
    private static void Mangle(SaveText o, in ArptMangle m, in SaveContext c)
    {
        if ((m.flags & ArptMangleConstants.ARPT_MANGLE_SIP) != 0)
        {
            o.Write("--mangle-ip-s ");
            o.Ip(m.u_s.src_ip.s_addr);
            o.Write(' ');
        }

        if ((m.flags & ArptMangleConstants.ARPT_MANGLE_SDEV) != 0)
        {
            o.Write("--mangle-mac-s ");
            o.Mac(MemoryMarshal.CreateReadOnlySpan(in m.src_devaddr[0], 6));
            o.Write(' ');
        }

        if ((m.flags & ArptMangleConstants.ARPT_MANGLE_TIP) != 0)
        {
            o.Write("--mangle-ip-d ");
            o.Ip(m.u_t.tgt_ip.s_addr);
            o.Write(' ');
        }

        if ((m.flags & ArptMangleConstants.ARPT_MANGLE_TDEV) != 0)
        {
            o.Write("--mangle-mac-d ");
            o.Mac(MemoryMarshal.CreateReadOnlySpan(in m.tgt_devaddr[0], 6));
            o.Write(' ');
        }

        if (m.target != XTables.NF_ACCEPT)
        {
            o.Write(m.target == XTables.NF_DROP ? "--mangle-target DROP " : "--mangle-target CONTINUE ");
        }
    }

    // print of arpt_CLASSIFY.c: "%x:%x " of TC_H_MAJ >> 16 and TC_H_MIN.
    private static void Classify(SaveText o, in XtClassifyTargetInfo info, in SaveContext c)
    {
        o.Write("--set-class ");
        o.Hex(info.priority >> 16);
        o.Write(':');
        o.Hex(info.priority & 0xFFFF);
        o.Write(' ');
    }

    // print of arpt_MARK.c (no trailing space).
    private static void Mark(SaveText o, in XtMarkTginfo2 info, in SaveContext c)
    {
        if (info.mark == 0)
        {
            o.Write("--and-mark ");
            o.Hex(~info.mask);
        }
        else if (info.mark == info.mask)
        {
            o.Write("--or-mark ");
            o.Hex(info.mark);
        }
        else
        {
            o.Write("--set-mark ");
            o.Hex(info.mark);
        }
    }
}
