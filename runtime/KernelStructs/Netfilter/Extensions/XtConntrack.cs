namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_state.h> and <linux/netfilter/xt_conntrack.h>: the state and conntrack matches.

/// <summary><c>struct xt_state_info</c>: the <c>state</c> match (revision 0).</summary>
[KernelStruct("struct xt_state_info", Header = "linux/netfilter/xt_state.h")]
public partial struct XtStateInfo
{
    /// <summary>States to match: <c>XT_STATE_INVALID</c>, <c>XT_STATE_BIT(ctinfo)</c>, <c>XT_STATE_UNTRACKED</c>.</summary>
    public uint statemask;
}

/// <summary><c>struct xt_conntrack_mtinfo1</c>: the <c>conntrack</c> match, revision 1 (8-bit state and status masks).</summary>
[KernelStruct("struct xt_conntrack_mtinfo1", Header = "linux/netfilter/xt_conntrack.h")]
public partial struct XtConntrackMtinfo1
{
    /// <summary>Original source address.</summary>
    public NfInetAddr origsrc_addr;

    /// <summary>Original source mask.</summary>
    public NfInetAddr origsrc_mask;

    /// <summary>Original destination address.</summary>
    public NfInetAddr origdst_addr;

    /// <summary>Original destination mask.</summary>
    public NfInetAddr origdst_mask;

    /// <summary>Reply source address.</summary>
    public NfInetAddr replsrc_addr;

    /// <summary>Reply source mask.</summary>
    public NfInetAddr replsrc_mask;

    /// <summary>Reply destination address.</summary>
    public NfInetAddr repldst_addr;

    /// <summary>Reply destination mask.</summary>
    public NfInetAddr repldst_mask;

    /// <summary>Lowest remaining lifetime, seconds.</summary>
    public uint expires_min;

    /// <summary>Highest remaining lifetime, seconds.</summary>
    public uint expires_max;

    /// <summary>Layer-4 protocol.</summary>
    public ushort l4proto;

    /// <summary>Original source port.</summary>
    public Be16 origsrc_port;

    /// <summary>Original destination port.</summary>
    public Be16 origdst_port;

    /// <summary>Reply source port.</summary>
    public Be16 replsrc_port;

    /// <summary>Reply destination port.</summary>
    public Be16 repldst_port;

    /// <summary><c>XT_CONNTRACK_*</c>: which tests are made.</summary>
    public ushort match_flags;

    /// <summary><c>XT_CONNTRACK_*</c>: which tests are inverted.</summary>
    public ushort invert_flags;

    /// <summary>States (<c>XT_CONNTRACK_STATE_*</c>, low 8 bits).</summary>
    public byte state_mask;

    /// <summary>Status bits (<c>IPS_*</c>, low 8 bits).</summary>
    public byte status_mask;
}

/// <summary><c>struct xt_conntrack_mtinfo2</c>: the <c>conntrack</c> match, revision 2 (16-bit state and status masks).</summary>
[KernelStruct("struct xt_conntrack_mtinfo2", Header = "linux/netfilter/xt_conntrack.h")]
public partial struct XtConntrackMtinfo2
{
    /// <summary>Original source address.</summary>
    public NfInetAddr origsrc_addr;

    /// <summary>Original source mask.</summary>
    public NfInetAddr origsrc_mask;

    /// <summary>Original destination address.</summary>
    public NfInetAddr origdst_addr;

    /// <summary>Original destination mask.</summary>
    public NfInetAddr origdst_mask;

    /// <summary>Reply source address.</summary>
    public NfInetAddr replsrc_addr;

    /// <summary>Reply source mask.</summary>
    public NfInetAddr replsrc_mask;

    /// <summary>Reply destination address.</summary>
    public NfInetAddr repldst_addr;

    /// <summary>Reply destination mask.</summary>
    public NfInetAddr repldst_mask;

    /// <summary>Lowest remaining lifetime, seconds.</summary>
    public uint expires_min;

    /// <summary>Highest remaining lifetime, seconds.</summary>
    public uint expires_max;

    /// <summary>Layer-4 protocol.</summary>
    public ushort l4proto;

