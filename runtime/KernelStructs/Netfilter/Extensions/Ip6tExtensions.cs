using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of the IPv6-only extension headers: struct ip6t_icmp of <linux/netfilter_ipv6/ip6_tables.h>,
// <linux/netfilter_ipv6/ip6t_REJECT.h>, ip6t_HL.h, ip6t_hl.h, ip6t_ah.h, ip6t_frag.h, ip6t_opts.h, ip6t_rt.h,
// ip6t_mh.h, ip6t_ipv6header.h, ip6t_srh.h and ip6t_NPT.h.

/// <summary><c>struct ip6t_icmp</c>: the <c>icmp6</c> match (revision 0).</summary>
[KernelStruct("struct ip6t_icmp", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public unsafe partial struct Ip6tIcmp
{
    /// <summary>The ICMPv6 type.</summary>
    public byte type;

    /// <summary>The code range.</summary>
    public fixed byte code[2];

    /// <summary><c>IP6T_ICMP_INV</c>.</summary>
    public byte invflags;
}

/// <summary><c>struct ip6t_reject_info</c>: the <c>REJECT</c> target for IPv6 (revision 0).</summary>
[KernelStruct("struct ip6t_reject_info", Header = "linux/netfilter_ipv6/ip6t_REJECT.h")]
public partial struct Ip6tRejectInfo
{
    /// <summary><c>enum ip6t_reject_with</c>: <c>IP6T_ICMP6_NO_ROUTE</c> ... <c>IP6T_ICMP6_REJECT_ROUTE</c>.</summary>
    public uint with;
}

/// <summary><c>struct ip6t_HL_info</c>: the <c>HL</c> target (revision 0).</summary>
[KernelStruct("struct ip6t_HL_info", Header = "linux/netfilter_ipv6/ip6t_HL.h")]
public partial struct Ip6tHlTargetInfo
{
    /// <summary><c>IP6T_HL_SET</c>, <c>_INC</c> or <c>_DEC</c>.</summary>
    public byte mode;

    /// <summary>The value.</summary>
    public byte hop_limit;
}

/// <summary><c>struct ip6t_hl_info</c>: the <c>hl</c> match (revision 0).</summary>
[KernelStruct("struct ip6t_hl_info", Header = "linux/netfilter_ipv6/ip6t_hl.h")]
public partial struct Ip6tHlInfo
{
    /// <summary><c>IP6T_HL_EQ</c>, <c>_NE</c>, <c>_LT</c> or <c>_GT</c>.</summary>
    public byte mode;

    /// <summary>The value.</summary>
    public byte hop_limit;
}

/// <summary><c>struct ip6t_ah</c>: the <c>ah</c> match for IPv6 (revision 0).</summary>
[KernelStruct("struct ip6t_ah", Header = "linux/netfilter_ipv6/ip6t_ah.h")]
public unsafe partial struct Ip6tAh
{
    /// <summary>SPI range.</summary>
    public fixed uint spis[2];

    /// <summary>Header length.</summary>
    public uint hdrlen;

    /// <summary>Non-zero: the reserved field must be zero.</summary>
    public byte hdrres;

    /// <summary><c>IP6T_AH_INV_*</c>.</summary>
    public byte invflags;
}

/// <summary><c>struct ip6t_frag</c>: the <c>frag</c> match (revision 0).</summary>
[KernelStruct("struct ip6t_frag", Header = "linux/netfilter_ipv6/ip6t_frag.h")]
public unsafe partial struct Ip6tFrag
{
    /// <summary>Identification range.</summary>
    public fixed uint ids[2];

    /// <summary>Header length.</summary>
    public uint hdrlen;

    /// <summary><c>IP6T_FRAG_*</c>.</summary>
    public byte flags;

    /// <summary><c>IP6T_FRAG_INV_*</c>.</summary>
    public byte invflags;
}

/// <summary><c>struct ip6t_opts</c>: the <c>dst</c> and <c>hbh</c> matches (revision 0).</summary>
[KernelStruct("struct ip6t_opts", Header = "linux/netfilter_ipv6/ip6t_opts.h")]
public unsafe partial struct Ip6tOpts
{
    /// <summary>Header length.</summary>
    public uint hdrlen;

    /// <summary><c>IP6T_OPTS_*</c>.</summary>
    public byte flags;

    /// <summary><c>IP6T_OPTS_INV_*</c>.</summary>
    public byte invflags;

    /// <summary>Options: type in the high byte, length in the low byte (0x00FF: any length).</summary>
    public fixed ushort opts[Ip6tExtensionConstants.IP6T_OPTS_OPTSNR];

    /// <summary>Number of options.</summary>
    public byte optsnr;
}

/// <summary><c>struct in6_addr addrs[IP6T_RT_HOPS]</c> of <see cref="Ip6tRt"/>.</summary>
[InlineArray(Ip6tExtensionConstants.IP6T_RT_HOPS)]
public struct Ip6tRtAddrs
{
    private In6Addr _element;
}

/// <summary><c>struct ip6t_rt</c>: the <c>rt</c> match (revision 0).</summary>
[KernelStruct("struct ip6t_rt", Header = "linux/netfilter_ipv6/ip6t_rt.h")]
[StructLayout(LayoutKind.Explicit, Size = 280)]
public unsafe partial struct Ip6tRt
{
    /// <summary>Routing type.</summary>
    [FieldOffset(0)] public uint rt_type;

    /// <summary>Segments-left range.</summary>
    [FieldOffset(4)] public fixed uint segsleft[2];

    /// <summary>Header length.</summary>
    [FieldOffset(12)] public uint hdrlen;

    /// <summary><c>IP6T_RT_*</c>.</summary>
    [FieldOffset(16)] public byte flags;

    /// <summary><c>IP6T_RT_INV_*</c>.</summary>
    [FieldOffset(17)] public byte invflags;

    /// <summary>Addresses of type 0 headers.</summary>
    [FieldOffset(20)] public Ip6tRtAddrs addrs;

    /// <summary>Number of addresses.</summary>
    [FieldOffset(276)] public byte addrnr;
}

/// <summary><c>struct ip6t_mh</c>: the <c>mh</c> match (revision 0).</summary>
[KernelStruct("struct ip6t_mh", Header = "linux/netfilter_ipv6/ip6t_mh.h")]
public unsafe partial struct Ip6tMh
{
    /// <summary>Mobility header type range.</summary>
    public fixed byte types[2];

    /// <summary><c>IP6T_MH_INV_TYPE</c>.</summary>
    public byte invflags;
}

/// <summary><c>struct ip6t_ipv6header_info</c>: the <c>ipv6header</c> match (revision 0).</summary>
[KernelStruct("struct ip6t_ipv6header_info", Header = "linux/netfilter_ipv6/ip6t_ipv6header.h")]
public partial struct Ip6tIpv6headerInfo
{
    /// <summary><c>MASK_*</c>: the headers.</summary>
    public byte matchflags;

    /// <summary>Non-zero: invert.</summary>
    public byte invflags;

    /// <summary>Non-zero: <c>--soft</c> (any of the headers).</summary>
    public byte modeflag;
}

/// <summary><c>struct ip6t_srh</c>: the <c>srh</c> match, revision 0.</summary>
[KernelStruct("struct ip6t_srh", Header = "linux/netfilter_ipv6/ip6t_srh.h")]
public partial struct Ip6tSrh
{
    /// <summary>Next header.</summary>
    public byte next_hdr;

    /// <summary>Header length.</summary>
    public byte hdr_len;

    /// <summary>Segments left.</summary>
    public byte segs_left;

    /// <summary>Last entry.</summary>
    public byte last_entry;

    /// <summary>Tag.</summary>
    public ushort tag;

    /// <summary><c>IP6T_SRH_*</c>.</summary>
    public ushort mt_flags;

    /// <summary><c>IP6T_SRH_INV_*</c>.</summary>
    public ushort mt_invflags;
}

/// <summary><c>struct ip6t_srh1</c>: the <c>srh</c> match, revision 1 (adds segment addresses).</summary>
[KernelStruct("struct ip6t_srh1", Header = "linux/netfilter_ipv6/ip6t_srh.h")]
[StructLayout(LayoutKind.Explicit, Size = 108)]
public partial struct Ip6tSrh1
{
    /// <summary>Next header.</summary>
    [FieldOffset(0)] public byte next_hdr;

    /// <summary>Header length.</summary>
    [FieldOffset(1)] public byte hdr_len;

    /// <summary>Segments left.</summary>
    [FieldOffset(2)] public byte segs_left;

    /// <summary>Last entry.</summary>
    [FieldOffset(3)] public byte last_entry;

    /// <summary>Tag.</summary>
    [FieldOffset(4)] public ushort tag;

    /// <summary>Previous segment address.</summary>
    [FieldOffset(8)] public In6Addr psid_addr;

    /// <summary>Next segment address.</summary>
    [FieldOffset(24)] public In6Addr nsid_addr;

    /// <summary>Last segment address.</summary>
    [FieldOffset(40)] public In6Addr lsid_addr;

    /// <summary>Previous segment mask.</summary>
    [FieldOffset(56)] public In6Addr psid_msk;

    /// <summary>Next segment mask.</summary>
    [FieldOffset(72)] public In6Addr nsid_msk;

    /// <summary>Last segment mask.</summary>
    [FieldOffset(88)] public In6Addr lsid_msk;

    /// <summary><c>IP6T_SRH_*</c>.</summary>
    [FieldOffset(104)] public ushort mt_flags;

    /// <summary><c>IP6T_SRH_INV_*</c>.</summary>
    [FieldOffset(106)] public ushort mt_invflags;
}

/// <summary><c>struct ip6t_npt_tginfo</c>: the <c>SNPT</c> and <c>DNPT</c> targets (revision 0).</summary>
[KernelStruct("struct ip6t_npt_tginfo", Header = "linux/netfilter_ipv6/ip6t_NPT.h")]
public partial struct Ip6tNptTginfo
{
    /// <summary>Source prefix.</summary>
    public NfInetAddr src_pfx;

    /// <summary>Destination prefix.</summary>
    public NfInetAddr dst_pfx;

    /// <summary>Source prefix length.</summary>
    public byte src_pfx_len;

    /// <summary>Destination prefix length.</summary>
    public byte dst_pfx_len;

    /// <summary>The kernel's checksum adjustment (<c>__sum16</c>).</summary>
    public ushort adjustment;
}

/// <summary>Constants of the IPv6-only extension headers.</summary>
public static class Ip6tExtensionConstants
{
    /// <summary><c>IP6T_ICMP_INV</c>.</summary>
    public const byte IP6T_ICMP_INV = 0x01;

    /// <summary><c>IP6T_ICMP6_NO_ROUTE</c>: the first <c>enum ip6t_reject_with</c>.</summary>
    public const uint IP6T_ICMP6_NO_ROUTE = 0;

    /// <summary><c>IP6T_ICMP6_REJECT_ROUTE</c>: the last <c>enum ip6t_reject_with</c>.</summary>
    public const uint IP6T_ICMP6_REJECT_ROUTE = 8;

    /// <summary><c>IP6T_HL_SET</c>.</summary>
    public const byte IP6T_HL_SET = 0;

    /// <summary><c>IP6T_HL_INC</c>.</summary>
    public const byte IP6T_HL_INC = 1;

    /// <summary><c>IP6T_HL_DEC</c>.</summary>
    public const byte IP6T_HL_DEC = 2;

    /// <summary><c>IP6T_HL_EQ</c>.</summary>
    public const byte IP6T_HL_EQ = 0;

    /// <summary><c>IP6T_HL_NE</c>.</summary>
    public const byte IP6T_HL_NE = 1;

    /// <summary><c>IP6T_HL_LT</c>.</summary>
    public const byte IP6T_HL_LT = 2;

    /// <summary><c>IP6T_HL_GT</c>.</summary>
    public const byte IP6T_HL_GT = 3;

    /// <summary><c>IP6T_AH_SPI</c>.</summary>
    public const byte IP6T_AH_SPI = 0x01;

    /// <summary><c>IP6T_AH_LEN</c>.</summary>
    public const byte IP6T_AH_LEN = 0x02;

    /// <summary><c>IP6T_AH_RES</c>.</summary>
    public const byte IP6T_AH_RES = 0x04;

    /// <summary><c>IP6T_AH_INV_SPI</c>.</summary>
    public const byte IP6T_AH_INV_SPI = 0x01;

    /// <summary><c>IP6T_AH_INV_LEN</c>.</summary>
    public const byte IP6T_AH_INV_LEN = 0x02;

    /// <summary><c>IP6T_FRAG_IDS</c>.</summary>
    public const byte IP6T_FRAG_IDS = 0x01;

    /// <summary><c>IP6T_FRAG_LEN</c>.</summary>
    public const byte IP6T_FRAG_LEN = 0x02;

    /// <summary><c>IP6T_FRAG_RES</c>.</summary>
    public const byte IP6T_FRAG_RES = 0x04;

    /// <summary><c>IP6T_FRAG_FST</c>.</summary>
    public const byte IP6T_FRAG_FST = 0x08;

    /// <summary><c>IP6T_FRAG_MF</c>.</summary>
    public const byte IP6T_FRAG_MF = 0x10;

    /// <summary><c>IP6T_FRAG_NMF</c>.</summary>
    public const byte IP6T_FRAG_NMF = 0x20;

    /// <summary><c>IP6T_FRAG_INV_IDS</c>.</summary>
    public const byte IP6T_FRAG_INV_IDS = 0x01;

    /// <summary><c>IP6T_FRAG_INV_LEN</c>.</summary>
    public const byte IP6T_FRAG_INV_LEN = 0x02;

    /// <summary><c>IP6T_OPTS_OPTSNR</c>.</summary>
    public const int IP6T_OPTS_OPTSNR = 16;

    /// <summary><c>IP6T_OPTS_LEN</c>.</summary>
    public const byte IP6T_OPTS_LEN = 0x01;

    /// <summary><c>IP6T_OPTS_OPTS</c>.</summary>
    public const byte IP6T_OPTS_OPTS = 0x02;

    /// <summary><c>IP6T_OPTS_NSTRICT</c>.</summary>
    public const byte IP6T_OPTS_NSTRICT = 0x04;

    /// <summary><c>IP6T_OPTS_INV_LEN</c>.</summary>
    public const byte IP6T_OPTS_INV_LEN = 0x01;

    /// <summary><c>IP6T_RT_HOPS</c>.</summary>
    public const int IP6T_RT_HOPS = 16;

    /// <summary><c>IP6T_RT_TYP</c>.</summary>
    public const byte IP6T_RT_TYP = 0x01;

    /// <summary><c>IP6T_RT_SGS</c>.</summary>
    public const byte IP6T_RT_SGS = 0x02;

    /// <summary><c>IP6T_RT_LEN</c>.</summary>
    public const byte IP6T_RT_LEN = 0x04;

    /// <summary><c>IP6T_RT_RES</c>.</summary>
    public const byte IP6T_RT_RES = 0x08;

    /// <summary><c>IP6T_RT_FST_MASK</c>.</summary>
    public const byte IP6T_RT_FST_MASK = 0x30;

    /// <summary><c>IP6T_RT_FST</c>.</summary>
    public const byte IP6T_RT_FST = 0x10;

    /// <summary><c>IP6T_RT_FST_NSTRICT</c>.</summary>
    public const byte IP6T_RT_FST_NSTRICT = 0x20;

    /// <summary><c>IP6T_RT_INV_TYP</c>.</summary>
    public const byte IP6T_RT_INV_TYP = 0x01;

    /// <summary><c>IP6T_RT_INV_SGS</c>.</summary>
    public const byte IP6T_RT_INV_SGS = 0x02;

    /// <summary><c>IP6T_RT_INV_LEN</c>.</summary>
    public const byte IP6T_RT_INV_LEN = 0x04;

    /// <summary><c>IP6T_MH_INV_TYPE</c>.</summary>
    public const byte IP6T_MH_INV_TYPE = 0x01;

    /// <summary><c>MASK_HOPOPTS</c>.</summary>
    public const byte MASK_HOPOPTS = 128;

    /// <summary><c>MASK_DSTOPTS</c>.</summary>
    public const byte MASK_DSTOPTS = 64;

    /// <summary><c>MASK_ROUTING</c>.</summary>
    public const byte MASK_ROUTING = 32;

    /// <summary><c>MASK_FRAGMENT</c>.</summary>
    public const byte MASK_FRAGMENT = 16;

    /// <summary><c>MASK_AH</c>.</summary>
    public const byte MASK_AH = 8;

    /// <summary><c>MASK_ESP</c>.</summary>
    public const byte MASK_ESP = 4;

    /// <summary><c>MASK_NONE</c>.</summary>
    public const byte MASK_NONE = 2;

    /// <summary><c>MASK_PROTO</c>.</summary>
    public const byte MASK_PROTO = 1;

    /// <summary><c>IP6T_SRH_NEXTHDR</c>; the test bits follow up to <see cref="IP6T_SRH_LSID"/>, and <c>IP6T_SRH_INV_*</c> mirror them.</summary>
    public const ushort IP6T_SRH_NEXTHDR = 0x0001;

    /// <summary><c>IP6T_SRH_LEN_EQ</c>.</summary>
    public const ushort IP6T_SRH_LEN_EQ = 0x0002;

    /// <summary><c>IP6T_SRH_LEN_GT</c>.</summary>
    public const ushort IP6T_SRH_LEN_GT = 0x0004;

    /// <summary><c>IP6T_SRH_LEN_LT</c>.</summary>
    public const ushort IP6T_SRH_LEN_LT = 0x0008;

    /// <summary><c>IP6T_SRH_SEGS_EQ</c>.</summary>
    public const ushort IP6T_SRH_SEGS_EQ = 0x0010;

    /// <summary><c>IP6T_SRH_SEGS_GT</c>.</summary>
    public const ushort IP6T_SRH_SEGS_GT = 0x0020;

    /// <summary><c>IP6T_SRH_SEGS_LT</c>.</summary>
    public const ushort IP6T_SRH_SEGS_LT = 0x0040;

    /// <summary><c>IP6T_SRH_LAST_EQ</c>.</summary>
    public const ushort IP6T_SRH_LAST_EQ = 0x0080;

    /// <summary><c>IP6T_SRH_LAST_GT</c>.</summary>
    public const ushort IP6T_SRH_LAST_GT = 0x0100;

    /// <summary><c>IP6T_SRH_LAST_LT</c>.</summary>
    public const ushort IP6T_SRH_LAST_LT = 0x0200;

    /// <summary><c>IP6T_SRH_TAG</c>.</summary>
    public const ushort IP6T_SRH_TAG = 0x0400;

    /// <summary><c>IP6T_SRH_PSID</c>.</summary>
    public const ushort IP6T_SRH_PSID = 0x0800;

    /// <summary><c>IP6T_SRH_NSID</c>.</summary>
    public const ushort IP6T_SRH_NSID = 0x1000;

    /// <summary><c>IP6T_SRH_LSID</c>.</summary>
    public const ushort IP6T_SRH_LSID = 0x2000;
}
