using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_u32.h>, <linux/netfilter/xt_policy.h>, <linux/netfilter/xt_sctp.h>,
// <linux/netfilter/xt_dccp.h> and <linux/netfilter/xt_l2tp.h>.

/// <summary><c>struct xt_u32_location_element</c>: a number and the operator that applies it.</summary>
[KernelStruct("struct xt_u32_location_element", Header = "linux/netfilter/xt_u32.h")]
public partial struct XtU32LocationElement
{
    /// <summary>The operand.</summary>
    public uint number;

    /// <summary><c>XT_U32_AND</c>, <c>_LEFTSH</c>, <c>_RIGHTSH</c> or <c>_AT</c>.</summary>
    public byte nextop;
}

/// <summary><c>struct xt_u32_value_element</c>: a range of values.</summary>
[KernelStruct("struct xt_u32_value_element", Header = "linux/netfilter/xt_u32.h")]
public partial struct XtU32ValueElement
{
    /// <summary>Lowest value.</summary>
    public uint min;

    /// <summary>Highest value.</summary>
    public uint max;
}

/// <summary><c>struct xt_u32_location_element location[XT_U32_MAXSIZE + 1]</c>.</summary>
[InlineArray(XtU32.XT_U32_MAXSIZE + 1)]
public struct XtU32Locations
{
    private XtU32LocationElement _element;
}

/// <summary><c>struct xt_u32_value_element value[XT_U32_MAXSIZE + 1]</c>.</summary>
[InlineArray(XtU32.XT_U32_MAXSIZE + 1)]
public struct XtU32Values
{
    private XtU32ValueElement _element;
}

/// <summary><c>struct xt_u32_test</c>: one test of the <c>u32</c> match.</summary>
[KernelStruct("struct xt_u32_test", Header = "linux/netfilter/xt_u32.h")]
public partial struct XtU32Test
{
    /// <summary>The location: a number, then operator-number pairs.</summary>
    public XtU32Locations location;

    /// <summary>The ranges the value must fall in (any).</summary>
    public XtU32Values value;

    /// <summary>Elements of <c>location</c> used.</summary>
    public byte nnums;

    /// <summary>Elements of <c>value</c> used.</summary>
    public byte nvalues;
}

/// <summary><c>struct xt_u32_test tests[XT_U32_MAXSIZE + 1]</c>.</summary>
[InlineArray(XtU32.XT_U32_MAXSIZE + 1)]
public struct XtU32Tests
{
    private XtU32Test _element;
}

/// <summary><c>struct xt_u32</c>: the <c>u32</c> match (revision 0).</summary>
[KernelStruct("struct xt_u32", Header = "linux/netfilter/xt_u32.h")]
public partial struct XtU32
{
    /// <summary><c>XT_U32_MAXSIZE</c>: elements per array, minus one.</summary>
    public const int XT_U32_MAXSIZE = 10;

    /// <summary><c>XT_U32_AND</c>.</summary>
    public const byte XT_U32_AND = 0;

    /// <summary><c>XT_U32_LEFTSH</c>.</summary>
    public const byte XT_U32_LEFTSH = 1;

    /// <summary><c>XT_U32_RIGHTSH</c>.</summary>
    public const byte XT_U32_RIGHTSH = 2;

    /// <summary><c>XT_U32_AT</c>.</summary>
    public const byte XT_U32_AT = 3;

    /// <summary>The tests (all must hold).</summary>
    public XtU32Tests tests;

    /// <summary>Tests used.</summary>
    public byte ntests;

    /// <summary>Non-zero: invert.</summary>
    public byte invert;
}

/// <summary><c>struct xt_policy_spec</c>: which fields of a policy element are tested (or inverted), one bit each.</summary>
[KernelStruct("struct xt_policy_spec", Header = "linux/netfilter/xt_policy.h")]
public partial struct XtPolicySpec
{
    /// <summary>The storage unit of the six bits.</summary>
    [BitField("saddr", 1)]
    [BitField("daddr", 1)]
    [BitField("proto", 1)]
    [BitField("mode", 1)]
    [BitField("spi", 1)]
    [BitField("reqid", 1)]
    public byte bits;
}

