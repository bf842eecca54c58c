using System;
using System.Runtime.InteropServices;
using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>
/// The save functions of the ip_tables/ip6_tables matches, ported from iptables 1.8.9's <c>extensions/lib*t_*.c</c>
/// (the function each one follows is named in its comment). Every payload is read through its catalog mirror.
/// </summary>
internal static unsafe partial class Matches
{
    private static readonly NameMap DeviceGroups = NameMap.Load("/etc/iproute2/group");
    private static readonly NameMap Realms = NameMap.Load("/etc/iproute2/rt_realms");

    public static void Register(DecoderTable t, XtFamily family)
    {
        bool v4 = family == XtFamily.IPv4;
        if (v4)
        {
            t.Add<XtAddrtypeInfo>("addrtype", 0, AddrtypeV0);
            t.Add<IptAh>("ah", 0, Ah4);
            t.Add<IptIcmp>("icmp", 0, Icmp);
            t.Add<NfOsfInfo>("osf", 0, Osf);
            t.Add<XtRealmInfo>("realm", 0, Realm);
            t.Add<XtSetInfoMatchV0>("set", 0, Sets.MatchV0);
            t.AddEmpty("socket", 0);
            t.Add<IptTtlInfo>("ttl", 0, Ttl);
        }
        else
        {
            t.Add<Ip6tAh>("ah", 0, Ah6);
            t.Add<Ip6tOpts>("dst", 0, (SaveText o, in Ip6tOpts i, in SaveContext c) => Ip6Opts(o, i, "dst"));
            t.Add<int>("eui64", 0, static (SaveText o, in int i, in SaveContext c) => { });
            t.Add<Ip6tFrag>("frag", 0, Frag);
            t.Add<Ip6tOpts>("hbh", 0, (SaveText o, in Ip6tOpts i, in SaveContext c) => Ip6Opts(o, i, "hbh"));
            t.Add<Ip6tHlInfo>("hl", 0, Hl);
            t.Add<Ip6tIcmp>("icmp6", 0, Icmp6);
            t.Add<Ip6tIpv6headerInfo>("ipv6header", 0, Ipv6header);
            t.Add<Ip6tMh>("mh", 0, Mh);
            t.Add<Ip6tRt>("rt", 0, Rt);
            t.Add<Ip6tSrh>("srh", 0, Srh);
            t.Add<Ip6tSrh1>("srh", 1, Srh1);
        }

        t.Add<XtAddrtypeInfoV1>("addrtype", 1, AddrtypeV1);
        t.Add<XtBpfInfo>("bpf", 0, Bpf);
        t.Add<XtBpfInfoV1>("bpf", 1, BpfV1);
        t.Add<XtCgroupInfoV0>("cgroup", 0, CgroupV0);
        t.Add<XtCgroupInfoV1>("cgroup", 1, CgroupV1);
        t.Add<XtCgroupInfoV2>("cgroup", 2, CgroupV2);
        t.Add<XtClusterMatchInfo>("cluster", 0, Cluster);
        t.Add<XtCommentInfo>("comment", 0, Comment);
        t.Add<XtConnbytesInfo>("connbytes", 0, Connbytes);
        t.Add<XtConnlabelMtinfo>("connlabel", 0, Connlabel);
        t.Add<XtConnlimitInfo>("connlimit", 1, Connlimit);
        t.Add<XtConnmarkMtinfo1>("connmark", 1, Connmark);
        t.Add<XtConntrackMtinfo1>("conntrack", 1, Conntrack.SaveV1, Conntrack.Alias);
        t.Add<XtConntrackMtinfo2>("conntrack", 2, Conntrack.SaveV2, Conntrack.Alias);
        t.Add<XtConntrackMtinfo3>("conntrack", 3, Conntrack.SaveV3, Conntrack.Alias);
        t.Add<XtCpuInfo>("cpu", 0, Cpu);
        t.Add<XtDccpInfo>("dccp", 0, Dccp);
        t.Add<XtDevgroupInfo>("devgroup", 0, Devgroup);
        t.Add<XtDscpInfo>("dscp", 0, Dscp);
        t.Add<XtEcnInfo>("ecn", 0, Ecn);
        t.Add<XtEsp>("esp", 0, Esp);
        t.Add<XtHashlimitMtinfo1>("hashlimit", 1, Hashlimit.SaveV1);
        t.Add<XtHashlimitMtinfo2>("hashlimit", 2, Hashlimit.SaveV2);
        t.Add<XtHashlimitMtinfo3>("hashlimit", 3, Hashlimit.SaveV3);
        t.Add<XtHelperInfo>("helper", 0, Helper);
        t.Add<XtIpcomp>("ipcomp", 0, Ipcomp);
        t.Add<XtIprangeMtinfo>("iprange", 1, Iprange);
        t.Add<XtLengthInfo>("length", 0, Length);
        t.Add<XtRateinfo>("limit", 0, Limit);
        t.Add<XtMacInfo>("mac", 0, Mac);
        t.Add<XtMarkMtinfo1>("mark", 1, Mark);
        t.Add<XtMultiportV1>("multiport", 1, Multiport);
        t.Add<XtNfacctMatchInfo>("nfacct", 0, Nfacct);
        t.Add<XtNfacctMatchInfoV1>("nfacct", 1, NfacctV1);
        t.Add<XtOwnerMatchInfo>("owner", 1, Owner);
        t.Add<XtPhysdevInfo>("physdev", 0, Physdev);
        t.Add<XtPkttypeInfo>("pkttype", 0, Pkttype);
        t.Add<XtPolicyInfo>("policy", 0, Policy);
        t.Add<XtQuotaInfo>("quota", 0, Quota);
        t.Add<XtRateestMatchInfo>("rateest", 0, Rateest);
        t.Add<XtRecentMtinfo>("recent", 0, RecentV0);
        t.Add<XtRecentMtinfoV1>("recent", 1, RecentV1);
        t.Add<XtRpfilterInfo>("rpfilter", 0, Rpfilter);
        t.Add<XtSctpInfo>("sctp", 0, Sctp.Save);
        t.Add<XtSetInfoMatchV1>("set", 1, Sets.MatchV1);
        t.Add<XtSetInfoMatchV1>("set", 2, Sets.MatchV2);
        t.Add<XtSetInfoMatchV3>("set", 3, Sets.MatchV3);
        t.Add<XtSetInfoMatchV4>("set", 4, Sets.MatchV4);
        t.Add<XtSocketMtinfo1>("socket", 1, (SaveText o, in XtSocketMtinfo1 i, in SaveContext c) => Socket(o, i.flags, XtSocket.XT_SOCKET_TRANSPARENT));
        t.Add<XtSocketMtinfo2>("socket", 2, (SaveText o, in XtSocketMtinfo2 i, in SaveContext c) => Socket(o, i.flags, XtSocket.XT_SOCKET_TRANSPARENT | XtSocket.XT_SOCKET_NOWILDCARD));
        t.Add<XtSocketMtinfo3>("socket", 3, (SaveText o, in XtSocketMtinfo3 i, in SaveContext c) => Socket(o, i.flags, 0xFF));
        t.Add<XtStateInfo>("state", 0, State);
        t.Add<XtStatisticInfo>("statistic", 0, Statistic);
        t.Add<XtStringInfo>("string", 1, String);
        t.Add<XtTcp>("tcp", 0, Tcp);
        t.Add<XtTcpmssMatchInfo>("tcpmss", 0, Tcpmss);
        t.Add<XtTimeInfo>("time", 0, Time);
        t.Add<XtTosMatchInfo>("tos", 1, Tos);
        t.Add<XtU32>("u32", 0, U32);
        t.Add<XtUdp>("udp", 0, Udp);
    }

