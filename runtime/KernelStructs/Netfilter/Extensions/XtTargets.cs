using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter.Extensions;

// Mirrors of the target headers <linux/netfilter/xt_AUDIT.h>, xt_CHECKSUM.h, xt_CLASSIFY.h, xt_CONNSECMARK.h,
// xt_CT.h, xt_HMARK.h, xt_IDLETIMER.h, xt_LOG.h, xt_NFLOG.h, xt_NFQUEUE.h, xt_RATEEST.h, xt_SECMARK.h,
// xt_TCPMSS.h, xt_TCPOPTSTRIP.h, xt_TEE.h, xt_TPROXY.h and <linux/netfilter/nf_synproxy.h>.

/// <summary><c>struct xt_audit_info</c>: the <c>AUDIT</c> target (revision 0).</summary>
[KernelStruct("struct xt_audit_info", Header = "linux/netfilter/xt_AUDIT.h")]
public partial struct XtAuditInfo
{
    /// <summary><c>XT_AUDIT_TYPE_ACCEPT</c>, <c>_DROP</c> or <c>_REJECT</c>.</summary>
    public byte type;
}

/// <summary><c>struct xt_CHECKSUM_info</c>: the <c>CHECKSUM</c> target (revision 0).</summary>
[KernelStruct("struct xt_CHECKSUM_info", Header = "linux/netfilter/xt_CHECKSUM.h")]
public partial struct XtChecksumInfo
{
    /// <summary><c>XT_CHECKSUM_OP_FILL</c>.</summary>
    public byte operation;
}

/// <summary><c>struct xt_classify_target_info</c>: the <c>CLASSIFY</c> target (revision 0; also arp_tables').</summary>
[KernelStruct("struct xt_classify_target_info", Header = "linux/netfilter/xt_CLASSIFY.h")]
public partial struct XtClassifyTargetInfo
{
    /// <summary>The traffic-control class, <c>major &lt;&lt; 16 | minor</c>.</summary>
    public uint priority;
}

/// <summary><c>struct xt_connsecmark_target_info</c>: the <c>CONNSECMARK</c> target (revision 0).</summary>
[KernelStruct("struct xt_connsecmark_target_info", Header = "linux/netfilter/xt_CONNSECMARK.h")]
public partial struct XtConnsecmarkTargetInfo
{
    /// <summary><c>CONNSECMARK_SAVE</c> or <c>CONNSECMARK_RESTORE</c>.</summary>
    public byte mode;
}

/// <summary><c>struct xt_ct_target_info</c>: the <c>CT</c> target, revision 0 (and <c>NOTRACK</c> written as <c>CT</c>).</summary>
[KernelStruct("struct xt_ct_target_info", Header = "linux/netfilter/xt_CT.h")]
[StructLayout(LayoutKind.Explicit, Size = 40)]
public unsafe partial struct XtCtTargetInfo
{
    /// <summary><c>XT_CT_*</c>.</summary>
    [FieldOffset(0)] public ushort flags;

    /// <summary>The conntrack zone.</summary>
    [FieldOffset(2)] public ushort zone;

    /// <summary>Conntrack events to report (bit <c>IPCT_*</c>).</summary>
    [FieldOffset(4)] public uint ct_events;

    /// <summary>Expectation events to report (bit <c>IPEXP_*</c>).</summary>
    [FieldOffset(8)] public uint exp_events;

    /// <summary>The helper's name.</summary>
    [FieldOffset(12), CString] public fixed byte helper[16];

    /// <summary><c>struct nf_conn *ct</c>, the kernel's (zero in user space).</summary>
    [FieldOffset(32), CField(Alignment = 8)] public nint ct;
}

/// <summary><c>struct xt_ct_target_info_v1</c>: the <c>CT</c> target, revisions 1 and 2 (adds the timeout policy).</summary>
[KernelStruct("struct xt_ct_target_info_v1", Header = "linux/netfilter/xt_CT.h")]
[StructLayout(LayoutKind.Explicit, Size = 72)]
public unsafe partial struct XtCtTargetInfoV1
{
    /// <summary><c>XT_CT_*</c>.</summary>
    [FieldOffset(0)] public ushort flags;

