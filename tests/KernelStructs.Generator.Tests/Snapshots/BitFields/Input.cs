using KernelStructs;

namespace Demo;

// A slice of struct tcp_info (linux/tcp.h) with its bitfields.
[KernelStruct("struct tcp_info_head", Header = "linux/tcp.h")]
public partial struct TcpInfoHead
{
    public byte tcpi_state;
    public byte tcpi_ca_state;
    public byte tcpi_retransmits;
    public byte tcpi_probes;
    public byte tcpi_backoff;
    public byte tcpi_options;

    [BitField("tcpi_snd_wscale", 4)]
    [BitField("tcpi_rcv_wscale", 4)]
    public byte tcpi_wscale;

    [BitField("tcpi_delivery_rate_app_limited", 1)]
    [BitField("tcpi_fastopen_client_fail", 2)]
    public byte tcpi_flags;

    public uint tcpi_rto;

    [BitField("signed_low", 12)]
    [BitField("signed_high", 20)]
    public int signed_unit;
}
