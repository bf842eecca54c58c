using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// <c>struct tcp_info</c> from <c>linux/tcp.h</c> (as of Linux 6.18, 280 bytes): the answer of <c>TCP_INFO</c>.
/// </summary>
/// <remarks>
/// The struct grows with the kernel and <c>TCP_INFO</c> copies <c>min(len, sizeof(struct tcp_info))</c>, reporting
/// the length it wrote (<see cref="LengthRule.Truncating"/>): on an older kernel the fields past that length read
/// as zero (use <see cref="TcpOptions.GetInfo(System.Net.Sockets.Socket, out int)"/> to see how much is real).
/// Bitfields are declared on their storage units as in the header; the generator emits one property per bitfield.
/// </remarks>
[KernelStruct("struct tcp_info", Header = "linux/tcp.h", Extent = StructExtent.Growing)]
[StructLayout(LayoutKind.Sequential)]
public partial struct TcpInfo
{
    /// <summary>The TCP state (<c>TCP_ESTABLISHED</c> = 1, ...).</summary>
    public byte tcpi_state;

    /// <summary><c>tcpi_ca_state</c>.</summary>
    public byte tcpi_ca_state;

    /// <summary><c>tcpi_retransmits</c>.</summary>
    public byte tcpi_retransmits;

    /// <summary><c>tcpi_probes</c>.</summary>
    public byte tcpi_probes;

    /// <summary><c>tcpi_backoff</c>.</summary>
    public byte tcpi_backoff;

    /// <summary><c>TCPI_OPT_*</c> flags negotiated on the connection.</summary>
    public byte tcpi_options;

    /// <summary>Storage unit of <c>__u8 tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;</c>.</summary>
    [BitField("tcpi_snd_wscale", 4)]
    [BitField("tcpi_rcv_wscale", 4)]
    public byte tcpi_wscale;

    /// <summary>Storage unit of <c>__u8 tcpi_delivery_rate_app_limited:1, tcpi_fastopen_client_fail:2;</c> (5 bits unused).</summary>
    [BitField("tcpi_delivery_rate_app_limited", 1)]
    [BitField("tcpi_fastopen_client_fail", 2)]
    public byte tcpi_app_limited_fastopen;

    /// <summary><c>tcpi_rto</c>.</summary>
    public uint tcpi_rto;

    /// <summary><c>tcpi_ato</c>.</summary>
    public uint tcpi_ato;

    /// <summary>Send maximum segment size.</summary>
    public uint tcpi_snd_mss;

    /// <summary>Receive maximum segment size estimate.</summary>
    public uint tcpi_rcv_mss;

    /// <summary><c>tcpi_unacked</c>.</summary>
    public uint tcpi_unacked;

    /// <summary><c>tcpi_sacked</c>.</summary>
    public uint tcpi_sacked;

    /// <summary><c>tcpi_lost</c>.</summary>
    public uint tcpi_lost;

    /// <summary><c>tcpi_retrans</c>.</summary>
    public uint tcpi_retrans;

    /// <summary><c>tcpi_fackets</c>.</summary>
    public uint tcpi_fackets;

    /// <summary><c>tcpi_last_data_sent</c>.</summary>
    public uint tcpi_last_data_sent;

    /// <summary><c>tcpi_last_ack_sent</c>.</summary>
    public uint tcpi_last_ack_sent;

    /// <summary><c>tcpi_last_data_recv</c>.</summary>
    public uint tcpi_last_data_recv;

    /// <summary><c>tcpi_last_ack_recv</c>.</summary>
    public uint tcpi_last_ack_recv;

    /// <summary><c>tcpi_pmtu</c>.</summary>
    public uint tcpi_pmtu;

    /// <summary><c>tcpi_rcv_ssthresh</c>.</summary>
    public uint tcpi_rcv_ssthresh;

    /// <summary>Smoothed round-trip time, in microseconds.</summary>
    public uint tcpi_rtt;

    /// <summary>Round-trip time variance, in microseconds.</summary>
    public uint tcpi_rttvar;

    /// <summary><c>tcpi_snd_ssthresh</c>.</summary>
    public uint tcpi_snd_ssthresh;

    /// <summary><c>tcpi_snd_cwnd</c>.</summary>
    public uint tcpi_snd_cwnd;

    /// <summary><c>tcpi_advmss</c>.</summary>
    public uint tcpi_advmss;

    /// <summary><c>tcpi_reordering</c>.</summary>
    public uint tcpi_reordering;

    /// <summary><c>tcpi_rcv_rtt</c>.</summary>
    public uint tcpi_rcv_rtt;

    /// <summary><c>tcpi_rcv_space</c>.</summary>
    public uint tcpi_rcv_space;