/// <summary><c>union xt_policy_addr</c>: an IPv4 or IPv6 address.</summary>
[KernelStruct("union xt_policy_addr", Header = "linux/netfilter/xt_policy.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct XtPolicyAddr
{
    /// <summary>IPv4.</summary>
    [FieldOffset(0)] public InAddr a4;

    /// <summary>IPv6.</summary>
    [FieldOffset(0)] public In6Addr a6;
}

/// <summary>
/// <c>struct xt_policy_elem</c>: one IPsec policy element. It starts with an anonymous union holding one anonymous
/// struct of the four tunnel addresses, which C reaches as members of the element (<c>elem.u.a.saddr</c> here).
/// </summary>
[KernelStruct("struct xt_policy_elem", Header = "linux/netfilter/xt_policy.h")]
public partial struct XtPolicyElem
{
    /// <summary>The anonymous union of the tunnel addresses.</summary>
    [CField(Anonymous = true)] public Addresses u;

    /// <summary>SPI.</summary>
    public Be32 spi;

    /// <summary>Request id.</summary>
    public uint reqid;

    /// <summary>Protocol (AH, ESP, IPComp).</summary>
    public byte proto;

    /// <summary><c>XT_POLICY_MODE_TRANSPORT</c> or <c>_TUNNEL</c>.</summary>
    public byte mode;

    /// <summary>Which fields are tested.</summary>
    public XtPolicySpec match;

    /// <summary>Which tests are inverted.</summary>
    public XtPolicySpec invert;

    /// <summary>The unnamed union of the element's start: one anonymous struct.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct Addresses
    {
        /// <summary>The anonymous struct of the four addresses.</summary>
        [FieldOffset(0), CField(Anonymous = true)] public Tunnel a;
    }

    /// <summary>The unnamed struct of the tunnel addresses and masks.</summary>
    [KernelStruct("struct")]
    public partial struct Tunnel
    {
        /// <summary>Tunnel source address.</summary>
        public XtPolicyAddr saddr;

        /// <summary>Its mask.</summary>
        public XtPolicyAddr smask;

        /// <summary>Tunnel destination address.</summary>
        public XtPolicyAddr daddr;

        /// <summary>Its mask.</summary>
        public XtPolicyAddr dmask;
    }
}

/// <summary><c>struct xt_policy_elem pol[XT_POLICY_MAX_ELEM]</c>.</summary>
[InlineArray(XtPolicy.XT_POLICY_MAX_ELEM)]
public struct XtPolicyElems
{
    private XtPolicyElem _element;
}

/// <summary><c>struct xt_policy_info</c>: the <c>policy</c> match (revision 0).</summary>
[KernelStruct("struct xt_policy_info", Header = "linux/netfilter/xt_policy.h")]
public partial struct XtPolicyInfo
{
    /// <summary>The elements.</summary>
    public XtPolicyElems pol;

    /// <summary><c>XT_POLICY_MATCH_*</c>.</summary>
    public ushort flags;

    /// <summary>Elements used.</summary>
    public ushort len;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_policy.h&gt;</c>.</summary>
public static class XtPolicy
{
    /// <summary><c>XT_POLICY_MAX_ELEM</c>.</summary>
    public const int XT_POLICY_MAX_ELEM = 4;

    /// <summary><c>XT_POLICY_MATCH_IN</c>.</summary>
    public const ushort XT_POLICY_MATCH_IN = 0x1;

    /// <summary><c>XT_POLICY_MATCH_OUT</c>.</summary>
    public const ushort XT_POLICY_MATCH_OUT = 0x2;

    /// <summary><c>XT_POLICY_MATCH_NONE</c>.</summary>
    public const ushort XT_POLICY_MATCH_NONE = 0x4;

    /// <summary><c>XT_POLICY_MATCH_STRICT</c>.</summary>
    public const ushort XT_POLICY_MATCH_STRICT = 0x8;

    /// <summary><c>XT_POLICY_MODE_TRANSPORT</c>.</summary>
    public const byte XT_POLICY_MODE_TRANSPORT = 0;

    /// <summary><c>XT_POLICY_MODE_TUNNEL</c>.</summary>
    public const byte XT_POLICY_MODE_TUNNEL = 1;
}

/// <summary><c>struct xt_sctp_flag_info</c>: a chunk type's flags test.</summary>
[KernelStruct("struct xt_sctp_flag_info", Header = "linux/netfilter/xt_sctp.h")]
public partial struct XtSctpFlagInfo
{
    /// <summary>The chunk type.</summary>
    public byte chunktype;

    /// <summary>The flag values.</summary>
    public byte flag;

    /// <summary>The flags compared.</summary>
    public byte flag_mask;
}

/// <summary><c>struct xt_sctp_flag_info flag_info[XT_NUM_SCTP_FLAGS]</c>.</summary>
[InlineArray(XtSctp.XT_NUM_SCTP_FLAGS)]
public struct XtSctpFlagInfos
{
    private XtSctpFlagInfo _element;
}

/// <summary><c>struct xt_sctp_info</c>: the <c>sctp</c> match (revision 0).</summary>
[KernelStruct("struct xt_sctp_info", Header = "linux/netfilter/xt_sctp.h")]
public unsafe partial struct XtSctpInfo
{
    /// <summary>Destination port range.</summary>
    public fixed ushort dpts[2];

    /// <summary>Source port range.</summary>
    public fixed ushort spts[2];

    /// <summary>Bit n: chunk type n.</summary>
    public fixed uint chunkmap[64];

    /// <summary><c>SCTP_CHUNK_MATCH_ANY</c>, <c>_ALL</c> or <c>_ONLY</c>.</summary>
    public uint chunk_match_type;

    /// <summary>Flag tests.</summary>
    public XtSctpFlagInfos flag_info;

    /// <summary>Flag tests used.</summary>
    public int flag_count;

    /// <summary><c>XT_SCTP_*</c>.</summary>
    public uint flags;

    /// <summary><c>XT_SCTP_*</c>: inverted.</summary>
    public uint invflags;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_sctp.h&gt;</c>.</summary>
public static class XtSctp
{
    /// <summary><c>XT_NUM_SCTP_FLAGS</c>.</summary>
    public const int XT_NUM_SCTP_FLAGS = 4;

    /// <summary><c>XT_SCTP_SRC_PORTS</c>.</summary>
    public const uint XT_SCTP_SRC_PORTS = 0x01;

    /// <summary><c>XT_SCTP_DEST_PORTS</c>.</summary>
    public const uint XT_SCTP_DEST_PORTS = 0x02;

    /// <summary><c>XT_SCTP_CHUNK_TYPES</c>.</summary>
    public const uint XT_SCTP_CHUNK_TYPES = 0x04;

    /// <summary><c>SCTP_CHUNK_MATCH_ANY</c>.</summary>
    public const uint SCTP_CHUNK_MATCH_ANY = 0x01;

    /// <summary><c>SCTP_CHUNK_MATCH_ALL</c>.</summary>
    public const uint SCTP_CHUNK_MATCH_ALL = 0x02;

    /// <summary><c>SCTP_CHUNK_MATCH_ONLY</c>.</summary>
    public const uint SCTP_CHUNK_MATCH_ONLY = 0x04;

    /// <summary><c>XT_DCCP_SRC_PORTS</c>.</summary>
    public const ushort XT_DCCP_SRC_PORTS = 0x01;

    /// <summary><c>XT_DCCP_DEST_PORTS</c>.</summary>
    public const ushort XT_DCCP_DEST_PORTS = 0x02;

    /// <summary><c>XT_DCCP_TYPE</c>.</summary>
    public const ushort XT_DCCP_TYPE = 0x04;

    /// <summary><c>XT_DCCP_OPTION</c>.</summary>
    public const ushort XT_DCCP_OPTION = 0x08;
}

/// <summary><c>struct xt_dccp_info</c>: the <c>dccp</c> match (revision 0).</summary>
[KernelStruct("struct xt_dccp_info", Header = "linux/netfilter/xt_dccp.h")]
public unsafe partial struct XtDccpInfo
{
    /// <summary>Destination port range.</summary>
    public fixed ushort dpts[2];

    /// <summary>Source port range.</summary>
    public fixed ushort spts[2];

    /// <summary><c>XT_DCCP_*</c>.</summary>
    public ushort flags;

    /// <summary><c>XT_DCCP_*</c>: inverted.</summary>
    public ushort invflags;

    /// <summary>Bit n: DCCP packet type n.</summary>
    public ushort typemask;

    /// <summary>DCCP option.</summary>
    public byte option;
}

/// <summary><c>struct xt_l2tp_info</c>: the <c>l2tp</c> match (revision 0; iptables has no extension for it).</summary>
[KernelStruct("struct xt_l2tp_info", Header = "linux/netfilter/xt_l2tp.h")]
public partial struct XtL2tpInfo
{
    /// <summary>Tunnel id.</summary>
    public uint tid;

    /// <summary>Session id.</summary>
    public uint sid;

    /// <summary>Protocol version.</summary>
    public byte version;

    /// <summary><c>XT_L2TP_TYPE_CONTROL</c> or <c>_DATA</c>.</summary>
    public byte type;

    /// <summary><c>XT_L2TP_*</c>: which fields are tested.</summary>
    public byte flags;
}