    /// <summary>The conntrack zone.</summary>
    [FieldOffset(2)] public ushort zone;

    /// <summary>Conntrack events to report (bit <c>IPCT_*</c>).</summary>
    [FieldOffset(4)] public uint ct_events;

    /// <summary>Expectation events to report (bit <c>IPEXP_*</c>).</summary>
    [FieldOffset(8)] public uint exp_events;

    /// <summary>The helper's name.</summary>
    [FieldOffset(12), CString] public fixed byte helper[16];

    /// <summary>The timeout policy's name.</summary>
    [FieldOffset(28), CString] public fixed byte timeout[32];

    /// <summary><c>struct nf_conn *ct</c>, the kernel's (zero in user space).</summary>
    [FieldOffset(64), CField(Alignment = 8)] public nint ct;
}

/// <summary><c>union hmark_ports</c>: a pair of ports, or their 32 bits.</summary>
[KernelStruct("union hmark_ports", Header = "linux/netfilter/xt_HMARK.h")]
[StructLayout(LayoutKind.Explicit)]
public partial struct HmarkPorts
{
    /// <summary>Host-order source and destination.</summary>
    [FieldOffset(0)] public HmarkPortPair p16;

    /// <summary>Network-order source and destination.</summary>
    [FieldOffset(0)] public HmarkPortPairBe b16;

    /// <summary>The 32 bits, host order.</summary>
    [FieldOffset(0)] public uint v32;

    /// <summary>The 32 bits, network order.</summary>
    [FieldOffset(0)] public Be32 b32;
}

/// <summary>The unnamed <c>struct { __u16 src, dst; }</c> of <c>union hmark_ports</c> (<c>p16</c>).</summary>
[KernelStruct("struct hmark_port_pair")]
public partial struct HmarkPortPair
{
    /// <summary>Source port.</summary>
    public ushort src;

    /// <summary>Destination port.</summary>
    public ushort dst;
}

/// <summary>The unnamed <c>struct { __be16 src, dst; }</c> of <c>union hmark_ports</c> (<c>b16</c>).</summary>
[KernelStruct("struct hmark_port_pair_be")]
public partial struct HmarkPortPairBe
{
    /// <summary>Source port.</summary>
    public Be16 src;

    /// <summary>Destination port.</summary>
    public Be16 dst;
}

/// <summary><c>struct xt_hmark_info</c>: the <c>HMARK</c> target (revision 0).</summary>
[KernelStruct("struct xt_hmark_info", Header = "linux/netfilter/xt_HMARK.h")]
public partial struct XtHmarkInfo
{
    /// <summary>Source address mask.</summary>
    public NfInetAddr src_mask;

    /// <summary>Destination address mask.</summary>
    public NfInetAddr dst_mask;

    /// <summary>Port (or SPI) mask.</summary>
    public HmarkPorts port_mask;

    /// <summary>Port (or SPI) values.</summary>
    public HmarkPorts port_set;

    /// <summary>Bit <c>XT_HMARK_*</c> for each option given.</summary>
    public uint flags;

    /// <summary>Protocol mask.</summary>
    public ushort proto_mask;

    /// <summary>Random seed.</summary>
    public uint hashrnd;

    /// <summary>Modulus.</summary>
    public uint hmodulus;

    /// <summary>Offset added to the mark.</summary>
    public uint hoffset;
}

/// <summary><c>struct idletimer_tg_info</c>: the <c>IDLETIMER</c> target, revision 0.</summary>
[KernelStruct("struct idletimer_tg_info", Header = "linux/netfilter/xt_IDLETIMER.h")]
[StructLayout(LayoutKind.Explicit, Size = 40)]
public unsafe partial struct IdletimerTgInfo
{
    /// <summary>Timeout, seconds.</summary>
    [FieldOffset(0)] public uint timeout;

    /// <summary>The timer's label.</summary>
    [FieldOffset(4), CString] public fixed byte label[XtTargetConstants.MAX_IDLETIMER_LABEL_SIZE];

    /// <summary><c>struct idletimer_tg *timer</c>, the kernel's.</summary>
    [FieldOffset(32), CField(Alignment = 8)] public nint timer;
}

