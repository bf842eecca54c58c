using System;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>The save functions of the ip6_tables-only matches (libip6t_*.c).</summary>
internal static unsafe partial class Matches
{
    // dst_save of libip6t_dst.c and hbh_save of libip6t_hbh.c (the same but for the option names).
    private static void Ip6Opts(SaveText o, in Ip6tOpts info, string name)
    {
        if ((info.flags & Ip6tExtensionConstants.IP6T_OPTS_LEN) != 0)
        {
            o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_OPTS_INV_LEN) != 0));
            o.Write(" --");
            o.Write(name);
            o.Write("-len ");
            o.Num(info.hdrlen);
        }

        if ((info.flags & Ip6tExtensionConstants.IP6T_OPTS_OPTS) != 0)
        {
            o.Write(" --");
            o.Write(name);
            o.Write("-opts");
        }

        int n = Math.Min((int)info.optsnr, Ip6tExtensionConstants.IP6T_OPTS_OPTSNR);
        for (int i = 0; i < n; i++)
        {
            o.Write(i == 0 ? ' ' : ',');
            o.Int((info.opts[i] & 0xFF00) >> 8);
            if ((info.opts[i] & 0x00FF) != 0x00FF)
            {
                o.Write(':');
                o.Int(info.opts[i] & 0x00FF);
            }
        }
    }

    // frag_save of libip6t_frag.c.
    private static void Frag(SaveText o, in Ip6tFrag info, in SaveContext c)
    {
        Spis(o, " --fragid ", info.ids[0], info.ids[1], (info.invflags & Ip6tExtensionConstants.IP6T_FRAG_INV_IDS) != 0);
        if ((info.flags & Ip6tExtensionConstants.IP6T_FRAG_LEN) != 0)
        {
            o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_FRAG_INV_LEN) != 0));
            o.Write(" --fraglen ");
            o.Num(info.hdrlen);
        }

        if ((info.flags & Ip6tExtensionConstants.IP6T_FRAG_RES) != 0) o.Write(" --fragres");
        if ((info.flags & Ip6tExtensionConstants.IP6T_FRAG_FST) != 0) o.Write(" --fragfirst");
        if ((info.flags & Ip6tExtensionConstants.IP6T_FRAG_MF) != 0) o.Write(" --fragmore");
        if ((info.flags & Ip6tExtensionConstants.IP6T_FRAG_NMF) != 0) o.Write(" --fraglast");
    }

    // chain_flags of libip6t_ipv6header.c: header bit and protocol number.
    private static readonly (byte Flag, byte Proto)[] Ipv6Headers =
    {
        (Ip6tExtensionConstants.MASK_HOPOPTS, 0), (Ip6tExtensionConstants.MASK_DSTOPTS, 60), (Ip6tExtensionConstants.MASK_ROUTING, 43),
        (Ip6tExtensionConstants.MASK_FRAGMENT, 44), (Ip6tExtensionConstants.MASK_AH, 51), (Ip6tExtensionConstants.MASK_ESP, 50),
        (Ip6tExtensionConstants.MASK_NONE, 59), (Ip6tExtensionConstants.MASK_PROTO, 255),
    };

    // ipv6header_save of libip6t_ipv6header.c: names through getprotobynumber (not for 0), else its chain_protos.
    private static void Ipv6header(SaveText o, in Ip6tIpv6headerInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invflags != 0));
        o.Write(" --header ");
        byte flags = info.matchflags;
        bool any = false;
        foreach (var (flag, proto) in Ipv6Headers)
        {
            if ((flags & flag) == 0)
            {
                continue;
            }

            o.Write(any ? "," : string.Empty);
            any = true;
            string? name = proto != 0 ? Protocols.FromDatabase(proto) : null;
            o.Write(name ?? proto switch
            {
                0 => "hop-by-hop",
                60 => "dst",
                43 => "route",
                44 => "frag",
                51 => "auth",
                50 => "esp",
                59 => "none",
                _ => "protocol",
            });
        }

        if (!any)
        {
            o.Write("NONE");
        }

        if (info.modeflag != 0)
        {
            o.Write(" --soft");
        }
    }

    // mh_save of libip6t_mh.c.
    private static void Mh(SaveText o, in Ip6tMh info, in SaveContext c)
    {
        if (info.types[0] == 0 && info.types[1] == 0xFF)
        {
            return;
        }

        o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_MH_INV_TYPE) != 0));
        o.Write(" --mh-type ");
        o.Num(info.types[0]);
        if (info.types[0] != info.types[1])
        {
            o.Write(':');
            o.Num(info.types[1]);
        }
    }

    // rt_save of libip6t_rt.c.
    private static void Rt(SaveText o, in Ip6tRt info, in SaveContext c)
    {
        if ((info.flags & Ip6tExtensionConstants.IP6T_RT_TYP) != 0)
        {
            o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_RT_INV_TYP) != 0));
            o.Write(" --rt-type ");
            o.Num(info.rt_type);
        }

        Spis(o, " --rt-segsleft ", info.segsleft[0], info.segsleft[1], (info.invflags & Ip6tExtensionConstants.IP6T_RT_INV_SGS) != 0);
        if ((info.flags & Ip6tExtensionConstants.IP6T_RT_LEN) != 0)
        {
            o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_RT_INV_LEN) != 0));
            o.Write(" --rt-len ");
            o.Num(info.hdrlen);
        }

        if ((info.flags & Ip6tExtensionConstants.IP6T_RT_RES) != 0) o.Write(" --rt-0-res");
        if ((info.flags & Ip6tExtensionConstants.IP6T_RT_FST) != 0) o.Write(" --rt-0-addrs");
        int n = Math.Min((int)info.addrnr, Ip6tExtensionConstants.IP6T_RT_HOPS);
        for (int i = 0; i < n; i++)
        {
            o.Write(i == 0 ? ' ' : ',');
            o.Ip6(Bytes(in info.addrs[i].s6_addr[0], 16));
        }

        if ((info.flags & Ip6tExtensionConstants.IP6T_RT_FST_NSTRICT) != 0) o.Write(" --rt-0-not-strict");
    }

    // srh_save of libip6t_srh.c.
    private static void Srh(SaveText o, in Ip6tSrh info, in SaveContext c)
        => SrhCommon(o, info.mt_flags, info.mt_invflags, info.next_hdr, info.hdr_len, info.segs_left, info.last_entry, info.tag);

    // srh1_save of libip6t_srh.c: revision 0's options, then the segment addresses.
    private static void Srh1(SaveText o, in Ip6tSrh1 info, in SaveContext c)
    {
        SrhCommon(o, info.mt_flags, info.mt_invflags, info.next_hdr, info.hdr_len, info.segs_left, info.last_entry, info.tag);
        SrhSid(o, info.mt_flags, info.mt_invflags, Ip6tExtensionConstants.IP6T_SRH_PSID, " --srh-psid ", info.psid_addr, info.psid_msk);
        SrhSid(o, info.mt_flags, info.mt_invflags, Ip6tExtensionConstants.IP6T_SRH_NSID, " --srh-nsid ", info.nsid_addr, info.nsid_msk);
        SrhSid(o, info.mt_flags, info.mt_invflags, Ip6tExtensionConstants.IP6T_SRH_LSID, " --srh-lsid ", info.lsid_addr, info.lsid_msk);
    }

    private static void SrhCommon(SaveText o, ushort flags, ushort inv, byte nextHdr, byte hdrLen, byte segsLeft, byte lastEntry, ushort tag)
    {
        // IP6T_SRH_INV_x is the same bit as IP6T_SRH_x.
        void Item(ushort bit, string option, uint value)
        {
            if ((flags & bit) != 0)
            {
                o.Write(Inv((inv & bit) != 0));
                o.Write(option);
                o.Num(value);
            }
        }

        Item(Ip6tExtensionConstants.IP6T_SRH_NEXTHDR, " --srh-next-hdr ", nextHdr);
        Item(Ip6tExtensionConstants.IP6T_SRH_LEN_EQ, " --srh-hdr-len-eq ", hdrLen);
        Item(Ip6tExtensionConstants.IP6T_SRH_LEN_GT, " --srh-hdr-len-gt ", hdrLen);
        Item(Ip6tExtensionConstants.IP6T_SRH_LEN_LT, " --srh-hdr-len-lt ", hdrLen);
        Item(Ip6tExtensionConstants.IP6T_SRH_SEGS_EQ, " --srh-segs-left-eq ", segsLeft);
        Item(Ip6tExtensionConstants.IP6T_SRH_SEGS_GT, " --srh-segs-left-gt ", segsLeft);
        Item(Ip6tExtensionConstants.IP6T_SRH_SEGS_LT, " --srh-segs-left-lt ", segsLeft);
        Item(Ip6tExtensionConstants.IP6T_SRH_LAST_EQ, " --srh-last-entry-eq ", lastEntry);
        Item(Ip6tExtensionConstants.IP6T_SRH_LAST_GT, " --srh-last-entry-gt ", lastEntry);
        Item(Ip6tExtensionConstants.IP6T_SRH_LAST_LT, " --srh-last-entry-lt ", lastEntry);
        Item(Ip6tExtensionConstants.IP6T_SRH_TAG, " --srh-tag ", tag);
    }

    private static void SrhSid(SaveText o, ushort flags, ushort inv, ushort bit, string option, in In6Addr address, in In6Addr mask)
    {
        if ((flags & bit) == 0)
        {
            return;
        }

        o.Write(Inv((inv & bit) != 0));
        o.Write(option);
        o.Ip6(Bytes(in address.s6_addr[0], 16));
        o.Write('/');
        o.Num((uint)Inet6.Cidr(Bytes(in mask.s6_addr[0], 16)));
    }
}
