using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KernelStructs.Netfilter;

namespace KernelStructs.Benchmarks;

/// <summary>
/// Mirrors' generated <c>ToString()</c> (one <see cref="StructText"/> call per member) against the interpolated string
/// the generator wrote before for the same struct (the baseline of each category), for <see cref="SockAddrIn"/> (an
/// integer, a byte-order integer, a nested struct and a byte array), <see cref="IptGetInfo"/> (a C string, two arrays,
/// integers) and <see cref="TcpInfo"/> (70 integers and bitfields: a text longer than the method's stack buffer).
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*StructTextBenchmarks*' --job medium</c>.</remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StructTextBenchmarks
{
    private SockAddrIn _address;
    private IptGetInfo _info;
    private TcpInfo _tcpInfo;

    /// <summary>Structs with every member set; fails when a generated text and its baseline disagree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _address = new SockAddrIn { sin_family = 2, sin_port = (Be16)(ushort)8080, sin_addr = new InAddr(192, 168, 0, 1) };
        _address.AsBytes()[SockAddrIn.Offsets.__pad] = 0xab;
        _info = new IptGetInfo { valid_hooks = 0x1f, num_entries = 12, size = 4096 };
        _info.SetName("filter");
        var bytes = _info.AsBytes();
        for (var i = 0; i < 20; i++)
        {
            bytes[IptGetInfo.Offsets.hook_entry + i] = (byte)(i * 7);
            bytes[IptGetInfo.Offsets.underflow + i] = (byte)(255 - i);
        }

        var tcp = _tcpInfo.AsBytes();
        for (var i = 0; i < tcp.Length; i++)
        {
            tcp[i] = (byte)(i * 37);
        }

        Check(Interpolated_SockAddrIn(), Generated_SockAddrIn());
        Check(Interpolated_IptGetInfo(), Generated_IptGetInfo());
        Check(Interpolated_TcpInfo(), Generated_TcpInfo());
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("sockaddr_in")]
    public string Interpolated_SockAddrIn()
    {
        // The body the generator wrote before, word for word (the members read from the field instead of this).
        ReadOnlySpan<byte> bytes = StructBytes.OfReadOnly(in _address);
        return $"struct sockaddr_in {{ sin_family = {_address.sin_family}, sin_port = {_address.sin_port}, sin_addr = {_address.sin_addr}, __pad = {(StructHelpers.FormatBytes(bytes.Slice(SockAddrIn.Offsets.__pad, 8)))} }}";
    }

    [Benchmark]
    [BenchmarkCategory("sockaddr_in")]
    public string Generated_SockAddrIn() => _address.ToString();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ipt_getinfo")]
    public string Interpolated_IptGetInfo()
    {
        ReadOnlySpan<byte> bytes = StructBytes.OfReadOnly(in _info);
        return $"struct ipt_getinfo {{ name = {(StructHelpers.FormatCString(bytes.Slice(IptGetInfo.Offsets.name, 32)))}, valid_hooks = {_info.valid_hooks}, hook_entry = {(StructHelpers.FormatBytes(bytes.Slice(IptGetInfo.Offsets.hook_entry, 20)))}, underflow = {(StructHelpers.FormatBytes(bytes.Slice(IptGetInfo.Offsets.underflow, 20)))}, num_entries = {_info.num_entries}, size = {_info.size} }}";
    }

    [Benchmark]
    [BenchmarkCategory("ipt_getinfo")]
    public string Generated_IptGetInfo() => _info.ToString();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("tcp_info")]
    public string Interpolated_TcpInfo()
        => $"struct tcp_info {{ tcpi_state = {_tcpInfo.tcpi_state}, tcpi_ca_state = {_tcpInfo.tcpi_ca_state}, tcpi_retransmits = {_tcpInfo.tcpi_retransmits}, tcpi_probes = {_tcpInfo.tcpi_probes}, tcpi_backoff = {_tcpInfo.tcpi_backoff}, tcpi_options = {_tcpInfo.tcpi_options}, tcpi_snd_wscale = {_tcpInfo.tcpi_snd_wscale}, tcpi_rcv_wscale = {_tcpInfo.tcpi_rcv_wscale}, tcpi_delivery_rate_app_limited = {_tcpInfo.tcpi_delivery_rate_app_limited}, tcpi_fastopen_client_fail = {_tcpInfo.tcpi_fastopen_client_fail}, tcpi_rto = {_tcpInfo.tcpi_rto}, tcpi_ato = {_tcpInfo.tcpi_ato}, tcpi_snd_mss = {_tcpInfo.tcpi_snd_mss}, tcpi_rcv_mss = {_tcpInfo.tcpi_rcv_mss}, tcpi_unacked = {_tcpInfo.tcpi_unacked}, tcpi_sacked = {_tcpInfo.tcpi_sacked}, tcpi_lost = {_tcpInfo.tcpi_lost}, tcpi_retrans = {_tcpInfo.tcpi_retrans}, tcpi_fackets = {_tcpInfo.tcpi_fackets}, tcpi_last_data_sent = {_tcpInfo.tcpi_last_data_sent}, tcpi_last_ack_sent = {_tcpInfo.tcpi_last_ack_sent}, tcpi_last_data_recv = {_tcpInfo.tcpi_last_data_recv}, tcpi_last_ack_recv = {_tcpInfo.tcpi_last_ack_recv}, tcpi_pmtu = {_tcpInfo.tcpi_pmtu}, tcpi_rcv_ssthresh = {_tcpInfo.tcpi_rcv_ssthresh}, tcpi_rtt = {_tcpInfo.tcpi_rtt}, tcpi_rttvar = {_tcpInfo.tcpi_rttvar}, tcpi_snd_ssthresh = {_tcpInfo.tcpi_snd_ssthresh}, tcpi_snd_cwnd = {_tcpInfo.tcpi_snd_cwnd}, tcpi_advmss = {_tcpInfo.tcpi_advmss}, tcpi_reordering = {_tcpInfo.tcpi_reordering}, tcpi_rcv_rtt = {_tcpInfo.tcpi_rcv_rtt}, tcpi_rcv_space = {_tcpInfo.tcpi_rcv_space}, tcpi_total_retrans = {_tcpInfo.tcpi_total_retrans}, tcpi_pacing_rate = {_tcpInfo.tcpi_pacing_rate}, tcpi_max_pacing_rate = {_tcpInfo.tcpi_max_pacing_rate}, tcpi_bytes_acked = {_tcpInfo.tcpi_bytes_acked}, tcpi_bytes_received = {_tcpInfo.tcpi_bytes_received}, tcpi_segs_out = {_tcpInfo.tcpi_segs_out}, tcpi_segs_in = {_tcpInfo.tcpi_segs_in}, tcpi_notsent_bytes = {_tcpInfo.tcpi_notsent_bytes}, tcpi_min_rtt = {_tcpInfo.tcpi_min_rtt}, tcpi_data_segs_in = {_tcpInfo.tcpi_data_segs_in}, tcpi_data_segs_out = {_tcpInfo.tcpi_data_segs_out}, tcpi_delivery_rate = {_tcpInfo.tcpi_delivery_rate}, tcpi_busy_time = {_tcpInfo.tcpi_busy_time}, tcpi_rwnd_limited = {_tcpInfo.tcpi_rwnd_limited}, tcpi_sndbuf_limited = {_tcpInfo.tcpi_sndbuf_limited}, tcpi_delivered = {_tcpInfo.tcpi_delivered}, tcpi_delivered_ce = {_tcpInfo.tcpi_delivered_ce}, tcpi_bytes_sent = {_tcpInfo.tcpi_bytes_sent}, tcpi_bytes_retrans = {_tcpInfo.tcpi_bytes_retrans}, tcpi_dsack_dups = {_tcpInfo.tcpi_dsack_dups}, tcpi_reord_seen = {_tcpInfo.tcpi_reord_seen}, tcpi_rcv_ooopack = {_tcpInfo.tcpi_rcv_ooopack}, tcpi_snd_wnd = {_tcpInfo.tcpi_snd_wnd}, tcpi_rcv_wnd = {_tcpInfo.tcpi_rcv_wnd}, tcpi_rehash = {_tcpInfo.tcpi_rehash}, tcpi_total_rto = {_tcpInfo.tcpi_total_rto}, tcpi_total_rto_recoveries = {_tcpInfo.tcpi_total_rto_recoveries}, tcpi_total_rto_time = {_tcpInfo.tcpi_total_rto_time}, tcpi_received_ce = {_tcpInfo.tcpi_received_ce}, tcpi_delivered_e1_bytes = {_tcpInfo.tcpi_delivered_e1_bytes}, tcpi_delivered_e0_bytes = {_tcpInfo.tcpi_delivered_e0_bytes}, tcpi_delivered_ce_bytes = {_tcpInfo.tcpi_delivered_ce_bytes}, tcpi_received_e1_bytes = {_tcpInfo.tcpi_received_e1_bytes}, tcpi_received_e0_bytes = {_tcpInfo.tcpi_received_e0_bytes}, tcpi_received_ce_bytes = {_tcpInfo.tcpi_received_ce_bytes}, tcpi_accecn_fail_mode = {_tcpInfo.tcpi_accecn_fail_mode}, tcpi_accecn_opt_seen = {_tcpInfo.tcpi_accecn_opt_seen} }}";

    [Benchmark]
    [BenchmarkCategory("tcp_info")]
    public string Generated_TcpInfo() => _tcpInfo.ToString();

    private static void Check(string baseline, string generated)
    {
        if (baseline != generated)
        {
            throw new InvalidOperationException($"The bodies disagree: '{baseline}' and '{generated}'.");
        }
    }
}