    /// <summary>Original source port.</summary>
    public Be16 origsrc_port;

    /// <summary>Original destination port.</summary>
    public Be16 origdst_port;

    /// <summary>Reply source port.</summary>
    public Be16 replsrc_port;

    /// <summary>Reply destination port.</summary>
    public Be16 repldst_port;

    /// <summary><c>XT_CONNTRACK_*</c>: which tests are made.</summary>
    public ushort match_flags;

    /// <summary><c>XT_CONNTRACK_*</c>: which tests are inverted.</summary>
    public ushort invert_flags;

    /// <summary>States (<c>XT_CONNTRACK_STATE_*</c>).</summary>
    public ushort state_mask;

    /// <summary>Status bits (<c>IPS_*</c>).</summary>
    public ushort status_mask;
}

/// <summary>
/// <c>struct xt_conntrack_mtinfo3</c>: the <c>conntrack</c> match, revision 3 (port ranges; the ports are in host
/// byte order, unlike revisions 1 and 2).
/// </summary>
[KernelStruct("struct xt_conntrack_mtinfo3", Header = "linux/netfilter/xt_conntrack.h")]
public partial struct XtConntrackMtinfo3
{
    /// <summary>Original source address.</summary>
    public NfInetAddr origsrc_addr;

    /// <summary>Original source mask.</summary>
    public NfInetAddr origsrc_mask;

    /// <summary>Original destination address.</summary>
    public NfInetAddr origdst_addr;

    /// <summary>Original destination mask.</summary>
    public NfInetAddr origdst_mask;

    /// <summary>Reply source address.</summary>
    public NfInetAddr replsrc_addr;

    /// <summary>Reply source mask.</summary>
    public NfInetAddr replsrc_mask;

    /// <summary>Reply destination address.</summary>
    public NfInetAddr repldst_addr;

    /// <summary>Reply destination mask.</summary>
    public NfInetAddr repldst_mask;

    /// <summary>Lowest remaining lifetime, seconds.</summary>
    public uint expires_min;

    /// <summary>Highest remaining lifetime, seconds.</summary>
    public uint expires_max;

    /// <summary>Layer-4 protocol.</summary>
    public ushort l4proto;

    /// <summary>Original source port (lowest of the range).</summary>
    public ushort origsrc_port;

    /// <summary>Original destination port (lowest).</summary>
    public ushort origdst_port;

    /// <summary>Reply source port (lowest).</summary>
    public ushort replsrc_port;

    /// <summary>Reply destination port (lowest).</summary>
    public ushort repldst_port;

    /// <summary><c>XT_CONNTRACK_*</c>: which tests are made.</summary>
    public ushort match_flags;

    /// <summary><c>XT_CONNTRACK_*</c>: which tests are inverted.</summary>
    public ushort invert_flags;

    /// <summary>States (<c>XT_CONNTRACK_STATE_*</c>).</summary>
    public ushort state_mask;

    /// <summary>Status bits (<c>IPS_*</c>).</summary>
    public ushort status_mask;

    /// <summary>Original source port, highest of the range.</summary>
    public ushort origsrc_port_high;

    /// <summary>Original destination port, highest.</summary>
    public ushort origdst_port_high;

    /// <summary>Reply source port, highest.</summary>
    public ushort replsrc_port_high;

    /// <summary>Reply destination port, highest.</summary>
    public ushort repldst_port_high;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_conntrack.h&gt;</c>, <c>&lt;linux/netfilter/xt_state.h&gt;</c> and <c>&lt;linux/netfilter/nf_conntrack_common.h&gt;</c>.</summary>
public static class XtConntrack
{
    /// <summary><c>XT_CONNTRACK_STATE_INVALID</c>.</summary>
    public const ushort XT_CONNTRACK_STATE_INVALID = 1 << 0;

    /// <summary><c>XT_CONNTRACK_STATE_SNAT</c>.</summary>
    public const ushort XT_CONNTRACK_STATE_SNAT = 1 << 6;

    /// <summary><c>XT_CONNTRACK_STATE_DNAT</c>.</summary>
    public const ushort XT_CONNTRACK_STATE_DNAT = 1 << 7;

