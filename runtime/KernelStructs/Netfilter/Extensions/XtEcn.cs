using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter/xt_ecn.h> (ecn match) and <linux/netfilter_ipv4/ipt_ECN.h> (ECN target).

/// <summary><c>struct xt_ecn_info</c>: the <c>ecn</c> match (revision 0).</summary>
[KernelStruct("struct xt_ecn_info", Header = "linux/netfilter/xt_ecn.h")]
public partial struct XtEcnInfo
{
    /// <summary><c>XT_ECN_OP_MATCH_*</c>: which tests are made.</summary>
    public byte operation;

    /// <summary><c>XT_ECN_OP_MATCH_*</c>: which tests are inverted.</summary>
    public byte invert;

    /// <summary>The IP ECT codepoint.</summary>
    public byte ip_ect;

    /// <summary>Protocol part (unused by the match).</summary>
    public XtEcnProto proto;
}

/// <summary>The unnamed <c>union { struct { __u8 ect; } tcp; }</c> of <c>xt_ecn_info.proto</c>.</summary>
[KernelStruct("union xt_ecn_proto")]
[StructLayout(LayoutKind.Explicit)]
public partial struct XtEcnProto
{
    /// <summary>The TCP part: a byte.</summary>
    [FieldOffset(0)] public byte tcp;
}

/// <summary><c>struct ipt_ECN_info</c>: the <c>ECN</c> target (IPv4, revision 0).</summary>
[KernelStruct("struct ipt_ECN_info", Header = "linux/netfilter_ipv4/ipt_ECN.h")]
public partial struct IptECNInfo
{
    /// <summary><c>IPT_ECN_OP_SET_*</c>.</summary>
    public byte operation;

    /// <summary>The IP ECT codepoint to set.</summary>
    public byte ip_ect;

    /// <summary>The TCP ECE/CWR bits to set (<c>ece:1, cwr:1</c>).</summary>
    public IptECNProto proto;
}

/// <summary>The unnamed <c>union { struct { __u8 ece:1, cwr:1; } tcp; }</c> of <c>ipt_ECN_info.proto</c>.</summary>
[KernelStruct("union ipt_ecn_proto")]
[StructLayout(LayoutKind.Explicit)]
public partial struct IptECNProto
{
    /// <summary>The TCP bits: <c>ece</c> is bit 0 and <c>cwr</c> bit 1 on little-endian ABIs.</summary>
    [FieldOffset(0)] public IptECNTcp tcp;
}

/// <summary>The unnamed <c>struct { __u8 ece:1, cwr:1; }</c> of <c>ipt_ECN_info.proto.tcp</c>.</summary>
[KernelStruct("struct ipt_ecn_tcp")]
public partial struct IptECNTcp
{
    /// <summary>The storage unit of <c>ece</c> and <c>cwr</c>.</summary>
    [BitField("ece", 1)]
    [BitField("cwr", 1)]
    public byte bits;
}

/// <summary>Constants of <c>&lt;linux/netfilter/xt_ecn.h&gt;</c> and <c>&lt;linux/netfilter_ipv4/ipt_ECN.h&gt;</c>.</summary>
public static class XtEcn
{
    /// <summary><c>XT_ECN_OP_MATCH_IP</c>.</summary>
    public const byte XT_ECN_OP_MATCH_IP = 0x01;

    /// <summary><c>XT_ECN_OP_MATCH_ECE</c>.</summary>
    public const byte XT_ECN_OP_MATCH_ECE = 0x10;

    /// <summary><c>XT_ECN_OP_MATCH_CWR</c>.</summary>
    public const byte XT_ECN_OP_MATCH_CWR = 0x20;

    /// <summary><c>IPT_ECN_OP_SET_IP</c>.</summary>
    public const byte IPT_ECN_OP_SET_IP = 0x01;

    /// <summary><c>IPT_ECN_OP_SET_ECE</c>.</summary>
    public const byte IPT_ECN_OP_SET_ECE = 0x10;

    /// <summary><c>IPT_ECN_OP_SET_CWR</c>.</summary>
    public const byte IPT_ECN_OP_SET_CWR = 0x20;
}