/// <summary><c>struct idletimer_tg_info_v1</c>: the <c>IDLETIMER</c> target, revision 1 (adds the timer type).</summary>
[KernelStruct("struct idletimer_tg_info_v1", Header = "linux/netfilter/xt_IDLETIMER.h")]
[StructLayout(LayoutKind.Explicit, Size = 48)]
public unsafe partial struct IdletimerTgInfoV1
{
    /// <summary>Timeout, seconds.</summary>
    [FieldOffset(0)] public uint timeout;

    /// <summary>The timer's label.</summary>
    [FieldOffset(4), CString] public fixed byte label[XtTargetConstants.MAX_IDLETIMER_LABEL_SIZE];

    /// <summary>Unused.</summary>
    [FieldOffset(32)] public byte send_nl_msg;

    /// <summary><c>XT_IDLETIMER_ALARM</c> for an alarm timer.</summary>
    [FieldOffset(33)] public byte timer_type;

    /// <summary><c>struct idletimer_tg *timer</c>, the kernel's.</summary>
    [FieldOffset(40), CField(Alignment = 8)] public nint timer;
}

/// <summary><c>struct xt_log_info</c>: the <c>LOG</c> target (revision 0).</summary>
[KernelStruct("struct xt_log_info", Header = "linux/netfilter/xt_LOG.h")]
public unsafe partial struct XtLogInfo
{
    /// <summary>Syslog level.</summary>
    public byte level;

    /// <summary><c>XT_LOG_*</c>.</summary>
    public byte logflags;

    /// <summary>The prefix.</summary>
    [CString] public fixed byte prefix[30];
}

/// <summary><c>struct xt_nflog_info</c>: the <c>NFLOG</c> target (revision 0).</summary>
[KernelStruct("struct xt_nflog_info", Header = "linux/netfilter/xt_NFLOG.h")]
public unsafe partial struct XtNflogInfo
{
    /// <summary>Bytes to copy, with <c>XT_NFLOG_F_COPY_LEN</c>.</summary>
    public uint len;

    /// <summary>The netlink group.</summary>
    public ushort group;

    /// <summary>Packets to queue before sending.</summary>
    public ushort threshold;

    /// <summary><c>XT_NFLOG_F_COPY_LEN</c>.</summary>
    public ushort flags;

    /// <summary>Padding.</summary>
    public ushort pad;

    /// <summary>The prefix.</summary>
    [CString] public fixed byte prefix[64];
}

/// <summary><c>struct xt_NFQ_info</c>: the <c>NFQUEUE</c> target, revision 0.</summary>
[KernelStruct("struct xt_NFQ_info", Header = "linux/netfilter/xt_NFQUEUE.h")]
public partial struct XtNfqInfo
{
    /// <summary>The queue.</summary>
    public ushort queuenum;
}

/// <summary><c>struct xt_NFQ_info_v1</c>: the <c>NFQUEUE</c> target, revision 1 (queue balancing).</summary>
[KernelStruct("struct xt_NFQ_info_v1", Header = "linux/netfilter/xt_NFQUEUE.h")]
public partial struct XtNfqInfoV1
{
    /// <summary>The first queue.</summary>
    public ushort queuenum;

    /// <summary>Number of queues.</summary>
    public ushort queues_total;
}

/// <summary><c>struct xt_NFQ_info_v2</c>: the <c>NFQUEUE</c> target, revision 2 (adds bypass).</summary>
[KernelStruct("struct xt_NFQ_info_v2", Header = "linux/netfilter/xt_NFQUEUE.h")]
public partial struct XtNfqInfoV2
{
    /// <summary>The first queue.</summary>
    public ushort queuenum;

    /// <summary>Number of queues.</summary>
    public ushort queues_total;

    /// <summary>Non-zero: accept when no program listens.</summary>
    public ushort bypass;
}

/// <summary><c>struct xt_NFQ_info_v3</c>: the <c>NFQUEUE</c> target, revision 3 (flags).</summary>
[KernelStruct("struct xt_NFQ_info_v3", Header = "linux/netfilter/xt_NFQUEUE.h")]
public partial struct XtNfqInfoV3
{
    /// <summary>The first queue.</summary>
    public ushort queuenum;

    /// <summary>Number of queues.</summary>
    public ushort queues_total;