    /// <summary><c>XT_CONNTRACK_STATE_UNTRACKED</c>.</summary>
    public const ushort XT_CONNTRACK_STATE_UNTRACKED = 1 << 8;

    /// <summary><c>XT_STATE_INVALID</c>.</summary>
    public const uint XT_STATE_INVALID = 1 << 0;

    /// <summary><c>XT_STATE_UNTRACKED</c>.</summary>
    public const uint XT_STATE_UNTRACKED = 1 << 6;

    /// <summary><c>IP_CT_ESTABLISHED</c>: <c>XT_STATE_BIT(IP_CT_ESTABLISHED)</c> is 2.</summary>
    public const int IP_CT_ESTABLISHED = 0;

    /// <summary><c>IP_CT_RELATED</c>: <c>XT_STATE_BIT(IP_CT_RELATED)</c> is 4.</summary>
    public const int IP_CT_RELATED = 1;

    /// <summary><c>IP_CT_NEW</c>: <c>XT_STATE_BIT(IP_CT_NEW)</c> is 8.</summary>
    public const int IP_CT_NEW = 2;

    /// <summary><c>XT_CONNTRACK_STATE</c>: test the state.</summary>
    public const ushort XT_CONNTRACK_STATE = 1 << 0;

    /// <summary><c>XT_CONNTRACK_PROTO</c>: test the layer-4 protocol.</summary>
    public const ushort XT_CONNTRACK_PROTO = 1 << 1;

    /// <summary><c>XT_CONNTRACK_ORIGSRC</c>.</summary>
    public const ushort XT_CONNTRACK_ORIGSRC = 1 << 2;

    /// <summary><c>XT_CONNTRACK_ORIGDST</c>.</summary>
    public const ushort XT_CONNTRACK_ORIGDST = 1 << 3;

    /// <summary><c>XT_CONNTRACK_REPLSRC</c>.</summary>
    public const ushort XT_CONNTRACK_REPLSRC = 1 << 4;

    /// <summary><c>XT_CONNTRACK_REPLDST</c>.</summary>
    public const ushort XT_CONNTRACK_REPLDST = 1 << 5;

    /// <summary><c>XT_CONNTRACK_STATUS</c>.</summary>
    public const ushort XT_CONNTRACK_STATUS = 1 << 6;

    /// <summary><c>XT_CONNTRACK_EXPIRES</c>.</summary>
    public const ushort XT_CONNTRACK_EXPIRES = 1 << 7;

    /// <summary><c>XT_CONNTRACK_ORIGSRC_PORT</c>.</summary>
    public const ushort XT_CONNTRACK_ORIGSRC_PORT = 1 << 8;

    /// <summary><c>XT_CONNTRACK_ORIGDST_PORT</c>.</summary>
    public const ushort XT_CONNTRACK_ORIGDST_PORT = 1 << 9;

    /// <summary><c>XT_CONNTRACK_REPLSRC_PORT</c>.</summary>
    public const ushort XT_CONNTRACK_REPLSRC_PORT = 1 << 10;

    /// <summary><c>XT_CONNTRACK_REPLDST_PORT</c>.</summary>
    public const ushort XT_CONNTRACK_REPLDST_PORT = 1 << 11;

    /// <summary><c>XT_CONNTRACK_DIRECTION</c>: test the packet's direction.</summary>
    public const ushort XT_CONNTRACK_DIRECTION = 1 << 12;

    /// <summary><c>XT_CONNTRACK_STATE_ALIAS</c>: the rule was written as <c>-m state</c>.</summary>
    public const ushort XT_CONNTRACK_STATE_ALIAS = 1 << 13;

    /// <summary><c>IPS_EXPECTED</c>.</summary>
    public const ushort IPS_EXPECTED = 1 << 0;

    /// <summary><c>IPS_SEEN_REPLY</c>.</summary>
    public const ushort IPS_SEEN_REPLY = 1 << 1;

    /// <summary><c>IPS_ASSURED</c>.</summary>
    public const ushort IPS_ASSURED = 1 << 2;

    /// <summary><c>IPS_CONFIRMED</c>.</summary>
    public const ushort IPS_CONFIRMED = 1 << 3;
}
