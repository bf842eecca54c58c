using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>conntrack_dump and the revision wrappers of libxt_conntrack.c (also <c>-m state</c> written through conntrack).</summary>
internal static class Conntrack
{
    /// <summary>conntrack_print_name_alias: <c>state</c> when the rule was written as <c>-m state</c>.</summary>
    public static string? Alias(in XtConntrackMtinfo1 info) => Name(info.match_flags);

    public static string? Alias(in XtConntrackMtinfo2 info) => Name(info.match_flags);

    public static string? Alias(in XtConntrackMtinfo3 info) => Name(info.match_flags);

    private static string? Name(ushort flags) => (flags & XtConntrack.XT_CONNTRACK_STATE_ALIAS) != 0 ? "state" : null;

    // Revisions 1 and 2 store one port each, in the byte order iptables put there (it writes host order into the
    // __be16 field and prints ntohs of it: a port written as 22 reads back as 5632; the dump does the same).
    public static void SaveV1(SaveText o, in XtConntrackMtinfo1 i, in SaveContext c) => Dump(o, c,
        i.match_flags, i.invert_flags, i.state_mask, i.status_mask, i.l4proto, i.expires_min, i.expires_max,
        i.origsrc_addr, i.origsrc_mask, i.origdst_addr, i.origdst_mask, i.replsrc_addr, i.replsrc_mask, i.repldst_addr, i.repldst_mask,
        i.origsrc_port.Value, 0, i.origdst_port.Value, 0, i.replsrc_port.Value, 0, i.repldst_port.Value, 0);

    public static void SaveV2(SaveText o, in XtConntrackMtinfo2 i, in SaveContext c) => Dump(o, c,
        i.match_flags, i.invert_flags, i.state_mask, i.status_mask, i.l4proto, i.expires_min, i.expires_max,
        i.origsrc_addr, i.origsrc_mask, i.origdst_addr, i.origdst_mask, i.replsrc_addr, i.replsrc_mask, i.repldst_addr, i.repldst_mask,
        i.origsrc_port.Value, 0, i.origdst_port.Value, 0, i.replsrc_port.Value, 0, i.repldst_port.Value, 0);

    public static void SaveV3(SaveText o, in XtConntrackMtinfo3 i, in SaveContext c) => Dump(o, c,
        i.match_flags, i.invert_flags, i.state_mask, i.status_mask, i.l4proto, i.expires_min, i.expires_max,
        i.origsrc_addr, i.origsrc_mask, i.origdst_addr, i.origdst_mask, i.replsrc_addr, i.replsrc_mask, i.repldst_addr, i.repldst_mask,
        i.origsrc_port, i.origsrc_port_high, i.origdst_port, i.origdst_port_high, i.replsrc_port, i.replsrc_port_high, i.repldst_port, i.repldst_port_high);

    private static void Dump(
        SaveText o, in SaveContext c, ushort match, ushort invert, ushort state, ushort status, ushort proto, uint expiresMin, uint expiresMax,
        in NfInetAddr origsrc, in NfInetAddr origsrcMask, in NfInetAddr origdst, in NfInetAddr origdstMask,
        in NfInetAddr replsrc, in NfInetAddr replsrcMask, in NfInetAddr repldst, in NfInetAddr repldstMask,
        ushort origsrcPort, ushort origsrcHigh, ushort origdstPort, ushort origdstHigh,
        ushort replsrcPort, ushort replsrcHigh, ushort repldstPort, ushort repldstHigh)
    {
        if ((match & XtConntrack.XT_CONNTRACK_STATE) != 0)
        {
            Not(o, invert, XtConntrack.XT_CONNTRACK_STATE);
            o.Write((match & XtConntrack.XT_CONNTRACK_STATE_ALIAS) != 0 ? " --state" : " --ctstate");
            States(o, state);
        }

        if ((match & XtConntrack.XT_CONNTRACK_PROTO) != 0)
        {
            Not(o, invert, XtConntrack.XT_CONNTRACK_PROTO);
            o.Write(" --ctproto ");
            o.Num(proto);
        }

        Address(o, c, match, invert, XtConntrack.XT_CONNTRACK_ORIGSRC, " --ctorigsrc ", origsrc, origsrcMask);
        Address(o, c, match, invert, XtConntrack.XT_CONNTRACK_ORIGDST, " --ctorigdst ", origdst, origdstMask);
        Address(o, c, match, invert, XtConntrack.XT_CONNTRACK_REPLSRC, " --ctreplsrc ", replsrc, replsrcMask);
        Address(o, c, match, invert, XtConntrack.XT_CONNTRACK_REPLDST, " --ctrepldst ", repldst, repldstMask);
        Port(o, match, invert, XtConntrack.XT_CONNTRACK_ORIGSRC_PORT, " --ctorigsrcport ", origsrcPort, origsrcHigh);
        Port(o, match, invert, XtConntrack.XT_CONNTRACK_ORIGDST_PORT, " --ctorigdstport ", origdstPort, origdstHigh);
        Port(o, match, invert, XtConntrack.XT_CONNTRACK_REPLSRC_PORT, " --ctreplsrcport ", replsrcPort, replsrcHigh);
        Port(o, match, invert, XtConntrack.XT_CONNTRACK_REPLDST_PORT, " --ctrepldstport ", repldstPort, repldstHigh);
        if ((match & XtConntrack.XT_CONNTRACK_STATUS) != 0)
        {
            Not(o, invert, XtConntrack.XT_CONNTRACK_STATUS);
            o.Write(" --ctstatus");
            Statuses(o, status);
        }

        if ((match & XtConntrack.XT_CONNTRACK_EXPIRES) != 0)
        {
            Not(o, invert, XtConntrack.XT_CONNTRACK_EXPIRES);
            o.Write(" --ctexpire ");
            o.Num(expiresMin);
            if (expiresMax != expiresMin)
            {
                o.Write(':');
                o.Num(expiresMax);
            }
        }

        if ((match & XtConntrack.XT_CONNTRACK_DIRECTION) != 0)
        {
            o.Write((invert & XtConntrack.XT_CONNTRACK_DIRECTION) != 0 ? " --ctdir REPLY" : " --ctdir ORIGINAL");
        }
    }