    /// <summary><c>NFQ_FLAG_BYPASS</c>, <c>NFQ_FLAG_CPU_FANOUT</c>.</summary>
    public ushort flags;
}

/// <summary><c>struct xt_rateest_target_info</c>: the <c>RATEEST</c> target (revision 0).</summary>
[KernelStruct("struct xt_rateest_target_info", Header = "linux/netfilter/xt_RATEEST.h")]
[StructLayout(LayoutKind.Explicit, Size = 32)]
public unsafe partial struct XtRateestTargetInfo
{
    /// <summary>The estimator's name.</summary>
    [FieldOffset(0), CString] public fixed byte name[16];

    /// <summary>Interval, as <c>2^(interval+2)</c> 1/4 seconds.</summary>
    [FieldOffset(16)] public sbyte interval;

    /// <summary>Averaging constant, log2.</summary>
    [FieldOffset(17)] public byte ewma_log;

    /// <summary><c>struct xt_rateest *est</c>, the kernel's.</summary>
    [FieldOffset(24), CField(Alignment = 8)] public nint est;
}

/// <summary><c>struct xt_secmark_target_info</c>: the <c>SECMARK</c> target, revision 0.</summary>
[KernelStruct("struct xt_secmark_target_info", Header = "linux/netfilter/xt_SECMARK.h")]
public unsafe partial struct XtSecmarkTargetInfo
{
    /// <summary><c>SECMARK_MODE_SEL</c>.</summary>
    public byte mode;

    /// <summary>The security id, the kernel's.</summary>
    public uint secid;

    /// <summary>The security context.</summary>
    [CString] public fixed byte secctx[XtTargetConstants.SECMARK_SECCTX_MAX];
}

/// <summary><c>struct xt_secmark_target_info_v1</c>: the <c>SECMARK</c> target, revision 1.</summary>
[KernelStruct("struct xt_secmark_target_info_v1", Header = "linux/netfilter/xt_SECMARK.h")]
public unsafe partial struct XtSecmarkTargetInfoV1
{
    /// <summary><c>SECMARK_MODE_SEL</c>.</summary>
    public byte mode;

    /// <summary>The security context.</summary>
    [CString] public fixed byte secctx[XtTargetConstants.SECMARK_SECCTX_MAX];

    /// <summary>The security id, the kernel's.</summary>
    public uint secid;
}

/// <summary><c>struct nf_synproxy_info</c> (<c>xt_synproxy_info</c>): the <c>SYNPROXY</c> target (revision 0).</summary>
[KernelStruct("struct nf_synproxy_info", Header = "linux/netfilter/nf_synproxy.h")]
public partial struct NfSynproxyInfo
{
    /// <summary><c>XT_SYNPROXY_OPT_*</c>.</summary>
    public byte options;

    /// <summary>Window scale.</summary>
    public byte wscale;

    /// <summary>MSS.</summary>
    public ushort mss;
}

/// <summary><c>struct xt_tcpmss_info</c>: the <c>TCPMSS</c> target (revision 0).</summary>
[KernelStruct("struct xt_tcpmss_info", Header = "linux/netfilter/xt_TCPMSS.h")]
public partial struct XtTcpmssInfo
{
    /// <summary>The MSS to set, or <c>XT_TCPMSS_CLAMP_PMTU</c>.</summary>
    public ushort mss;
}

/// <summary><c>struct xt_tcpoptstrip_target_info</c>: the <c>TCPOPTSTRIP</c> target (revision 0).</summary>
[KernelStruct("struct xt_tcpoptstrip_target_info", Header = "linux/netfilter/xt_TCPOPTSTRIP.h")]
public unsafe partial struct XtTcpoptstripTargetInfo
{
    /// <summary>Bit n: strip TCP option kind n.</summary>
    public fixed uint strip_bmap[8];
}

/// <summary><c>struct xt_tee_tginfo</c>: the <c>TEE</c> target, revision 1.</summary>
[KernelStruct("struct xt_tee_tginfo", Header = "linux/netfilter/xt_TEE.h")]
public unsafe partial struct XtTeeTginfo
{
    /// <summary>The gateway.</summary>
    public NfInetAddr gw;

