using BenchmarkDotNet.Attributes;

namespace KernelStructs.Benchmarks;

/// <summary>
/// Building a mirror's <c>Layout</c> (once per type, when the type is first used): the compact
/// <see cref="KernelStructLayout.Create"/> form generated code now calls, against the object creation per member it
/// used to write (the baseline), for the members of a <c>struct tcp_info</c> head with three bitfield storage units.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*StructLayoutBenchmarks*' --job medium</c>.</remarks>
[MemoryDiagnoser]
public class StructLayoutBenchmarks
{
    [Benchmark(Baseline = true)]
    public KernelStructLayout Object_per_member()
        => new KernelStructLayout(
            "Demo.TcpInfoHead", "struct tcp_info_head", 16, StructExtent.Complete,
            new KernelMemberLayout[]
            {
                new("tcpi_state", "tcpi_state", 0, 1),
                new("tcpi_ca_state", "tcpi_ca_state", 1, 1),
                new("tcpi_retransmits", "tcpi_retransmits", 2, 1),
                new("tcpi_probes", "tcpi_probes", 3, 1),
                new("tcpi_backoff", "tcpi_backoff", 4, 1),
                new("tcpi_options", "tcpi_options", 5, 1),
                new("tcpi_wscale", null, 6, 1, bitFields: new KernelBitFieldLayout[] { new("tcpi_snd_wscale", 4), new("tcpi_rcv_wscale", 4) }),
                new("tcpi_flags", null, 7, 1, bitFields: new KernelBitFieldLayout[] { new("tcpi_delivery_rate_app_limited", 1), new("tcpi_fastopen_client_fail", 2) }),
                new("tcpi_rto", "tcpi_rto", 8, 4),
                new("signed_unit", null, 12, 4, bitFields: new KernelBitFieldLayout[] { new("signed_low", 12), new("signed_high", 20) }),
            });

    [Benchmark]
    public KernelStructLayout Create_compact()
        => KernelStructLayout.Create(
            "Demo.TcpInfoHead", "struct tcp_info_head", 16, StructExtent.Complete,
            "tcpi_state tcpi_ca_state tcpi_retransmits tcpi_probes tcpi_backoff tcpi_options tcpi_wscale={tcpi_snd_wscale:4,tcpi_rcv_wscale:4} tcpi_flags={tcpi_delivery_rate_app_limited:1,tcpi_fastopen_client_fail:2} tcpi_rto signed_unit={signed_low:12,signed_high:20}",
            new int[] { 0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 1, 8, 4, 12, 4 });
}