    private static void Not(SaveText o, ushort invert, ushort flag)
    {
        if ((invert & flag) != 0)
        {
            o.Write(" !");
        }
    }

    // conntrack_dump_addr with numeric output.
    private static void Address(SaveText o, in SaveContext c, ushort match, ushort invert, ushort flag, string option, in NfInetAddr address, in NfInetAddr mask)
    {
        if ((match & flag) == 0)
        {
            return;
        }

        Not(o, invert, flag);
        o.Write(option);
        Matches.Addr(o, address, c);
        Matches.Mask(o, mask, c);
    }

    // conntrack_dump_ports.
    private static void Port(SaveText o, ushort match, ushort invert, ushort flag, string option, ushort low, ushort high)
    {
        if ((match & flag) == 0)
        {
            return;
        }

        Not(o, invert, flag);
        o.Write(option);
        o.Num(low);
        if (high != 0 && low != high)
        {
            o.Write(':');
            o.Num(high);
        }
    }

    // print_state: INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED, SNAT, DNAT, the first after a space.
    private static void States(SaveText o, ushort mask)
    {
        char sep = ' ';
        void Item(bool set, string name)
        {
            if (set)
            {
                o.Write(sep);
                o.Write(name);
                sep = ',';
            }
        }

        Item((mask & XtConntrack.XT_CONNTRACK_STATE_INVALID) != 0, "INVALID");
        Item((mask & (1 << (XtConntrack.IP_CT_NEW + 1))) != 0, "NEW");
        Item((mask & (1 << (XtConntrack.IP_CT_RELATED + 1))) != 0, "RELATED");
        Item((mask & (1 << (XtConntrack.IP_CT_ESTABLISHED + 1))) != 0, "ESTABLISHED");
        Item((mask & XtConntrack.XT_CONNTRACK_STATE_UNTRACKED) != 0, "UNTRACKED");
        Item((mask & XtConntrack.XT_CONNTRACK_STATE_SNAT) != 0, "SNAT");
        Item((mask & XtConntrack.XT_CONNTRACK_STATE_DNAT) != 0, "DNAT");
    }

    // print_status: EXPECTED, SEEN_REPLY, ASSURED, CONFIRMED; NONE for none.
    private static void Statuses(SaveText o, ushort mask)
    {
        char sep = ' ';
        void Item(bool set, string name)
        {
            if (set)
            {
                o.Write(sep);
                o.Write(name);
                sep = ',';
            }
        }

        Item((mask & XtConntrack.IPS_EXPECTED) != 0, "EXPECTED");
        Item((mask & XtConntrack.IPS_SEEN_REPLY) != 0, "SEEN_REPLY");
        Item((mask & XtConntrack.IPS_ASSURED) != 0, "ASSURED");
        Item((mask & XtConntrack.IPS_CONFIRMED) != 0, "CONFIRMED");
        Item(mask == 0, "NONE");
    }
}
