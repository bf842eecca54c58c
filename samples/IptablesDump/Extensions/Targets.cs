using System;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>
/// The save functions of the ip_tables/ip6_tables targets, ported from iptables 1.8.9's <c>extensions/lib*t_*.c</c>
/// (the function each one follows is named in its comment). Every payload is read through its catalog mirror.
/// </summary>
internal static unsafe class Targets
{
    public static void Register(DecoderTable t, XtFamily family)
    {
        bool v4 = family == XtFamily.IPv4;
        if (v4)
        {
            t.Add<NfNatIpv4MultiRangeCompat>("DNAT", 0, (SaveText o, in NfNatIpv4MultiRangeCompat i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-destination ", false));
            t.Add<IptECNInfo>("ECN", 0, Ecn);
            t.Add<NfNatIpv4MultiRangeCompat>("MASQUERADE", 0, (SaveText o, in NfNatIpv4MultiRangeCompat i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-ports ", true));
            t.Add<NfNatIpv4MultiRangeCompat>("NETMAP", 0, Netmap4);
            t.Add<NfNatIpv4MultiRangeCompat>("REDIRECT", 0, (SaveText o, in NfNatIpv4MultiRangeCompat i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-ports ", true));
            t.Add<IptRejectInfo>("REJECT", 0, (SaveText o, in IptRejectInfo i, in SaveContext c) => Reject(o, i.with, Reject4));
            t.Add<XtSetInfoTargetV0>("SET", 0, Sets.TargetV0);
            t.Add<NfNatIpv4MultiRangeCompat>("SNAT", 0, (SaveText o, in NfNatIpv4MultiRangeCompat i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-source ", false));
            t.Add<XtTproxyTargetInfo>("TPROXY", 0, TproxyV0);
            t.Add<IptTtlTargetInfo>("TTL", 0, Ttl);
        }
        else
        {
            t.Add<Ip6tNptTginfo>("DNPT", 0, Npt);
            t.Add<Ip6tHlTargetInfo>("HL", 0, Hl);
            t.Add<NfNatRange>("MASQUERADE", 0, (SaveText o, in NfNatRange i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-ports ", true));
            t.Add<NfNatRange>("NETMAP", 0, Netmap6);
            t.Add<NfNatRange>("REDIRECT", 0, (SaveText o, in NfNatRange i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-ports ", true));
            t.Add<Ip6tRejectInfo>("REJECT", 0, (SaveText o, in Ip6tRejectInfo i, in SaveContext c) => Reject(o, i.with, Reject6));
            t.Add<Ip6tNptTginfo>("SNPT", 0, Npt);
        }

        t.Add<XtAuditInfo>("AUDIT", 0, Audit);
        t.Add<XtChecksumInfo>("CHECKSUM", 0, Checksum);
        t.Add<XtClassifyTargetInfo>("CLASSIFY", 0, Classify);
        t.Add<XtConnmarkTginfo1>("CONNMARK", 1, ConnmarkV1);
        t.Add<XtConnmarkTginfo2>("CONNMARK", 2, ConnmarkV2);
        t.Add<XtConnsecmarkTargetInfo>("CONNSECMARK", 0, Connsecmark);
        t.Add<XtCtTargetInfo>("CT", 0, CtV0, CtAlias);
        t.Add<XtCtTargetInfoV1>("CT", 1, CtV1, CtAlias);
        t.Add<XtCtTargetInfoV1>("CT", 2, CtV1, CtAlias);
        t.Add<NfNatRange>("DNAT", 1, (SaveText o, in NfNatRange i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-destination ", false));
        t.Add<NfNatRange2>("DNAT", 2, (SaveText o, in NfNatRange2 i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-destination ", false));
        t.Add<XtDscpTargetInfo>("DSCP", 0, Dscp);
        t.Add<XtHmarkInfo>("HMARK", 0, Hmark);
        t.Add<IdletimerTgInfo>("IDLETIMER", 0, IdletimerV0);
        t.Add<IdletimerTgInfoV1>("IDLETIMER", 1, IdletimerV1);
        t.Add<XtLogInfo>("LOG", 0, Log);
        t.Add<XtMarkTginfo2>("MARK", 2, Mark);
        t.Add<XtNflogInfo>("NFLOG", 0, Nflog);
        t.Add<XtNfqInfo>("NFQUEUE", 0, (SaveText o, in XtNfqInfo i, in SaveContext c) => Queue(o, i.queuenum, 1, 0));
        t.Add<XtNfqInfoV1>("NFQUEUE", 1, (SaveText o, in XtNfqInfoV1 i, in SaveContext c) => Queue(o, i.queuenum, i.queues_total, 0));
        t.Add<XtNfqInfoV2>("NFQUEUE", 2, (SaveText o, in XtNfqInfoV2 i, in SaveContext c) => Queue(o, i.queuenum, i.queues_total, (ushort)(i.bypass & XtTargetConstants.NFQ_FLAG_BYPASS)));
        t.Add<XtNfqInfoV3>("NFQUEUE", 3, (SaveText o, in XtNfqInfoV3 i, in SaveContext c) => Queue(o, i.queuenum, i.queues_total, i.flags));
        t.AddEmpty("NOTRACK", 0);
        t.Add<XtRateestTargetInfo>("RATEEST", 0, Rateest);
        t.Add<XtSecmarkTargetInfo>("SECMARK", 0, (SaveText o, in XtSecmarkTargetInfo i, in SaveContext c) => Secmark(o, i.mode, MemoryMarshal.CreateReadOnlySpan(in i.secctx[0], XtTargetConstants.SECMARK_SECCTX_MAX)));
        t.Add<XtSecmarkTargetInfoV1>("SECMARK", 1, (SaveText o, in XtSecmarkTargetInfoV1 i, in SaveContext c) => Secmark(o, i.mode, MemoryMarshal.CreateReadOnlySpan(in i.secctx[0], XtTargetConstants.SECMARK_SECCTX_MAX)));
        t.Add<XtSetInfoTargetV1>("SET", 1, Sets.TargetV1);
        t.Add<XtSetInfoTargetV2>("SET", 2, Sets.TargetV2);
        t.Add<XtSetInfoTargetV3>("SET", 3, Sets.TargetV3);
        t.Add<NfNatRange>("SNAT", 1, (SaveText o, in NfNatRange i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-source ", false));
        t.Add<NfNatRange2>("SNAT", 2, (SaveText o, in NfNatRange2 i, in SaveContext c) => Nat(o, NatRange.From(i), c, " --to-source ", false));
        t.Add<NfSynproxyInfo>("SYNPROXY", 0, Synproxy);
        t.Add<XtTcpmssInfo>("TCPMSS", 0, Tcpmss);
        t.Add<XtTcpoptstripTargetInfo>("TCPOPTSTRIP", 0, Tcpoptstrip);
        t.Add<XtTeeTginfo>("TEE", 1, Tee);
        t.Add<XtTosTargetInfo>("TOS", 1, Tos);
        t.Add<XtTproxyTargetInfoV1>("TPROXY", 1, TproxyV1);
        t.AddEmpty("TRACE", 0);
    }

    private static ReadOnlySpan<byte> Bytes(in byte first, int length) => MemoryMarshal.CreateReadOnlySpan(in first, length);

    // audit_save of libxt_AUDIT.c.
    private static void Audit(SaveText o, in XtAuditInfo info, in SaveContext c)
    {
        o.Write(info.type switch
        {
            XtTargetConstants.XT_AUDIT_TYPE_ACCEPT => " --type accept",
            XtTargetConstants.XT_AUDIT_TYPE_DROP => " --type drop",
            XtTargetConstants.XT_AUDIT_TYPE_REJECT => " --type reject",
            _ => string.Empty,
        });
    }

    // CHECKSUM_save of libxt_CHECKSUM.c.
    private static void Checksum(SaveText o, in XtChecksumInfo info, in SaveContext c)
    {
        if ((info.operation & XtTargetConstants.XT_CHECKSUM_OP_FILL) != 0)
        {
            o.Write(" --checksum-fill");
        }
    }

    // CLASSIFY_save of libxt_CLASSIFY.c: TC_H_MAJ >> 16 and TC_H_MIN as %.4x.
    private static void Classify(SaveText o, in XtClassifyTargetInfo info, in SaveContext c)
    {
        o.Write(" --set-class ");
        o.Hex(info.priority >> 16, 4);
        o.Write(':');
        o.Hex(info.priority & 0xFFFF, 4);
    }

    // connmark_tg_save of libxt_CONNMARK.c.
    private static void ConnmarkV1(SaveText o, in XtConnmarkTginfo1 info, in SaveContext c)
        => ConnmarkMode(o, info.mode, info.ctmark, info.ctmask, info.nfmask);

    // connmark_tg_save_v2 of libxt_CONNMARK.c: revision 1's form and the shift.
    private static void ConnmarkV2(SaveText o, in XtConnmarkTginfo2 info, in SaveContext c)
    {
        ConnmarkMode(o, info.mode, info.ctmark, info.ctmask, info.nfmask);
        if (info.mode <= XtConnmark.XT_CONNMARK_RESTORE && info.shift_bits != 0)
        {
            o.Write(info.shift_dir switch
            {
                XtConnmark.D_SHIFT_LEFT => " --left-shift-mark ",
                XtConnmark.D_SHIFT_RIGHT => " --right-shift-mark ",
                _ => " --[unsupported: shift direction] ",
            });
            o.Num(info.shift_bits);
        }
    }

    private static void ConnmarkMode(SaveText o, byte mode, uint ctmark, uint ctmask, uint nfmask)
    {
        switch (mode)
        {
            case XtConnmark.XT_CONNMARK_SET:
                o.Write(" --set-xmark 0x");
                o.Hex(ctmark);
                o.Write("/0x");
                o.Hex(ctmask);
                break;
            case XtConnmark.XT_CONNMARK_SAVE:
            case XtConnmark.XT_CONNMARK_RESTORE:
                o.Write(mode == XtConnmark.XT_CONNMARK_SAVE ? " --save-mark --nfmask 0x" : " --restore-mark --nfmask 0x");
                o.Hex(nfmask);
                o.Write(" --ctmask 0x");
                o.Hex(ctmask);
                break;
            default:
                o.Write(" ERROR: UNKNOWN CONNMARK MODE");
                break;
        }
    }

    // CONNSECMARK_save of libxt_CONNSECMARK.c.
    private static void Connsecmark(SaveText o, in XtConnsecmarkTargetInfo info, in SaveContext c)
    {
        o.Write(info.mode switch
        {
            XtTargetConstants.CONNSECMARK_SAVE => " --save",
            XtTargetConstants.CONNSECMARK_RESTORE => " --restore",
            _ => " --[unsupported: mode]",
        });
    }

    // ct_print_name_alias of libxt_CT.c.
    private static string? CtAlias(in XtCtTargetInfo info) => (info.flags & XtTargetConstants.XT_CT_NOTRACK_ALIAS) != 0 ? "NOTRACK" : null;

    private static string? CtAlias(in XtCtTargetInfoV1 info) => (info.flags & XtTargetConstants.XT_CT_NOTRACK_ALIAS) != 0 ? "NOTRACK" : null;

    // ct_save of libxt_CT.c.
    private static void CtV0(SaveText o, in XtCtTargetInfo info, in SaveContext c)
        => Ct(o, info.flags, info.zone, info.ct_events, info.exp_events, Bytes(in info.helper[0], 16), ReadOnlySpan<byte>.Empty);

    // ct_save_v1 of libxt_CT.c (revisions 1 and 2).
    private static void CtV1(SaveText o, in XtCtTargetInfoV1 info, in SaveContext c)
        => Ct(o, info.flags, info.zone, info.ct_events, info.exp_events, Bytes(in info.helper[0], 16), Bytes(in info.timeout[0], 32));

    // ct_event_tbl: the event names, by IPCT_* bit.
    private static readonly (string Name, int Bit)[] CtEvents =
    {
        ("new", 0), ("related", 1), ("destroy", 2), ("reply", 3), ("assured", 4), ("protoinfo", 5), ("helper", 6), ("mark", 7),
        ("natseqinfo", 8), ("secmark", 9),
    };

    private static void Ct(SaveText o, ushort flags, ushort zone, uint ctEvents, uint expEvents, ReadOnlySpan<byte> helper, ReadOnlySpan<byte> timeout)
    {
        if ((flags & XtTargetConstants.XT_CT_NOTRACK_ALIAS) != 0)
        {
            return;
        }

        if ((flags & XtTargetConstants.XT_CT_NOTRACK) != 0)
        {
            o.Write(" --notrack");
        }

        if (helper[0] != 0)
        {
            o.Write(" --helper ");
            o.CString(helper);
        }

        if (!timeout.IsEmpty && timeout[0] != 0)
        {
            o.Write(" --timeout ");
            o.CString(timeout);
        }

        if (ctEvents != 0)
        {
            o.Write(" --ctevents ");
            string sep = string.Empty;
            foreach (var (name, bit) in CtEvents)
            {
                if ((ctEvents & (1u << bit)) != 0)
                {
                    o.Write(sep);
                    o.Write(name);
                    sep = ",";
                }
            }
        }

        if (expEvents != 0)
        {
            o.Write(" --expevents ");
            if ((expEvents & 1) != 0)
            {
                o.Write("new");
            }
        }

        if ((flags & XtTargetConstants.XT_CT_ZONE_MARK) != 0 || zone != 0)
        {
            // ct_print_zone_id.
            o.Write(" --zone");
            int direction = flags & (XtTargetConstants.XT_CT_ZONE_DIR_ORIG | XtTargetConstants.XT_CT_ZONE_DIR_REPL);
            if (direction == XtTargetConstants.XT_CT_ZONE_DIR_ORIG)
            {
                o.Write("-orig");
            }

            if (direction == XtTargetConstants.XT_CT_ZONE_DIR_REPL)
            {
                o.Write("-reply");
            }

            if ((flags & XtTargetConstants.XT_CT_ZONE_MARK) != 0)
            {
                o.Write(" mark");
            }
            else
            {
                o.Write(' ');
                o.Num(zone);
            }
        }
    }

    // DSCP_save of libxt_DSCP.c.
    private static void Dscp(SaveText o, in XtDscpTargetInfo info, in SaveContext c)
    {
        o.Write(" --set-dscp 0x");
        o.Hex(info.dscp, 2);
    }

    // ECN_save of libipt_ECN.c.
    private static void Ecn(SaveText o, in IptECNInfo info, in SaveContext c)
    {
        int ece = info.proto.tcp.ece, cwr = info.proto.tcp.cwr;
        if (info.operation == (XtEcn.IPT_ECN_OP_SET_ECE | XtEcn.IPT_ECN_OP_SET_CWR) && ece == 0 && cwr == 0)
        {
            o.Write(" --ecn-tcp-remove");
            return;
        }

        if ((info.operation & XtEcn.IPT_ECN_OP_SET_ECE) != 0)
        {
            o.Write(" --ecn-tcp-ece ");
            o.Int(ece);
        }

        if ((info.operation & XtEcn.IPT_ECN_OP_SET_CWR) != 0)
        {
            o.Write(" --ecn-tcp-cwr ");
            o.Int(cwr);
        }

        if ((info.operation & XtEcn.IPT_ECN_OP_SET_IP) != 0)
        {
            o.Write(" --ecn-ip-ect ");
            o.Int(info.ip_ect);
        }
    }

    // HMARK_ip4_save/HMARK_ip6_save and HMARK_save of libxt_HMARK.c.
    private static void Hmark(SaveText o, in XtHmarkInfo info, in SaveContext c)
    {
        uint flags = info.flags;
        bool Has(int option) => (flags & (1u << option)) != 0;
        static int Prefix(in NfInetAddr mask, in SaveContext c)
            => c.IsIPv6 ? Inet6.Cidr(Bytes(in mask.in6.s6_addr[0], 16)) : SaveText.Cidr(mask.ip.Value);

        if (Has(XtTargetConstants.XT_HMARK_SADDR_MASK))
        {
            o.Write(" --hmark-src-prefix ");
            o.Int(Prefix(info.src_mask, c));
        }

        if (Has(XtTargetConstants.XT_HMARK_DADDR_MASK))
        {
            o.Write(" --hmark-dst-prefix ");
            o.Int(Prefix(info.dst_mask, c));
        }

        // The ports are stored in network order in the host-order halves: htons/htonl give them back.
        if (Has(XtTargetConstants.XT_HMARK_SPORT_MASK))
        {
            o.Write(" --hmark-sport-mask 0x");
            o.Hex(info.port_mask.b16.src.Value, 4);
        }

        if (Has(XtTargetConstants.XT_HMARK_DPORT_MASK))
        {
            o.Write(" --hmark-dport-mask 0x");
            o.Hex(info.port_mask.b16.dst.Value, 4);
        }

        if (Has(XtTargetConstants.XT_HMARK_SPI_MASK))
        {
            o.Write(" --hmark-spi-mask 0x");
            o.Hex(info.port_mask.b32.Value, 8);
        }

        if (Has(XtTargetConstants.XT_HMARK_SPORT))
        {
            o.Write(" --hmark-sport 0x");
            o.Hex(info.port_set.b16.src.Value, 4);
        }

        if (Has(XtTargetConstants.XT_HMARK_DPORT))
        {
            o.Write(" --hmark-dport 0x");
            o.Hex(info.port_set.b16.dst.Value, 4);
        }

        if (Has(XtTargetConstants.XT_HMARK_SPI))
        {
            o.Write(" --hmark-spi 0x");
            o.Hex(info.port_set.b32.Value, 8);
        }

        if (Has(XtTargetConstants.XT_HMARK_PROTO_MASK))
        {
            o.Write(" --hmark-proto-mask 0x");
            o.Hex(info.proto_mask, 2);
        }

        if (Has(XtTargetConstants.XT_HMARK_RND))
        {
            o.Write(" --hmark-rnd 0x");
            o.Hex(info.hashrnd, 8);
        }

        if (Has(XtTargetConstants.XT_HMARK_MODULUS))
        {
            o.Write(" --hmark-mod ");
            o.Num(info.hmodulus);
        }

        if (Has(XtTargetConstants.XT_HMARK_OFFSET))
        {
            o.Write(" --hmark-offset ");
            o.Num(info.hoffset);
        }

        if (Has(XtTargetConstants.XT_HMARK_CT))
        {
            o.Write(" --hmark-tuple ct");
        }
    }

    // idletimer_tg_save / _v1 of libxt_IDLETIMER.c.
    private static void IdletimerV0(SaveText o, in IdletimerTgInfo info, in SaveContext c)
    {
        o.Write(" --timeout ");
        o.Num(info.timeout);
        o.Write(" --label ");
        o.CString(Bytes(in info.label[0], XtTargetConstants.MAX_IDLETIMER_LABEL_SIZE));
    }

    private static void IdletimerV1(SaveText o, in IdletimerTgInfoV1 info, in SaveContext c)
    {
        o.Write(" --timeout ");
        o.Num(info.timeout);
        o.Write(" --label ");
        o.CString(Bytes(in info.label[0], XtTargetConstants.MAX_IDLETIMER_LABEL_SIZE));
        if (info.timer_type == XtTargetConstants.XT_IDLETIMER_ALARM)
        {
            o.Write(" --alarm");
        }
    }

    // LOG_save of libxt_LOG.c (LOG_DEFAULT_LEVEL is LOG_WARNING, 4).
    private static void Log(SaveText o, in XtLogInfo info, in SaveContext c)
    {
        var prefix = Bytes(in info.prefix[0], 30);
        if (prefix[0] != 0)
        {
            o.Write(" --log-prefix");
            o.SaveString(prefix);
        }

        if (info.level != 4)
        {
            o.Write(" --log-level ");
            o.Int(info.level);
        }

        if ((info.logflags & XtTargetConstants.XT_LOG_TCPSEQ) != 0) o.Write(" --log-tcp-sequence");
        if ((info.logflags & XtTargetConstants.XT_LOG_TCPOPT) != 0) o.Write(" --log-tcp-options");
        if ((info.logflags & XtTargetConstants.XT_LOG_IPOPT) != 0) o.Write(" --log-ip-options");
        if ((info.logflags & XtTargetConstants.XT_LOG_UID) != 0) o.Write(" --log-uid");
        if ((info.logflags & XtTargetConstants.XT_LOG_MACDECODE) != 0) o.Write(" --log-macdecode");
    }

    // mark_tg_save of libxt_MARK.c.
    private static void Mark(SaveText o, in XtMarkTginfo2 info, in SaveContext c)
    {
        o.Write(" --set-xmark 0x");
        o.Hex(info.mark);
        o.Write("/0x");
        o.Hex(info.mask);
    }

    /// <summary>
    /// A NAT range of any revision as <c>struct nf_nat_range2</c> (libxt_NAT.c's <c>RANGE2_INIT_FROM_*</c>): the
    /// addresses, ports and flags that <c>sprint_range</c> prints.
    /// </summary>
    private readonly struct NatRange
    {
        public readonly uint Flags;
        public readonly NfInetAddr Min;
        public readonly NfInetAddr Max;
        public readonly Be16 MinPort;
        public readonly Be16 MaxPort;
        public readonly Be16 BasePort;

        private NatRange(uint flags, in NfInetAddr min, in NfInetAddr max, Be16 minPort, Be16 maxPort, Be16 basePort)
        {
            Flags = flags;
            Min = min;
            Max = max;
            MinPort = minPort;
            MaxPort = maxPort;
            BasePort = basePort;
        }

        public static NatRange From(in NfNatIpv4MultiRangeCompat mr)
        {
            ref readonly var r = ref mr.range;
            NfInetAddr min = default, max = default;
            min.ip = r.min_ip;
            max.ip = r.max_ip;
            return new NatRange(r.flags, min, max, r.min.all, r.max.all, default);
        }

        public static NatRange From(in NfNatRange r) => new(r.flags, r.min_addr, r.max_addr, r.min_proto.all, r.max_proto.all, default);

        public static NatRange From(in NfNatRange2 r) => new(r.flags, r.min_addr, r.max_addr, r.min_proto.all, r.max_proto.all, r.base_proto.all);
    }

    // __NAT_print with sprint_range of libxt_NAT.c: REDIRECT and MASQUERADE drop the colon of a range without addresses.
    private static void Nat(SaveText o, in NatRange r, in SaveContext c, string option, bool skipColon)
    {
        bool ips = (r.Flags & NfNat.NF_NAT_RANGE_MAP_IPS) != 0;
        bool ports = (r.Flags & NfNat.NF_NAT_RANGE_PROTO_SPECIFIED) != 0;
        if (ips || ports)
        {
            o.Write(option);
            bool brackets = c.IsIPv6 && ports;
            if (ips)
            {
                if (brackets)
                {
                    o.Write('[');
                }

                Matches.Addr(o, r.Min, c);
                if (!Bytes(in r.Min.in6.s6_addr[0], NfInetAddr.SizeOf).SequenceEqual(Bytes(in r.Max.in6.s6_addr[0], NfInetAddr.SizeOf)))
                {
                    o.Write('-');
                    Matches.Addr(o, r.Max, c);
                }

                if (brackets)
                {
                    o.Write(']');
                }
            }

            if (ports)
            {
                if (ips || !skipColon)
                {
                    o.Write(':');
                }

                o.Num(r.MinPort.Value);
                if (r.MaxPort.Raw != r.MinPort.Raw)
                {
                    o.Write('-');
                    o.Num(r.MaxPort.Value);
                }

                if ((r.Flags & NfNat.NF_NAT_RANGE_PROTO_OFFSET) != 0)
                {
                    o.Write('/');
                    o.Num(r.BasePort.Value);
                }
            }
        }

        if ((r.Flags & NfNat.NF_NAT_RANGE_PROTO_RANDOM) != 0) o.Write(" --random");
        if ((r.Flags & NfNat.NF_NAT_RANGE_PROTO_RANDOM_FULLY) != 0) o.Write(" --random-fully");
        if ((r.Flags & NfNat.NF_NAT_RANGE_PERSISTENT) != 0) o.Write(" --persistent");
    }

    // NETMAP_save of libipt_NETMAP.c: the address, then the bits that min and max share as a prefix (or a mask).
    private static void Netmap4(SaveText o, in NfNatIpv4MultiRangeCompat info, in SaveContext c)
    {
        ref readonly var r = ref info.range;
        o.Write(" --to ");
        o.Ip(r.min_ip);
        var mask = new Be32(~(r.min_ip.Value ^ r.max_ip.Value));
        o.Write('/');
        int bits = SaveText.Cidr(mask.Value);
        if (bits < 0)
        {
            o.Ip(mask);
        }
        else
        {
            o.Int(bits);
        }
    }

    // NETMAP_save of libip6t_NETMAP.c.
    private static void Netmap6(SaveText o, in NfNatRange info, in SaveContext c)
    {
        o.Write(" --to ");
        var min = Bytes(in info.min_addr.in6.s6_addr[0], 16);
        var max = Bytes(in info.max_addr.in6.s6_addr[0], 16);
        o.Ip6(min);
        Span<byte> mask = stackalloc byte[16];
        for (int i = 0; i < 16; i++)
        {
            mask[i] = (byte)~(min[i] ^ max[i]);
        }

        o.Write('/');
        int bits = Inet6.Cidr(mask);
        if (bits < 0)
        {
            o.Ip6(mask);
        }
        else
        {
            o.Int(bits);
        }
    }

    // nflog_print of libxt_NFLOG.c (XT_NFLOG_DEFAULT_THRESHOLD is 0).
    private static void Nflog(SaveText o, in XtNflogInfo info, in SaveContext c)
    {
        var prefix = Bytes(in info.prefix[0], 64);
        if (prefix[0] != 0)
        {
            o.Write(" --nflog-prefix");
            o.SaveString(prefix);
        }

        if (info.group != 0)
        {
            o.Write(" --nflog-group ");
            o.Num(info.group);
        }

        if ((info.flags & XtTargetConstants.XT_NFLOG_F_COPY_LEN) != 0)
        {
            o.Write(" --nflog-size ");
            o.Num(info.len);
        }
        else if (info.len != 0)
        {
            o.Write(" --nflog-range ");
            o.Num(info.len);
        }

        if (info.threshold != 0)
        {
            o.Write(" --nflog-threshold ");
            o.Num(info.threshold);
        }
    }

    // NFQUEUE_save, _v1, _v2, _v3 of libxt_NFQUEUE.c.
    private static void Queue(SaveText o, ushort queue, ushort total, ushort flags)
    {
        if (total > 1)
        {
            o.Write(" --queue-balance ");
            o.Num(queue);
            o.Write(':');
            o.Num((uint)(total + queue - 1));
        }
        else
        {
            o.Write(" --queue-num ");
            o.Num(queue);
        }

        if ((flags & XtTargetConstants.NFQ_FLAG_BYPASS) != 0) o.Write(" --queue-bypass");
        if ((flags & XtTargetConstants.NFQ_FLAG_CPU_FANOUT) != 0) o.Write(" --queue-cpu-fanout");
    }

    // DNPT_save/SNPT_save of libip6t_DNPT.c/libip6t_SNPT.c.
    private static void Npt(SaveText o, in Ip6tNptTginfo info, in SaveContext c)
    {
        var src = Bytes(in info.src_pfx.in6.s6_addr[0], 16);
        if (src.ContainsAnyExcept((byte)0) || info.src_pfx_len != 0)
        {
            o.Write(" --src-pfx ");
            o.Ip6(src);
            o.Write('/');
            o.Num(info.src_pfx_len);
        }

        var dst = Bytes(in info.dst_pfx.in6.s6_addr[0], 16);
        if (dst.ContainsAnyExcept((byte)0) || info.dst_pfx_len != 0)
        {
            o.Write(" --dst-pfx ");
            o.Ip6(dst);
            o.Write('/');
            o.Num(info.dst_pfx_len);
        }
    }

    // __RATEEST_print of libxt_RATEEST.c with RATEEST_print_time (TIME_UNITS_PER_SEC is 1000000).
    private static void Rateest(SaveText o, in XtRateestTargetInfo info, in SaveContext c)
    {
        uint interval = (uint)((1000000u << (info.interval + 2)) / 4);
        uint ewma = interval * (1u << info.ewma_log);
        o.Write(" --rateest-name ");
        o.CString(Bytes(in info.name[0], 16));
        o.Write(" --rateest-interval");
        RateestTime(o, interval);
        o.Write(" --rateest-ewmalog");
        RateestTime(o, ewma);
    }

    private static void RateestTime(SaveText o, uint time)
    {
        double t = time;
        o.Write(' ');
        if (t >= 1000000)
        {
            o.Fixed(t / 1000000, 1);
            o.Write('s');
        }
        else if (t >= 1000)
        {
            o.Fixed(t / 1000, 1);
            o.Write("ms");
        }
        else
        {
            o.Num(time);
            o.Write("us");
        }
    }

    // reject_table of libipt_REJECT.c/libip6t_REJECT.c (entries compiled out print as glibc prints NULL).
    private static readonly string[] Reject4 =
    {
        "icmp-net-unreachable", "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-port-unreachable", "(null)",
        "icmp-net-prohibited", "icmp-host-prohibited", "tcp-reset", "icmp-admin-prohibited",
    };

    private static readonly string[] Reject6 =
    {
        "icmp6-no-route", "icmp6-adm-prohibited", "(null)", "icmp6-addr-unreachable", "icmp6-port-unreachable", "(null)",
        "tcp-reset", "icmp6-policy-fail", "icmp6-reject-route",
    };

    private static void Reject(SaveText o, uint with, string[] names)
    {
        o.Write(" --reject-with ");
        if (with < (uint)names.Length)
        {
            o.Write(names[with]);
        }
        else
        {
            o.Write("[unsupported: reject type ");
            o.Num(with);
            o.Write(']');
        }
    }

    // SECMARK_save / _v1 of libxt_SECMARK.c.
    private static void Secmark(SaveText o, byte mode, ReadOnlySpan<byte> context)
    {
        o.Write(" --");
        if (mode == XtTargetConstants.SECMARK_MODE_SEL)
        {
            o.Write("selctx ");
            o.CString(context);
        }
        else
        {
            o.Write("[unsupported: secmark mode]");
        }
    }

    // SYNPROXY_save of libxt_SYNPROXY.c.
    private static void Synproxy(SaveText o, in NfSynproxyInfo info, in SaveContext c)
    {
        if ((info.options & XtTargetConstants.XT_SYNPROXY_OPT_SACK_PERM) != 0) o.Write(" --sack-perm");
        if ((info.options & XtTargetConstants.XT_SYNPROXY_OPT_TIMESTAMP) != 0) o.Write(" --timestamp");
        if ((info.options & XtTargetConstants.XT_SYNPROXY_OPT_WSCALE) != 0)
        {
            o.Write(" --wscale ");
            o.Num(info.wscale);
        }

        if ((info.options & XtTargetConstants.XT_SYNPROXY_OPT_MSS) != 0)
        {
            o.Write(" --mss ");
            o.Num(info.mss);
        }

        if ((info.options & XtTargetConstants.XT_SYNPROXY_OPT_ECN) != 0) o.Write(" --ecn");
    }

    // TCPMSS_save of libxt_TCPMSS.c.
    private static void Tcpmss(SaveText o, in XtTcpmssInfo info, in SaveContext c)
    {
        if (info.mss == XtTargetConstants.XT_TCPMSS_CLAMP_PMTU)
        {
            o.Write(" --clamp-mss-to-pmtu");
        }
        else
        {
            o.Write(" --set-mss ");
            o.Num(info.mss);
        }
    }

    // tcpoptstrip_tg_save of libxt_TCPOPTSTRIP.c: the option numbers.
    private static void Tcpoptstrip(SaveText o, in XtTcpoptstripTargetInfo info, in SaveContext c)
    {
        bool first = true;
        for (int i = 0; i < 256; i++)
        {
            if ((info.strip_bmap[i >> 5] & (1u << (i & 31))) == 0)
            {
                continue;
            }

            o.Write(first ? " --strip-options " : ",");
            first = false;
            o.Num((uint)i);
        }
    }

    // tee_tg_save / tee_tg6_save of libxt_TEE.c.
    private static void Tee(SaveText o, in XtTeeTginfo info, in SaveContext c)
    {
        o.Write(" --gateway ");
        Matches.Addr(o, info.gw, c);
        var oif = Bytes(in info.oif[0], 16);
        if (oif[0] != 0)
        {
            o.Write(" --oif ");
            o.CString(oif);
        }
    }

    // tos_tg_save of libxt_TOS.c (revision 1).
    private static void Tos(SaveText o, in XtTosTargetInfo info, in SaveContext c)
    {
        o.Write(" --set-tos 0x");
        o.Hex(info.tos_value, 2);
        o.Write("/0x");
        o.Hex(info.tos_mask, 2);
    }

    // tproxy_tg_save of libxt_TPROXY.c (revision 0).
    private static void TproxyV0(SaveText o, in XtTproxyTargetInfo info, in SaveContext c)
    {
        o.Write(" --on-port ");
        o.Num(info.lport.Value);
        o.Write(" --on-ip ");
        o.Ip(info.laddr);
        TproxyMark(o, info.mark_value, info.mark_mask);
    }

    // tproxy_tg_save4/6 of libxt_TPROXY.c (revision 1).
    private static void TproxyV1(SaveText o, in XtTproxyTargetInfoV1 info, in SaveContext c)
    {
        o.Write(" --on-port ");
        o.Num(info.lport.Value);
        o.Write(" --on-ip ");
        Matches.Addr(o, info.laddr, c);
        TproxyMark(o, info.mark_value, info.mark_mask);
    }

    private static void TproxyMark(SaveText o, uint value, uint mask)
    {
        o.Write(" --tproxy-mark 0x");
        o.Hex(value);
        o.Write("/0x");
        o.Hex(mask);
    }

    // TTL_save of libipt_TTL.c.
    private static void Ttl(SaveText o, in IptTtlTargetInfo info, in SaveContext c)
    {
        o.Write(info.mode switch
        {
            IptExtensionConstants.IPT_TTL_SET => " --ttl-set",
            IptExtensionConstants.IPT_TTL_DEC => " --ttl-dec",
            IptExtensionConstants.IPT_TTL_INC => " --ttl-inc",
            _ => string.Empty,
        });
        o.Write(' ');
        o.Num(info.ttl);
    }

    // HL_save of libip6t_HL.c.
    private static void Hl(SaveText o, in Ip6tHlTargetInfo info, in SaveContext c)
    {
        o.Write(info.mode switch
        {
            Ip6tExtensionConstants.IP6T_HL_SET => " --hl-set",
            Ip6tExtensionConstants.IP6T_HL_DEC => " --hl-dec",
            Ip6tExtensionConstants.IP6T_HL_INC => " --hl-inc",
            _ => string.Empty,
        });
        o.Write(' ');
        o.Num(info.hop_limit);
    }
}
