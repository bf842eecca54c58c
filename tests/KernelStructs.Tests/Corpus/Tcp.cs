using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/tcp.h. The two bitfield groups are each declared as a __u8 storage unit (the C names of the
// units are ours: C gives them none).

[KernelStruct("struct tcp_info", Header = "linux/tcp.h")]
public partial struct TcpInfo
{
    public byte tcpi_state;
    public byte tcpi_ca_state;
    public byte tcpi_retransmits;
    public byte tcpi_probes;
    public byte tcpi_backoff;
    public byte tcpi_options;
    // __u8 tcpi_snd_wscale : 4, tcpi_rcv_wscale : 4;
    [BitField("tcpi_snd_wscale", 4)]
    [BitField("tcpi_rcv_wscale", 4)]
    public byte tcpi_wscale;
    // __u8 tcpi_delivery_rate_app_limited:1, tcpi_fastopen_client_fail:2;
    [BitField("tcpi_delivery_rate_app_limited", 1)]
    [BitField("tcpi_fastopen_client_fail", 2)]
    public byte tcpi_flags;
    public uint tcpi_rto;
    public uint tcpi_ato;
    public uint tcpi_snd_mss;
    public uint tcpi_rcv_mss;
    public uint tcpi_unacked;
    public uint tcpi_sacked;
    public uint tcpi_lost;
    public uint tcpi_retrans;
    public uint tcpi_fackets;
    public uint tcpi_last_data_sent;
    public uint tcpi_last_ack_sent;
    public uint tcpi_last_data_recv;
    public uint tcpi_last_ack_recv;
    public uint tcpi_pmtu;
    public uint tcpi_rcv_ssthresh;
    public uint tcpi_rtt;
    public uint tcpi_rttvar;
    public uint tcpi_snd_ssthresh;
    public uint tcpi_snd_cwnd;
    public uint tcpi_advmss;
    public uint tcpi_reordering;
    public uint tcpi_rcv_rtt;
    public uint tcpi_rcv_space;
    public uint tcpi_total_retrans;
    public ulong tcpi_pacing_rate;
    public ulong tcpi_max_pacing_rate;
    public ulong tcpi_bytes_acked;
    public ulong tcpi_bytes_received;
    public uint tcpi_segs_out;
    public uint tcpi_segs_in;
    public uint tcpi_notsent_bytes;
    public uint tcpi_min_rtt;
    public uint tcpi_data_segs_in;
    public uint tcpi_data_segs_out;
    public ulong tcpi_delivery_rate;
    public ulong tcpi_busy_time;
    public ulong tcpi_rwnd_limited;
    public ulong tcpi_sndbuf_limited;
    public uint tcpi_delivered;
    public uint tcpi_delivered_ce;
    public ulong tcpi_bytes_sent;
    public ulong tcpi_bytes_retrans;
    public uint tcpi_dsack_dups;
    public uint tcpi_reord_seen;
    public uint tcpi_rcv_ooopack;
    public uint tcpi_snd_wnd;
}