    /// <summary><c>tcpi_total_retrans</c>.</summary>
    public uint tcpi_total_retrans;

    /// <summary><c>tcpi_pacing_rate</c>.</summary>
    public ulong tcpi_pacing_rate;

    /// <summary><c>tcpi_max_pacing_rate</c>.</summary>
    public ulong tcpi_max_pacing_rate;

    /// <summary>Bytes acknowledged by the peer (RFC 4898 tcpEStatsAppHCThruOctetsAcked).</summary>
    public ulong tcpi_bytes_acked;

    /// <summary>Bytes received (RFC 4898 tcpEStatsAppHCThruOctetsReceived).</summary>
    public ulong tcpi_bytes_received;

    /// <summary><c>tcpi_segs_out</c>.</summary>
    public uint tcpi_segs_out;

    /// <summary><c>tcpi_segs_in</c>.</summary>
    public uint tcpi_segs_in;

    /// <summary><c>tcpi_notsent_bytes</c>.</summary>
    public uint tcpi_notsent_bytes;

    /// <summary><c>tcpi_min_rtt</c>.</summary>
    public uint tcpi_min_rtt;

    /// <summary><c>tcpi_data_segs_in</c>.</summary>
    public uint tcpi_data_segs_in;

    /// <summary><c>tcpi_data_segs_out</c>.</summary>
    public uint tcpi_data_segs_out;

    /// <summary><c>tcpi_delivery_rate</c>.</summary>
    public ulong tcpi_delivery_rate;

    /// <summary><c>tcpi_busy_time</c>.</summary>
    public ulong tcpi_busy_time;

    /// <summary><c>tcpi_rwnd_limited</c>.</summary>
    public ulong tcpi_rwnd_limited;

    /// <summary><c>tcpi_sndbuf_limited</c>.</summary>
    public ulong tcpi_sndbuf_limited;

    /// <summary><c>tcpi_delivered</c>.</summary>
    public uint tcpi_delivered;

    /// <summary><c>tcpi_delivered_ce</c>.</summary>
    public uint tcpi_delivered_ce;

    /// <summary><c>tcpi_bytes_sent</c>.</summary>
    public ulong tcpi_bytes_sent;

    /// <summary><c>tcpi_bytes_retrans</c>.</summary>
    public ulong tcpi_bytes_retrans;

    /// <summary><c>tcpi_dsack_dups</c>.</summary>
    public uint tcpi_dsack_dups;

    /// <summary><c>tcpi_reord_seen</c>.</summary>
    public uint tcpi_reord_seen;

    /// <summary><c>tcpi_rcv_ooopack</c>.</summary>
    public uint tcpi_rcv_ooopack;

    /// <summary><c>tcpi_snd_wnd</c>.</summary>
    public uint tcpi_snd_wnd;

    /// <summary><c>tcpi_rcv_wnd</c>.</summary>
    public uint tcpi_rcv_wnd;

    /// <summary><c>tcpi_rehash</c>.</summary>
    public uint tcpi_rehash;

    /// <summary><c>tcpi_total_rto</c>.</summary>
    public ushort tcpi_total_rto;

    /// <summary><c>tcpi_total_rto_recoveries</c>.</summary>
    public ushort tcpi_total_rto_recoveries;

    /// <summary><c>tcpi_total_rto_time</c>.</summary>
    public uint tcpi_total_rto_time;

    /// <summary><c>tcpi_received_ce</c>.</summary>
    public uint tcpi_received_ce;

    /// <summary><c>tcpi_delivered_e1_bytes</c>.</summary>
    public uint tcpi_delivered_e1_bytes;

    /// <summary><c>tcpi_delivered_e0_bytes</c>.</summary>
    public uint tcpi_delivered_e0_bytes;

    /// <summary><c>tcpi_delivered_ce_bytes</c>.</summary>
    public uint tcpi_delivered_ce_bytes;

    /// <summary><c>tcpi_received_e1_bytes</c>.</summary>
    public uint tcpi_received_e1_bytes;

    /// <summary><c>tcpi_received_e0_bytes</c>.</summary>
    public uint tcpi_received_e0_bytes;

    /// <summary><c>tcpi_received_ce_bytes</c>.</summary>
    public uint tcpi_received_ce_bytes;

    /// <summary>Storage unit of <c>__u32 tcpi_ecn_mode:2, tcpi_accecn_opt_seen:2, tcpi_accecn_fail_mode:4, tcpi_options2:24;</c> (Linux 6.18).</summary>
    [BitField("tcpi_ecn_mode", 2)]
    [BitField("tcpi_accecn_opt_seen", 2)]
    [BitField("tcpi_accecn_fail_mode", 4)]
    [BitField("tcpi_options2", 24)]
    public uint tcpi_ecn_accecn_options2;
}