    private static string Inv(bool invert) => invert ? " !" : "";

    private static ReadOnlySpan<byte> Bytes(in byte first, int length) => MemoryMarshal.CreateReadOnlySpan(in first, length);

    // addrtype_save_v0/v1 and print_types of libxt_addrtype.c.
    private static readonly string[] RtnNames =
        { "UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST", "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE" };

    private static void AddrTypes(SaveText o, ushort mask)
    {
        string sep = string.Empty;
        for (int i = 0; i < RtnNames.Length; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                o.Write(sep);
                o.Write(RtnNames[i]);
                sep = ",";
            }
        }
    }

    private static void AddrtypeV0(SaveText o, in XtAddrtypeInfo info, in SaveContext c)
    {
        if (info.source != 0)
        {
            o.Write(Inv(info.invert_source != 0));
            o.Write(" --src-type ");
            AddrTypes(o, info.source);
        }

        if (info.dest != 0)
        {
            o.Write(Inv(info.invert_dest != 0));
            o.Write(" --dst-type ");
            AddrTypes(o, info.dest);
        }
    }

    private static void AddrtypeV1(SaveText o, in XtAddrtypeInfoV1 info, in SaveContext c)
    {
        if (info.source != 0)
        {
            o.Write(Inv((info.flags & XtAddrtype.XT_ADDRTYPE_INVERT_SOURCE) != 0));
            o.Write(" --src-type ");
            AddrTypes(o, info.source);
        }

        if (info.dest != 0)
        {
            o.Write(Inv((info.flags & XtAddrtype.XT_ADDRTYPE_INVERT_DEST) != 0));
            o.Write(" --dst-type ");
            AddrTypes(o, info.dest);
        }

        if ((info.flags & XtAddrtype.XT_ADDRTYPE_LIMIT_IFACE_IN) != 0)
        {
            o.Write(" --limit-iface-in");
        }

        if ((info.flags & XtAddrtype.XT_ADDRTYPE_LIMIT_IFACE_OUT) != 0)
        {
            o.Write(" --limit-iface-out");
        }
    }

    // The "--xxspi n[:m]" of ah_save (libipt_ah.c, libip6t_ah.c), esp_save and comp_save.
    private static void Spis(SaveText o, string option, uint min, uint max, bool invert)
    {
        if (min == 0 && max == uint.MaxValue)
        {
            return;
        }

        o.Write(Inv(invert));
        o.Write(option);
        o.Num(min);
        if (min != max)
        {
            o.Write(':');
            o.Num(max);
        }
    }

    private static void Ah4(SaveText o, in IptAh info, in SaveContext c)
        => Spis(o, " --ahspi ", info.spis[0], info.spis[1], (info.invflags & IptExtensionConstants.IPT_AH_INV_SPI) != 0);

    private static void Ah6(SaveText o, in Ip6tAh info, in SaveContext c)
    {
        Spis(o, " --ahspi ", info.spis[0], info.spis[1], (info.invflags & Ip6tExtensionConstants.IP6T_AH_INV_SPI) != 0);
        if (info.hdrlen != 0 || (info.invflags & Ip6tExtensionConstants.IP6T_AH_INV_LEN) != 0)
        {
            o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_AH_INV_LEN) != 0));
            o.Write(" --ahlen ");
            o.Num(info.hdrlen);
        }

        if (info.hdrres != 0)
        {
            o.Write(" --ahres");
        }
    }

    private static void Esp(SaveText o, in XtEsp info, in SaveContext c)
        => Spis(o, " --espspi ", info.spis[0], info.spis[1], (info.invflags & XtSmallMatches.XT_ESP_INV_SPI) != 0);

    private static void Ipcomp(SaveText o, in XtIpcomp info, in SaveContext c)
    {
        Spis(o, " --ipcompspi ", info.spis[0], info.spis[1], (info.invflags & XtSmallMatches.XT_IPCOMP_INV_SPI) != 0);
        if (info.hdrres != 0)
        {
            o.Write(" --compres");
        }
    }

    // bpf_save and bpf_save_v1 of libxt_bpf.c.
    private static void Bpf(SaveText o, in XtBpfInfo info, in SaveContext c) => BpfCode(o, info.bpf_program_num_elem, info.bpf_program);

    private static void BpfV1(SaveText o, in XtBpfInfoV1 info, in SaveContext c)
    {
        switch (info.mode)
        {
            case XtBpf.XT_BPF_MODE_BYTECODE:
                BpfCode(o, info.bpf_program_num_elem, info.u.bpf_program);
                break;
            case XtBpf.XT_BPF_MODE_FD_PINNED:
                o.Write(" --object-pinned ");
                o.CString(Bytes(in info.u.path[0], XtBpf.XT_BPF_PATH_MAX));
                break;
            default:
                // iptables stops with "unknown bpf mode".
                o.Write(" [unsupported: bpf mode ");
                o.Num(info.mode);
                o.Write(']');
                break;
        }
    }

    // bpf_save_code: the instruction count, then "code jt jf k" per instruction.
    private static void BpfCode(SaveText o, ushort count, in XtBpfProgram program)
    {
        int n = Math.Min((int)count, XtBpf.XT_BPF_MAX_NUM_INSTR);
        o.Write(" --bytecode \"");
        o.Num(count);
        o.Write(',');
        for (int i = 0; i < n; i++)
        {
            ref readonly var insn = ref program[i];
            o.Num(insn.code);
            o.Write(' ');
            o.Num(insn.jt);
            o.Write(' ');
            o.Num(insn.jf);
            o.Write(' ');
            o.Num(insn.k);
            o.Write(i + 1 < n ? ',' : '"');
        }
    }

    // cgroup_save_v0/v1/v2 of libxt_cgroup.c.
    private static void CgroupV0(SaveText o, in XtCgroupInfoV0 info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --cgroup ");
        o.Num(info.id);
    }

    private static void CgroupV1(SaveText o, in XtCgroupInfoV1 info, in SaveContext c)
    {
        if (info.has_path != 0)
        {
            o.Write(Inv(info.invert_path != 0));
            o.Write(" --path");
            o.SaveString(Bytes(in info.path[0], 4096));
        }

        if (info.has_classid != 0)
        {
            o.Write(Inv(info.invert_classid != 0));
            o.Write(" --cgroup ");
            o.Num(info.classid);
        }
    }

    private static void CgroupV2(SaveText o, in XtCgroupInfoV2 info, in SaveContext c)
    {
        if (info.has_path != 0)
        {
            o.Write(Inv(info.invert_path != 0));
            o.Write(" --path");
            o.SaveString(Bytes(in info.u.path[0], XtCgroup.XT_CGROUP_PATH_MAX));
        }

        if (info.has_classid != 0)
        {
            o.Write(Inv(info.invert_classid != 0));
            o.Write(" --cgroup ");
            o.Num(info.u.classid);
        }
    }

    // cluster_save of libxt_cluster.c.
    private static void Cluster(SaveText o, in XtClusterMatchInfo info, in SaveContext c)
    {
        o.Write((info.flags & XtSmallMatches.XT_CLUSTER_F_INV) != 0 ? " ! --cluster-local-nodemask 0x" : " --cluster-local-nodemask 0x");
        o.Hex(info.node_mask, 8);
        o.Write(" --cluster-total-nodes ");
        o.Num(info.total_nodes);
        o.Write(" --cluster-hash-seed 0x");
        o.Hex(info.hash_seed, 8);
    }

    // comment_save of libxt_comment.c.
    private static void Comment(SaveText o, in XtCommentInfo info, in SaveContext c)
    {
        o.Write(" --comment");
        o.SaveString(Bytes(in info.comment[0], XtComment.XT_MAX_COMMENT_LEN - 1));
    }

    // connbytes_save of libxt_connbytes.c.
    private static void Connbytes(SaveText o, in XtConnbytesInfo info, in SaveContext c)
    {
        ulong from = info.count.from, to = info.count.to;
        if (from > to)
        {
            o.Write(" !");
            (from, to) = (to, from);
        }

        o.Write(" --connbytes ");
        o.Num(from);
        if (to != 0 && to < ulong.MaxValue)
        {
            o.Write(':');
            o.Num(to);
        }

        o.Write(" --connbytes-mode");
        o.Write(info.what switch
        {
            XtConnbytes.XT_CONNBYTES_PKTS => " packets",
            XtConnbytes.XT_CONNBYTES_BYTES => " bytes",
            XtConnbytes.XT_CONNBYTES_AVGPKT => " avgpkt",
            _ => " unknown",
        });
        o.Write(" --connbytes-dir");
        o.Write(info.direction switch
        {
            XtConnbytes.XT_CONNBYTES_DIR_ORIGINAL => " original",
            XtConnbytes.XT_CONNBYTES_DIR_REPLY => " reply",
            XtConnbytes.XT_CONNBYTES_DIR_BOTH => " both",
            _ => " unknown",
        });
    }

    // connlabel_mt_save of libxt_connlabel.c (label names come from libnetfilter_conntrack's connlabel.conf).
    private static void Connlabel(SaveText o, in XtConnlabelMtinfo info, in SaveContext c)
    {
        o.Write(Inv((info.options & XtSmallMatches.XT_CONNLABEL_OP_INVERT) != 0));
        o.Write(" --label \"");
        if (ConnLabels.Name(info.bit) is string name)
        {
            o.Write(name);
        }
        else
        {
            o.Num(info.bit);
        }

        o.Write('"');
        if ((info.options & XtSmallMatches.XT_CONNLABEL_OP_SET) != 0)
        {
            o.Write(" --set");
        }
    }

    // connlimit_save4/6 of libxt_connlimit.c: the mask as a prefix length (count_bits4/6).
    private static void Connlimit(SaveText o, in XtConnlimitInfo info, in SaveContext c)
    {
        o.Write((info.flags & XtConnlimit.XT_CONNLIMIT_INVERT) != 0 ? " --connlimit-upto " : " --connlimit-above ");
        o.Num(info.limit);
        o.Write(" --connlimit-mask ");

        // count_bits4/count_bits6: the width minus the bits up to the highest one of each inverted word.
        int words = c.IsIPv6 ? 4 : 1, bits = 0;
        for (int w = 0; w < words; w++)
        {
            uint inverted = ~info.u.mask.ip6[w].Value;
            bits += 32 - System.Numerics.BitOperations.LeadingZeroCount(inverted);
        }

        o.Num((uint)(32 * words - bits));
        if (c.Revision >= 1)
        {
            o.Write((info.flags & XtConnlimit.XT_CONNLIMIT_DADDR) != 0 ? " --connlimit-daddr" : " --connlimit-saddr");
        }
    }

    // connmark_mt_save of libxt_connmark.c.
    private static void Connmark(SaveText o, in XtConnmarkMtinfo1 info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --mark");
        o.ValMask(info.mark, info.mask);
    }

    // cpu_save of libxt_cpu.c.
    private static void Cpu(SaveText o, in XtCpuInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --cpu ");
        o.Num(info.cpu);
    }

    private static readonly string[] DccpTypes =
        { "REQUEST", "RESPONSE", "DATA", "ACK", "DATAACK", "CLOSEREQ", "CLOSE", "RESET", "SYNC", "SYNCACK", "INVALID" };

    // dccp_save of libxt_dccp.c.
    private static void Dccp(SaveText o, in XtDccpInfo info, in SaveContext c)
    {
        if ((info.flags & XtSctp.XT_DCCP_SRC_PORTS) != 0)
        {
            o.Write(Inv((info.invflags & XtSctp.XT_DCCP_SRC_PORTS) != 0));
            PortRange(o, " --sport ", info.spts[0], info.spts[1]);
        }

        if ((info.flags & XtSctp.XT_DCCP_DEST_PORTS) != 0)
        {
            o.Write(Inv((info.invflags & XtSctp.XT_DCCP_DEST_PORTS) != 0));
            PortRange(o, " --dport ", info.dpts[0], info.dpts[1]);
        }

        if ((info.flags & XtSctp.XT_DCCP_TYPE) != 0)
        {
            o.Write(Inv((info.invflags & XtSctp.XT_DCCP_TYPE) != 0));
            o.Write(" --dccp-types ");
            ushort types = info.typemask;
            bool first = true;
            while (types != 0)
            {
                int i = System.Numerics.BitOperations.TrailingZeroCount(types);
                o.Write(first ? string.Empty : ",");
                first = false;
                if (i < DccpTypes.Length)
                {
                    o.Write(DccpTypes[i]);
                }

                if (i == DccpTypes.Length - 1)
                {
                    break;
                }

                types &= (ushort)~(1 << i);
            }
        }

        if ((info.flags & XtSctp.XT_DCCP_OPTION) != 0)
        {
            o.Write(Inv((info.invflags & XtSctp.XT_DCCP_OPTION) != 0));
            o.Write(" --dccp-option ");
            o.Num(info.option);
        }
    }

    // " --sport a[:b]" of dccp_save, sctp_save (no inversion sign here).
    internal static void PortRange(SaveText o, string option, ushort min, ushort max)
    {
        o.Write(option);
        o.Num(min);
        if (min != max)
        {
            o.Write(':');
            o.Num(max);
        }
    }

    // devgroup_save of libxt_devgroup.c (names from /etc/iproute2/group).
    private static void Devgroup(SaveText o, in XtDevgroupInfo info, in SaveContext c)
    {
        if ((info.flags & XtSmallMatches.XT_DEVGROUP_MATCH_SRC) != 0)
        {
            o.Write(Inv((info.flags & XtSmallMatches.XT_DEVGROUP_INVERT_SRC) != 0));
            o.Write(" --src-group");
            o.ValMask(info.src_group, info.src_mask, DeviceGroups);
        }

        if ((info.flags & XtSmallMatches.XT_DEVGROUP_MATCH_DST) != 0)
        {
            o.Write(Inv((info.flags & XtSmallMatches.XT_DEVGROUP_INVERT_DST) != 0));
            o.Write(" --dst-group");
            o.ValMask(info.dst_group, info.dst_mask, DeviceGroups);
        }
    }

    // dscp_save of libxt_dscp.c.
    private static void Dscp(SaveText o, in XtDscpInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --dscp 0x");
        o.Hex(info.dscp, 2);
    }

    // ecn_save of libxt_ecn.c.
    private static void Ecn(SaveText o, in XtEcnInfo info, in SaveContext c)
    {
        if ((info.operation & XtEcn.XT_ECN_OP_MATCH_ECE) != 0)
        {
            o.Write(Inv((info.invert & XtEcn.XT_ECN_OP_MATCH_ECE) != 0));
            o.Write(" --ecn-tcp-ece");
        }

        if ((info.operation & XtEcn.XT_ECN_OP_MATCH_CWR) != 0)
        {
            o.Write(Inv((info.invert & XtEcn.XT_ECN_OP_MATCH_CWR) != 0));
            o.Write(" --ecn-tcp-cwr");
        }

        if ((info.operation & XtEcn.XT_ECN_OP_MATCH_IP) != 0)
        {
            o.Write(Inv((info.invert & XtEcn.XT_ECN_OP_MATCH_IP) != 0));
            o.Write(" --ecn-ip-ect ");
            o.Int(info.ip_ect);
        }
    }

    // helper_save of libxt_helper.c.
    private static void Helper(SaveText o, in XtHelperInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --helper");
        o.SaveString(Bytes(in info.name[0], 30));
    }

    // icmp_save of libipt_icmp.c.
    private static void Icmp(SaveText o, in IptIcmp info, in SaveContext c)
    {
        o.Write(Inv((info.invflags & IptExtensionConstants.IPT_ICMP_INV) != 0));
        if (info.type == 0xFF)
        {
            o.Write(" --icmp-type any");
            return;
        }

        o.Write(" --icmp-type ");
        o.Num(info.type);
        if (info.code[0] != 0 || info.code[1] != 0xFF)
        {
            o.Write('/');
            o.Num(info.code[0]);
        }
    }

    // icmp6_save of libip6t_icmp6.c.
    private static void Icmp6(SaveText o, in Ip6tIcmp info, in SaveContext c)
    {
        o.Write(Inv((info.invflags & Ip6tExtensionConstants.IP6T_ICMP_INV) != 0));
        o.Write(" --icmpv6-type ");
        o.Num(info.type);
        if (info.code[0] != 0 || info.code[1] != 0xFF)
        {
            o.Write('/');
            o.Num(info.code[0]);
        }
    }

    // iprange_mt4_save/iprange_mt6_save of libxt_iprange.c.
    private static void Iprange(SaveText o, in XtIprangeMtinfo info, in SaveContext c)
    {
        if ((info.flags & XtIprange.IPRANGE_SRC) != 0)
        {
            o.Write(Inv((info.flags & XtIprange.IPRANGE_SRC_INV) != 0));
            o.Write(" --src-range ");
            Addr(o, info.src_min, c);
            o.Write('-');
            Addr(o, info.src_max, c);
        }

        if ((info.flags & XtIprange.IPRANGE_DST) != 0)
        {
            o.Write(Inv((info.flags & XtIprange.IPRANGE_DST_INV) != 0));
            o.Write(" --dst-range ");
            Addr(o, info.dst_min, c);
            o.Write('-');
            Addr(o, info.dst_max, c);
        }
    }

    /// <summary>An <c>nf_inet_addr</c> as the family prints it (<c>xtables_ip[6]addr_to_numeric</c>).</summary>
    internal static void Addr(SaveText o, in NfInetAddr a, in SaveContext c)
    {
        if (c.IsIPv6)
        {
            o.Ip6(Bytes(in a.in6.s6_addr[0], 16));
        }
        else
        {
            o.Ip(a.ip);
        }
    }

    /// <summary>The mask of an <c>nf_inet_addr</c> as the family prints it (<c>xtables_ip[6]mask_to_numeric</c>).</summary>
    internal static void Mask(SaveText o, in NfInetAddr m, in SaveContext c)
    {
        if (c.IsIPv6)
        {
            o.Ip6Mask(Bytes(in m.in6.s6_addr[0], 16));
        }
        else
        {
            o.IpMask(m.ip);
        }
    }

    // length_save of libxt_length.c.
    private static void Length(SaveText o, in XtLengthInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --length ");
        o.Num(info.min);
        if (info.min != info.max)
        {
            o.Write(':');
            o.Num(info.max);
        }
    }

    private static readonly (string Name, ulong Mult)[] LimitRates =
        { ("day", XtLimit.XT_LIMIT_SCALE * 24UL * 60 * 60), ("hour", XtLimit.XT_LIMIT_SCALE * 60UL * 60), ("min", XtLimit.XT_LIMIT_SCALE * 60UL), ("sec", XtLimit.XT_LIMIT_SCALE) };

    /// <summary><c>print_rate</c> of libxt_limit.c and libxt_hashlimit.c: the coarsest unit that shows the period exactly enough.</summary>
    internal static void Rate(SaveText o, ulong period, (string Name, ulong Mult)[] rates)
    {
        if (period == 0)
        {
            o.Write(' ');
            o.Fixed(double.PositiveInfinity, 6);
            return;
        }

        int i;
        for (i = 1; i < rates.Length; ++i)
        {
            if (period > rates[i].Mult || rates[i].Mult / period < rates[i].Mult % period)
            {
                break;
            }
        }

        o.Write(' ');
        o.Num(rates[i - 1].Mult / period);
        o.Write('/');
        o.Write(rates[i - 1].Name);
    }

    // limit_save of libxt_limit.c (XT_LIMIT_BURST, the default burst, is 5).
    private static void Limit(SaveText o, in XtRateinfo info, in SaveContext c)
    {
        o.Write(" --limit");
        Rate(o, info.avg, LimitRates);
        if (info.burst != 5)
        {
            o.Write(" --limit-burst ");
            o.Num(info.burst);
        }
    }

    // mac_save of libxt_mac.c.
    private static void Mac(SaveText o, in XtMacInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --mac-source ");
        o.Mac(Bytes(in info.srcaddr[0], 6));
    }

    // mark_mt_save of libxt_mark.c.
    private static void Mark(SaveText o, in XtMarkMtinfo1 info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --mark");
        o.ValMask(info.mark, info.mask);
    }

    // __multiport_save_v1 of libxt_multiport.c (ports are printed as numbers in a save).
    private static void Multiport(SaveText o, in XtMultiportV1 info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(info.flags switch
        {
            XtMultiportConstants.XT_MULTIPORT_SOURCE => " --sports ",
            XtMultiportConstants.XT_MULTIPORT_DESTINATION => " --dports ",
            XtMultiportConstants.XT_MULTIPORT_EITHER => " --ports ",
            _ => string.Empty,
        });
        int count = Math.Min((int)info.count, XtMultiportConstants.XT_MULTI_PORTS);
        for (int i = 0; i < count; i++)
        {
            o.Write(i != 0 ? "," : string.Empty);
            o.Num(info.ports[i]);
            if (info.pflags[i] != 0 && i + 1 < XtMultiportConstants.XT_MULTI_PORTS)
            {
                o.Write(':');
                o.Num(info.ports[++i]);
            }
        }
    }

    // nfacct_save of libxt_nfacct.c (revision 1 is read through the same name).
    private static void Nfacct(SaveText o, in XtNfacctMatchInfo info, in SaveContext c)
    {
        o.Write(" --nfacct-name ");
        o.SaveString(Bytes(in info.name[0], 32));
    }

    private static void NfacctV1(SaveText o, in XtNfacctMatchInfoV1 info, in SaveContext c)
    {
        o.Write(" --nfacct-name ");
        o.SaveString(Bytes(in info.name[0], 32));
    }

    // osf_save of libxt_osf.c (XT_OSF_GENRE 1, XT_OSF_TTL 2, XT_OSF_LOG 4, XT_OSF_INVERT 8 in nfnetlink_osf.h).
    private static void Osf(SaveText o, in NfOsfInfo info, in SaveContext c)
    {
        o.Write(Inv((info.flags & 8) != 0));
        o.Write(" --genre ");
        o.CString(Bytes(in info.genre[0], 32));
        if ((info.flags & 2) != 0)
        {
            o.Write(" --ttl ");
            o.Num(info.ttl);
        }

        if ((info.flags & 4) != 0)
        {
            o.Write(" --log ");
            o.Num(info.loglevel);
        }
    }

    // owner_mt_save of libxt_owner.c (numeric: a save prints ids).
    private static void Owner(SaveText o, in XtOwnerMatchInfo info, in SaveContext c)
    {
        OwnerItem(o, info, " --socket-exists", XtOwner.XT_OWNER_SOCKET);
        OwnerItem(o, info, " --uid-owner", XtOwner.XT_OWNER_UID);
        OwnerItem(o, info, " --gid-owner", XtOwner.XT_OWNER_GID);
        OwnerItem(o, info, " --suppl-groups", XtOwner.XT_OWNER_SUPPL_GROUPS);
    }

    private static void OwnerItem(SaveText o, in XtOwnerMatchInfo info, string label, byte flag)
    {
        if ((info.match & flag) == 0)
        {
            return;
        }

        o.Write(Inv((info.invert & flag) != 0));
        o.Write(label);
        (uint min, uint max) = flag switch
        {
            XtOwner.XT_OWNER_UID => (info.uid_min, info.uid_max),
            XtOwner.XT_OWNER_GID => (info.gid_min, info.gid_max),
            _ => (0u, 0u),
        };
        if (flag is XtOwner.XT_OWNER_UID or XtOwner.XT_OWNER_GID)
        {
            o.Write(' ');
            o.Num(min);
            if (min != max)
            {
                o.Write('-');
                o.Num(max);
            }
        }
    }

    // physdev_save of libxt_physdev.c.
    private static void Physdev(SaveText o, in XtPhysdevInfo info, in SaveContext c)
    {
        if ((info.bitmask & XtPhysdev.XT_PHYSDEV_OP_ISIN) != 0)
        {
            o.Write(Inv((info.invert & XtPhysdev.XT_PHYSDEV_OP_ISIN) != 0));
            o.Write(" --physdev-is-in");
        }

        if ((info.bitmask & XtPhysdev.XT_PHYSDEV_OP_IN) != 0)
        {
            o.Write(Inv((info.invert & XtPhysdev.XT_PHYSDEV_OP_IN) != 0));
            o.Write(" --physdev-in ");
            o.CString(Bytes(in info.physindev[0], 16));
        }

        if ((info.bitmask & XtPhysdev.XT_PHYSDEV_OP_ISOUT) != 0)
        {
            o.Write(Inv((info.invert & XtPhysdev.XT_PHYSDEV_OP_ISOUT) != 0));
            o.Write(" --physdev-is-out");
        }

        if ((info.bitmask & XtPhysdev.XT_PHYSDEV_OP_OUT) != 0)
        {
            o.Write(Inv((info.invert & XtPhysdev.XT_PHYSDEV_OP_OUT) != 0));
            o.Write(" --physdev-out ");
            o.CString(Bytes(in info.physoutdev[0], 16));
        }

        if ((info.bitmask & XtPhysdev.XT_PHYSDEV_OP_BRIDGED) != 0)
        {
            o.Write(Inv((info.invert & XtPhysdev.XT_PHYSDEV_OP_BRIDGED) != 0));
            o.Write(" --physdev-is-bridged");
        }
    }

    // pkttype_save of libxt_pkttype.c: PACKET_HOST 0, PACKET_BROADCAST 1, PACKET_MULTICAST 2, PACKET_OTHERHOST 3.
    private static void Pkttype(SaveText o, in XtPkttypeInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --pkt-type ");
        switch (info.pkttype)
        {
            case 0: o.Write("unicast"); break;
            case 1: o.Write("broadcast"); break;
            case 2: o.Write("multicast"); break;
            case 3: o.Write("otherhost"); break;
            default: o.Int(info.pkttype); break;
        }
    }

    // policy4_save/policy6_save of libxt_policy.c.
    private static void Policy(SaveText o, in XtPolicyInfo info, in SaveContext c)
    {
        o.Write((info.flags & XtPolicy.XT_POLICY_MATCH_IN) != 0 ? " --dir in" : " --dir out");
        o.Write((info.flags & XtPolicy.XT_POLICY_MATCH_NONE) != 0 ? " --pol none" : " --pol ipsec");
        if ((info.flags & XtPolicy.XT_POLICY_MATCH_STRICT) != 0)
        {
            o.Write(" --strict");
        }

        int len = Math.Min((int)info.len, XtPolicy.XT_POLICY_MAX_ELEM);
        for (int i = 0; i < len; i++)
        {
            PolicyElement(o, info.pol[i], c);
            if (i + 1 < len)
            {
                o.Write(" --next");
            }
        }
    }

    private static void PolicyElement(SaveText o, in XtPolicyElem e, in SaveContext c)
    {
        if (e.match.reqid != 0)
        {
            o.Write(Inv(e.invert.reqid != 0));
            o.Write(" --reqid ");
            o.Num(e.reqid);
        }

        if (e.match.spi != 0)
        {
            o.Write(Inv(e.invert.spi != 0));
            o.Write(" --spi 0x");
            o.Hex(e.spi.Raw);
        }

        if (e.match.proto != 0)
        {
            o.Write(Inv(e.invert.proto != 0));
            o.Write(" --proto ");
            if (Protocols.FromDatabase(e.proto) is string name)
            {
                o.Write(name);
            }
            else
            {
                o.Num(e.proto);
            }
        }

        if (e.match.mode != 0)
        {
            o.Write(Inv(e.invert.mode != 0));
            o.Write(" --mode ");
            o.Write(e.mode switch
            {
                XtPolicy.XT_POLICY_MODE_TRANSPORT => "transport",
                XtPolicy.XT_POLICY_MODE_TUNNEL => "tunnel",
                _ => "???",
            });
        }

        if (e.match.daddr != 0)
        {
            o.Write(Inv(e.invert.daddr != 0));
            o.Write(" --tunnel-dst ");
            PolicyAddress(o, e.u.a.daddr, e.u.a.dmask, c);
        }

        if (e.match.saddr != 0)
        {
            o.Write(Inv(e.invert.saddr != 0));
            o.Write(" --tunnel-src ");
            PolicyAddress(o, e.u.a.saddr, e.u.a.smask, c);
        }
    }

    private static void PolicyAddress(SaveText o, in XtPolicyAddr address, in XtPolicyAddr mask, in SaveContext c)
    {
        if (c.IsIPv6)
        {
            o.Ip6(Bytes(in address.a6.s6_addr[0], 16));
            o.Ip6Mask(Bytes(in mask.a6.s6_addr[0], 16));
        }
        else
        {
            o.Ip(address.a4.s_addr);
            o.IpMask(mask.a4.s_addr);
        }
    }

    // quota_save of libxt_quota.c.
    private static void Quota(SaveText o, in XtQuotaInfo info, in SaveContext c)
    {
        o.Write(Inv((info.flags & XtSmallMatches.XT_QUOTA_INVERT) != 0));
        o.Write(" --quota ");
        o.Num(info.quota);
    }

    // rateest_save of libxt_rateest.c.
    private static void Rateest(SaveText o, in XtRateestMatchInfo info, in SaveContext c)
    {
        if ((info.flags & XtLimit.XT_RATEEST_MATCH_DELTA) != 0)
        {
            o.Write(" --rateest-delta");
        }

        if ((info.flags & XtLimit.XT_RATEEST_MATCH_REL) != 0)
        {
            o.Write(" --rateest1 ");
            o.CString(Bytes(in info.name1[0], 16));
            RateestRates(o, info);
            o.Write(" --rateest2 ");
            o.CString(Bytes(in info.name2[0], 16));
        }
        else
        {
            o.Write(" --rateest ");
            o.CString(Bytes(in info.name1[0], 16));
            RateestRates(o, info);
        }
    }

    private static void RateestRates(SaveText o, in XtRateestMatchInfo info)
    {
        if ((info.flags & XtLimit.XT_RATEEST_MATCH_BPS) != 0)
        {
            RateestRate(o, info, "bps", info.bps1, info.bps2, numeric: false);
        }

        if ((info.flags & XtLimit.XT_RATEEST_MATCH_PPS) != 0)
        {
            RateestRate(o, info, "pps", info.pps1, info.pps2, numeric: true);
        }
    }

    private static void RateestRate(SaveText o, in XtRateestMatchInfo info, string name, uint r1, uint r2, bool numeric)
    {
        if ((info.flags & XtLimit.XT_RATEEST_MATCH_DELTA) != 0)
        {
            o.Write(" --rateest-");
            o.Write(name);
            o.Write('1');
            RateestValue(o, r1, numeric);
            RateestMode(o, info);
            o.Write(" --rateest-");
            o.Write(name);
            o.Write('2');
        }
        else
        {
            RateestMode(o, info);
            o.Write(" --rateest-");
            o.Write(name);
        }

        if ((info.flags & (XtLimit.XT_RATEEST_MATCH_ABS | XtLimit.XT_RATEEST_MATCH_DELTA)) != 0)
        {
            RateestValue(o, r2, numeric);
        }
    }

    private static void RateestMode(SaveText o, in XtRateestMatchInfo info)
    {
        o.Write(Inv((info.flags & XtLimit.XT_RATEEST_MATCH_INVERT) != 0));
        o.Write(info.mode switch
        {
            XtLimit.XT_RATEEST_MATCH_EQ => " --rateest-eq",
            XtLimit.XT_RATEEST_MATCH_LT => " --rateest-lt",
            XtLimit.XT_RATEEST_MATCH_GT => " --rateest-gt",
            _ => " [unsupported: rateest mode]",
        });
    }

    // rateest_print_rate: bytes/s as bits with a unit, %.0f.
    private static void RateestValue(SaveText o, uint rate, bool numeric)
    {
        o.Write(' ');
        if (numeric)
        {
            o.Num(rate);
            return;
        }

        double bits = (double)rate * 8;
        if (bits >= 1000.0 * 1000000.0)
        {
            o.Fixed(bits / 1000000.0, 0);
            o.Write("Mbit");
        }
        else if (bits >= 1000.0 * 1000.0)
        {
            o.Fixed(bits / 1000.0, 0);
            o.Write("Kbit");
        }
        else
        {
            o.Fixed(bits, 0);
            o.Write("bit");
        }
    }

    // realm_save of libipt_realm.c (names from /etc/iproute2/rt_realms).
    private static void Realm(SaveText o, in XtRealmInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --realm");
        o.ValMask(info.id, info.mask, Realms);
    }

    // recent_save of libxt_recent.c; revision 0 prints no mask.
    private static void RecentV0(SaveText o, in XtRecentMtinfo info, in SaveContext c)
    {
        RecentHead(o, info.invert, info.check_set, info.seconds, info.hit_count, Bytes(in info.name[0], XtRecent.XT_RECENT_NAME_LEN));
        RecentSide(o, info.side);
    }

    private static void RecentV1(SaveText o, in XtRecentMtinfoV1 info, in SaveContext c)
    {
        RecentHead(o, info.invert, info.check_set, info.seconds, info.hit_count, Bytes(in info.name[0], XtRecent.XT_RECENT_NAME_LEN));
        o.Write(" --mask ");
        Addr(o, info.mask, c);
        RecentSide(o, info.side);
    }

    private static void RecentHead(SaveText o, byte invert, byte checkSet, uint seconds, uint hitCount, ReadOnlySpan<byte> name)
    {
        o.Write(Inv(invert != 0));
        if ((checkSet & XtRecent.XT_RECENT_SET) != 0) o.Write(" --set");
        if ((checkSet & XtRecent.XT_RECENT_CHECK) != 0) o.Write(" --rcheck");
        if ((checkSet & XtRecent.XT_RECENT_UPDATE) != 0) o.Write(" --update");
        if ((checkSet & XtRecent.XT_RECENT_REMOVE) != 0) o.Write(" --remove");
        if (seconds != 0)
        {
            o.Write(" --seconds ");
            o.Int((int)seconds);
        }

        if ((checkSet & XtRecent.XT_RECENT_REAP) != 0) o.Write(" --reap");
        if (hitCount != 0)
        {
            o.Write(" --hitcount ");
            o.Int((int)hitCount);
        }

        if ((checkSet & XtRecent.XT_RECENT_TTL) != 0) o.Write(" --rttl");
        o.Write(" --name ");
        o.CString(name);
    }

    private static void RecentSide(SaveText o, byte side)
    {
        if (side == XtRecent.XT_RECENT_SOURCE) o.Write(" --rsource");
        if (side == XtRecent.XT_RECENT_DEST) o.Write(" --rdest");
    }

    // rpfilter_save of libxt_rpfilter.c.
    private static void Rpfilter(SaveText o, in XtRpfilterInfo info, in SaveContext c)
    {
        if ((info.flags & XtSmallMatches.XT_RPFILTER_LOOSE) != 0) o.Write(" --loose");
        if ((info.flags & XtSmallMatches.XT_RPFILTER_VALID_MARK) != 0) o.Write(" --validmark");
        if ((info.flags & XtSmallMatches.XT_RPFILTER_ACCEPT_LOCAL) != 0) o.Write(" --accept-local");
        if ((info.flags & XtSmallMatches.XT_RPFILTER_INVERT) != 0) o.Write(" --invert");
    }

    // socket_mt_save, _v2, _v3 of libxt_socket.c: each revision prints the flags it knows.
    private static void Socket(SaveText o, byte flags, byte known)
    {
        flags &= known;
        if ((flags & XtSocket.XT_SOCKET_TRANSPARENT) != 0) o.Write(" --transparent");
        if ((flags & XtSocket.XT_SOCKET_NOWILDCARD) != 0) o.Write(" --nowildcard");
        if ((flags & XtSocket.XT_SOCKET_RESTORESKMARK) != 0) o.Write(" --restore-skmark");
    }

    // state_save of libxt_conntrack.c. It tests the conntrack match's UNTRACKED bit (1 << 8), not the
    // state match's (XT_STATE_UNTRACKED, 1 << 6): iptables writes and reads 1 << 8 for --state UNTRACKED,
    // and a rule holding the kernel's bit prints without it. The dump prints what iptables-save prints.
    private static void State(SaveText o, in XtStateInfo info, in SaveContext c)
    {
        o.Write(" --state ");
        string sep = string.Empty;
        uint mask = info.statemask;
        if ((mask & XtConntrack.XT_STATE_INVALID) != 0) { o.Write(sep); o.Write("INVALID"); sep = ","; }
        if ((mask & (1u << (XtConntrack.IP_CT_NEW + 1))) != 0) { o.Write(sep); o.Write("NEW"); sep = ","; }
        if ((mask & (1u << (XtConntrack.IP_CT_RELATED + 1))) != 0) { o.Write(sep); o.Write("RELATED"); sep = ","; }
        if ((mask & (1u << (XtConntrack.IP_CT_ESTABLISHED + 1))) != 0) { o.Write(sep); o.Write("ESTABLISHED"); sep = ","; }
        if ((mask & XtConntrack.XT_CONNTRACK_STATE_UNTRACKED) != 0) { o.Write(sep); o.Write("UNTRACKED"); }
    }

    // statistic_save of libxt_statistic.c.
    private static void Statistic(SaveText o, in XtStatisticInfo info, in SaveContext c)
    {
        string inv = Inv((info.flags & XtStatistic.XT_STATISTIC_INVERT) != 0);
        switch (info.mode)
        {
            case XtStatistic.XT_STATISTIC_MODE_RANDOM:
                o.Write(" --mode random");
                o.Write(inv);
                o.Write(" --probability ");
                o.Fixed(1.0 * info.u.random.probability / 0x80000000, 11);
                break;
            case XtStatistic.XT_STATISTIC_MODE_NTH:
                o.Write(" --mode nth");
                o.Write(inv);
                o.Write(" --every ");
                o.Num(info.u.nth.every + 1);
                o.Write(" --packet ");
                o.Num(info.u.nth.packet);
                break;
        }
    }

    // string_save of libxt_string.c.
    private static void String(SaveText o, in XtStringInfo info, in SaveContext c)
    {
        bool invert = c.Revision == 0 ? info.u.v0 != 0 : (info.u.v1 & XtString.XT_STRING_FLAG_INVERT) != 0;
        var pattern = Bytes(in info.pattern[0], Math.Min((int)info.patlen, XtString.XT_STRING_MAX_PATTERN_SIZE));
        bool hex = !pattern.IsEmpty && pattern[^1] == '\\';
        foreach (byte b in pattern)
        {
            hex |= b < 0x20 || b > 0x7e;
        }

        o.Write(Inv(invert));
        if (hex)
        {
            o.Write(" --hex-string \"|");
            foreach (byte b in pattern)
            {
                o.Hex(b, 2);
            }

            o.Write("|\"");
        }
        else
        {
            o.Write(" --string \"");
            foreach (byte b in pattern)
            {
                if (b == '"' || b == '\\')
                {
                    o.Write('\\');
                }

                o.Write((char)b);
            }

            o.Write('"');
        }

        o.Write(" --algo ");
        o.CString(Bytes(in info.algo[0], XtString.XT_STRING_MAX_ALGO_NAME_SIZE));
        if (info.from_offset != 0)
        {
            o.Write(" --from ");
            o.Num(info.from_offset);
        }

        if (info.to_offset != ushort.MaxValue)
        {
            o.Write(" --to ");
            o.Num(info.to_offset);
        }

        if (c.Revision > 0 && (info.u.v1 & XtString.XT_STRING_FLAG_IGNORECASE) != 0)
        {
            o.Write(" --icase");
        }
    }

    // tcp_save of libxt_tcp.c.
    private static void Tcp(SaveText o, in XtTcp info, in SaveContext c)
    {
        Ports(o, " --sport ", info.spts[0], info.spts[1], (info.invflags & XtTcpUdp.XT_TCP_INV_SRCPT) != 0);
        Ports(o, " --dport ", info.dpts[0], info.dpts[1], (info.invflags & XtTcpUdp.XT_TCP_INV_DSTPT) != 0);
        if (info.option != 0 || (info.invflags & XtTcpUdp.XT_TCP_INV_OPTION) != 0)
        {
            o.Write(Inv((info.invflags & XtTcpUdp.XT_TCP_INV_OPTION) != 0));
            o.Write(" --tcp-option ");
            o.Num(info.option);
        }

        if (info.flg_mask != 0 || (info.invflags & XtTcpUdp.XT_TCP_INV_FLAGS) != 0)
        {
            o.Write(Inv((info.invflags & XtTcpUdp.XT_TCP_INV_FLAGS) != 0));
            o.Write(" --tcp-flags ");
            TcpFlags(o, info.flg_mask);
            o.Write(' ');
            TcpFlags(o, info.flg_cmp);
        }
    }

    // udp_save of libxt_udp.c.
    private static void Udp(SaveText o, in XtUdp info, in SaveContext c)
    {
        Ports(o, " --sport ", info.spts[0], info.spts[1], (info.invflags & XtTcpUdp.XT_UDP_INV_SRCPT) != 0);
        Ports(o, " --dport ", info.dpts[0], info.dpts[1], (info.invflags & XtTcpUdp.XT_UDP_INV_DSTPT) != 0);
    }

    // The port ranges of tcp_save/udp_save: nothing for 0:65535.
    private static void Ports(SaveText o, string option, ushort min, ushort max, bool invert)
    {
        if (min == 0 && max == 0xFFFF)
        {
            return;
        }

        o.Write(Inv(invert));
        PortRange(o, option, min, max);
    }

    private static readonly (string Name, byte Flag)[] TcpFlagNames =
        { ("FIN", 0x01), ("SYN", 0x02), ("RST", 0x04), ("PSH", 0x08), ("ACK", 0x10), ("URG", 0x20) };

    // print_tcpf of libxt_tcp.c: lowest flag first, NONE for none (only the six named flags can be set).
    private static void TcpFlags(SaveText o, byte flags)
    {
        bool any = false;
        foreach (var (name, flag) in TcpFlagNames)
        {
            if ((flags & flag) != 0)
            {
                o.Write(any ? "," : string.Empty);
                o.Write(name);
                any = true;
            }
        }

        if (!any)
        {
            o.Write("NONE");
        }
    }

    // tcpmss_save of libxt_tcpmss.c.
    private static void Tcpmss(SaveText o, in XtTcpmssMatchInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --mss ");
        o.Num(info.mss_min);
        if (info.mss_min != info.mss_max)
        {
            o.Write(':');
            o.Num(info.mss_max);
        }
    }

    private static readonly string[] WeekDays = { string.Empty, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

    // time_save of libxt_time.c.
    private static void Time(SaveText o, in XtTimeInfo info, in SaveContext c)
    {
        if (info.daytime_start != XtTime.XT_TIME_MIN_DAYTIME || info.daytime_stop != XtTime.XT_TIME_MAX_DAYTIME)
        {
            o.Write(" --timestart ");
            DayTime(o, info.daytime_start);
            o.Write(" --timestop ");
            DayTime(o, info.daytime_stop);
        }

        if (info.monthdays_match != XtTime.XT_TIME_ALL_MONTHDAYS)
        {
            o.Write(" --monthdays ");
            int n = 0;
            for (int i = 1; i <= 31; i++)
            {
                if ((info.monthdays_match & (1u << i)) != 0)
                {
                    o.Write(n++ > 0 ? "," : string.Empty);
                    o.Num((uint)i);
                }
            }
        }

        if (info.weekdays_match != XtTime.XT_TIME_ALL_WEEKDAYS)
        {
            o.Write(" --weekdays ");
            int n = 0;
            for (int i = 1; i <= 7; i++)
            {
                if ((info.weekdays_match & (1 << i)) != 0)
                {
                    o.Write(n++ > 0 ? "," : string.Empty);
                    o.Write(WeekDays[i]);
                }
            }
        }

        Date(o, info.date_start, " --datestart ");
        Date(o, info.date_stop, " --datestop ");
        if ((info.flags & XtTime.XT_TIME_LOCAL_TZ) != 0) o.Write(" --kerneltz");
        if ((info.flags & XtTime.XT_TIME_CONTIGUOUS) != 0) o.Write(" --contiguous");
    }

    private static void DayTime(SaveText o, uint seconds)
    {
        o.Num(seconds / 3600, 2);
        o.Write(':');
        o.Num(seconds / 60 % 60, 2);
        o.Write(':');
        o.Num(seconds % 60, 2);
    }

    // time_print_date: nothing for 0 or LONG_MAX (a __u32 never equals LONG_MAX on LP64), else gmtime in ISO 8601.
    private static void Date(SaveText o, uint date, string option)
    {
        if (date == 0)
        {
            return;
        }

        var t = DateTimeOffset.FromUnixTimeSeconds(date).UtcDateTime;
        o.Write(option);
        o.Num((uint)t.Year, 4);
        o.Write('-');
        o.Num((uint)t.Month, 2);
        o.Write('-');
        o.Num((uint)t.Day, 2);
        o.Write('T');
        o.Num((uint)t.Hour, 2);
        o.Write(':');
        o.Num((uint)t.Minute, 2);
        o.Write(':');
        o.Num((uint)t.Second, 2);
    }

    // tos_mt_save of libxt_tos.c (revision 1).
    private static void Tos(SaveText o, in XtTosMatchInfo info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --tos 0x");
        o.Hex(info.tos_value, 2);
        o.Write("/0x");
        o.Hex(info.tos_mask, 2);
    }

    // ttl_save of libipt_ttl.c.
    private static void Ttl(SaveText o, in IptTtlInfo info, in SaveContext c)
    {
        o.Write(info.mode switch
        {
            IptExtensionConstants.IPT_TTL_EQ => " --ttl-eq",
            IptExtensionConstants.IPT_TTL_NE => " ! --ttl-eq",
            IptExtensionConstants.IPT_TTL_LT => " --ttl-lt",
            IptExtensionConstants.IPT_TTL_GT => " --ttl-gt",
            _ => string.Empty,
        });
        o.Write(' ');
        o.Num(info.ttl);
    }

    // hl_save of libip6t_hl.c.
    private static void Hl(SaveText o, in Ip6tHlInfo info, in SaveContext c)
    {
        o.Write(info.mode switch
        {
            Ip6tExtensionConstants.IP6T_HL_EQ => " --hl-eq",
            Ip6tExtensionConstants.IP6T_HL_NE => " ! --hl-eq",
            Ip6tExtensionConstants.IP6T_HL_LT => " --hl-lt",
            Ip6tExtensionConstants.IP6T_HL_GT => " --hl-gt",
            _ => string.Empty,
        });
        o.Write(' ');
        o.Num(info.hop_limit);
    }

    // u32_save of libxt_u32.c.
    private static void U32(SaveText o, in XtU32 info, in SaveContext c)
    {
        o.Write(Inv(info.invert != 0));
        o.Write(" --u32 \"");
        int tests = Math.Min((int)info.ntests, XtU32.XT_U32_MAXSIZE + 1);
        for (int t = 0; t < tests; t++)
        {
            ref readonly var test = ref info.tests[t];
            if (t > 0)
            {
                o.Write("&&");
            }

            o.Write("0x");
            o.Hex(test.location[0].number);
            int nums = Math.Min((int)test.nnums, XtU32.XT_U32_MAXSIZE + 1);
            for (int i = 1; i < nums; i++)
            {
                o.Write(test.location[i].nextop switch
                {
                    XtU32.XT_U32_AND => "&",
                    XtU32.XT_U32_LEFTSH => "<<",
                    XtU32.XT_U32_RIGHTSH => ">>",
                    XtU32.XT_U32_AT => "@",
                    _ => string.Empty,
                });
                o.Write("0x");
                o.Hex(test.location[i].number);
            }

            o.Write('=');
            int values = Math.Min((int)test.nvalues, XtU32.XT_U32_MAXSIZE + 1);
            for (int i = 0; i < values; i++)
            {
                o.Write(i > 0 ? "," : string.Empty);
                o.Write("0x");
                o.Hex(test.value[i].min);
                if (test.value[i].min != test.value[i].max)
                {
                    o.Write(":0x");
                    o.Hex(test.value[i].max);
                }
            }
        }

        o.Write('"');
    }
}