    /// <summary>The output interface.</summary>
    [CString] public fixed byte oif[16];

    /// <summary><c>struct xt_tee_priv *priv</c>, the kernel's.</summary>
    [CField(Alignment = 8)] public nint priv;
}

/// <summary><c>struct xt_tproxy_target_info</c>: the <c>TPROXY</c> target, revision 0 (IPv4).</summary>
[KernelStruct("struct xt_tproxy_target_info", Header = "linux/netfilter/xt_TPROXY.h")]
public partial struct XtTproxyTargetInfo
{
    /// <summary>Mark mask.</summary>
    public uint mark_mask;

    /// <summary>Mark value.</summary>
    public uint mark_value;

    /// <summary>Local address to redirect to.</summary>
    public Be32 laddr;

    /// <summary>Local port.</summary>
    public Be16 lport;
}

/// <summary><c>struct xt_tproxy_target_info_v1</c>: the <c>TPROXY</c> target, revision 1.</summary>
[KernelStruct("struct xt_tproxy_target_info_v1", Header = "linux/netfilter/xt_TPROXY.h")]
public partial struct XtTproxyTargetInfoV1
{
    /// <summary>Mark mask.</summary>
    public uint mark_mask;

    /// <summary>Mark value.</summary>
    public uint mark_value;

    /// <summary>Local address to redirect to.</summary>
    public NfInetAddr laddr;

    /// <summary>Local port.</summary>
    public Be16 lport;
}

/// <summary>Constants of the target headers.</summary>
public static class XtTargetConstants
{
    /// <summary><c>XT_AUDIT_TYPE_ACCEPT</c>.</summary>
    public const byte XT_AUDIT_TYPE_ACCEPT = 0;

    /// <summary><c>XT_AUDIT_TYPE_DROP</c>.</summary>
    public const byte XT_AUDIT_TYPE_DROP = 1;

    /// <summary><c>XT_AUDIT_TYPE_REJECT</c>.</summary>
    public const byte XT_AUDIT_TYPE_REJECT = 2;

    /// <summary><c>XT_CHECKSUM_OP_FILL</c>.</summary>
    public const byte XT_CHECKSUM_OP_FILL = 0x01;

    /// <summary><c>CONNSECMARK_SAVE</c>.</summary>
    public const byte CONNSECMARK_SAVE = 1;

    /// <summary><c>CONNSECMARK_RESTORE</c>.</summary>
    public const byte CONNSECMARK_RESTORE = 2;

    /// <summary><c>XT_CT_NOTRACK</c>.</summary>
    public const ushort XT_CT_NOTRACK = 1 << 0;

    /// <summary><c>XT_CT_NOTRACK_ALIAS</c>: the rule was written as <c>-j NOTRACK</c>.</summary>
    public const ushort XT_CT_NOTRACK_ALIAS = 1 << 1;

    /// <summary><c>XT_CT_ZONE_DIR_ORIG</c>.</summary>
    public const ushort XT_CT_ZONE_DIR_ORIG = 1 << 2;

    /// <summary><c>XT_CT_ZONE_DIR_REPL</c>.</summary>
    public const ushort XT_CT_ZONE_DIR_REPL = 1 << 3;

    /// <summary><c>XT_CT_ZONE_MARK</c>.</summary>
    public const ushort XT_CT_ZONE_MARK = 1 << 4;

    /// <summary><c>MAX_IDLETIMER_LABEL_SIZE</c>.</summary>
    public const int MAX_IDLETIMER_LABEL_SIZE = 28;

    /// <summary><c>XT_IDLETIMER_ALARM</c>.</summary>
    public const byte XT_IDLETIMER_ALARM = 0x01;

    /// <summary><c>XT_LOG_TCPSEQ</c>.</summary>
    public const byte XT_LOG_TCPSEQ = 0x01;

    /// <summary><c>XT_LOG_TCPOPT</c>.</summary>
    public const byte XT_LOG_TCPOPT = 0x02;

    /// <summary><c>XT_LOG_IPOPT</c>.</summary>
    public const byte XT_LOG_IPOPT = 0x04;

    /// <summary><c>XT_LOG_UID</c>.</summary>
    public const byte XT_LOG_UID = 0x08;

