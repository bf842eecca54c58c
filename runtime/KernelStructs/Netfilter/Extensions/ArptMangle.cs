using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of <linux/netfilter_arp/arpt_mangle.h>.

/// <summary><c>struct arpt_mangle</c>: arp_tables' <c>mangle</c> target (revision 0).</summary>
[KernelStruct("struct arpt_mangle", Header = "linux/netfilter_arp/arpt_mangle.h")]
public unsafe partial struct ArptMangle
{
    /// <summary>New sender hardware address.</summary>
    public fixed byte src_devaddr[ArpTables.ARPT_DEV_ADDR_LEN_MAX];

    /// <summary>New target hardware address.</summary>
    public fixed byte tgt_devaddr[ArpTables.ARPT_DEV_ADDR_LEN_MAX];

    /// <summary>New sender IP address.</summary>
    public SourceAddress u_s;

    /// <summary>New target IP address.</summary>
    public TargetAddress u_t;

    /// <summary><c>ARPT_MANGLE_*</c>: what is changed.</summary>
    public byte flags;

    /// <summary>The verdict afterwards: <c>NF_ACCEPT</c>, <c>NF_DROP</c> or <c>XT_CONTINUE</c>.</summary>
    public int target;

    /// <summary>The unnamed <c>union { struct in_addr src_ip; }</c> of <c>u_s</c>.</summary>
    [KernelStruct("union")]
    public partial struct SourceAddress
    {
        /// <summary>The sender IP address.</summary>
        public InAddr src_ip;
    }

    /// <summary>The unnamed <c>union { struct in_addr tgt_ip; }</c> of <c>u_t</c>.</summary>
    [KernelStruct("union")]
    public partial struct TargetAddress
    {
        /// <summary>The target IP address.</summary>
        public InAddr tgt_ip;
    }
}

/// <summary>Constants of <c>&lt;linux/netfilter_arp/arpt_mangle.h&gt;</c>.</summary>
public static class ArptMangleConstants
{
    /// <summary><c>ARPT_MANGLE_SDEV</c>.</summary>
    public const byte ARPT_MANGLE_SDEV = 0x01;

    /// <summary><c>ARPT_MANGLE_TDEV</c>.</summary>
    public const byte ARPT_MANGLE_TDEV = 0x02;

    /// <summary><c>ARPT_MANGLE_SIP</c>.</summary>
    public const byte ARPT_MANGLE_SIP = 0x04;

    /// <summary><c>ARPT_MANGLE_TIP</c>.</summary>
    public const byte ARPT_MANGLE_TIP = 0x08;
}