    /// <summary><c>XT_LOG_MACDECODE</c>.</summary>
    public const byte XT_LOG_MACDECODE = 0x20;

    /// <summary><c>XT_NFLOG_F_COPY_LEN</c>.</summary>
    public const ushort XT_NFLOG_F_COPY_LEN = 0x1;

    /// <summary><c>NFQ_FLAG_BYPASS</c>.</summary>
    public const ushort NFQ_FLAG_BYPASS = 0x01;

    /// <summary><c>NFQ_FLAG_CPU_FANOUT</c>.</summary>
    public const ushort NFQ_FLAG_CPU_FANOUT = 0x02;

    /// <summary><c>SECMARK_MODE_SEL</c>.</summary>
    public const byte SECMARK_MODE_SEL = 0x01;

    /// <summary><c>SECMARK_SECCTX_MAX</c>.</summary>
    public const int SECMARK_SECCTX_MAX = 256;

    /// <summary><c>XT_SYNPROXY_OPT_MSS</c>.</summary>
    public const byte XT_SYNPROXY_OPT_MSS = 0x01;

    /// <summary><c>XT_SYNPROXY_OPT_WSCALE</c>.</summary>
    public const byte XT_SYNPROXY_OPT_WSCALE = 0x02;

    /// <summary><c>XT_SYNPROXY_OPT_SACK_PERM</c>.</summary>
    public const byte XT_SYNPROXY_OPT_SACK_PERM = 0x04;

    /// <summary><c>XT_SYNPROXY_OPT_TIMESTAMP</c>.</summary>
    public const byte XT_SYNPROXY_OPT_TIMESTAMP = 0x08;

    /// <summary><c>XT_SYNPROXY_OPT_ECN</c>.</summary>
    public const byte XT_SYNPROXY_OPT_ECN = 0x10;

    /// <summary><c>XT_TCPMSS_CLAMP_PMTU</c>.</summary>
    public const ushort XT_TCPMSS_CLAMP_PMTU = 0xffff;

    /// <summary><c>XT_HMARK_SADDR_MASK</c>; each <c>XT_HMARK_*</c> option is bit <c>1 &lt;&lt; n</c> of <c>flags</c>.</summary>
    public const int XT_HMARK_SADDR_MASK = 0;

    /// <summary><c>XT_HMARK_DADDR_MASK</c>.</summary>
    public const int XT_HMARK_DADDR_MASK = 1;

    /// <summary><c>XT_HMARK_SPI</c>.</summary>
    public const int XT_HMARK_SPI = 2;

    /// <summary><c>XT_HMARK_SPI_MASK</c>.</summary>
    public const int XT_HMARK_SPI_MASK = 3;

    /// <summary><c>XT_HMARK_SPORT</c>.</summary>
    public const int XT_HMARK_SPORT = 4;

    /// <summary><c>XT_HMARK_DPORT</c>.</summary>
    public const int XT_HMARK_DPORT = 5;

    /// <summary><c>XT_HMARK_SPORT_MASK</c>.</summary>
    public const int XT_HMARK_SPORT_MASK = 6;

    /// <summary><c>XT_HMARK_DPORT_MASK</c>.</summary>
    public const int XT_HMARK_DPORT_MASK = 7;

    /// <summary><c>XT_HMARK_PROTO_MASK</c>.</summary>
    public const int XT_HMARK_PROTO_MASK = 8;

    /// <summary><c>XT_HMARK_RND</c>.</summary>
    public const int XT_HMARK_RND = 9;

    /// <summary><c>XT_HMARK_MODULUS</c>.</summary>
    public const int XT_HMARK_MODULUS = 10;

    /// <summary><c>XT_HMARK_OFFSET</c>.</summary>
    public const int XT_HMARK_OFFSET = 11;

    /// <summary><c>XT_HMARK_CT</c>.</summary>
    public const int XT_HMARK_CT = 12;

    /// <summary><c>XT_HMARK_METHOD_L3</c>.</summary>
    public const int XT_HMARK_METHOD_L3 = 13;

    /// <summary><c>XT_HMARK_METHOD_L3_4</c>.</summary>
    public const int XT_HMARK_METHOD_L3_4 = 14;
}
