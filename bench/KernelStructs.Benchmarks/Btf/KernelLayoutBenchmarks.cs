using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using KernelStructs.Btf;
using KernelStructs.Netfilter;

namespace KernelStructs.Benchmarks.Btf;

/// <summary>
/// What checking mirrors against the running kernel's BTF costs a service at start-up: <see cref="KernelLayout.VerifyAll"/>
/// of the whole catalog with the BTF opened for the call, and with it opened once; one struct; and, as the baseline, only
/// reading <c>/sys/kernel/btf/vmlinux</c> into memory, which every check pays first.
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*KernelLayoutBenchmarks*' --job medium</c>
/// (docs/benchmarks.md has the figures of a run).
/// </summary>
[MemoryDiagnoser]
public class KernelLayoutBenchmarks
{
    private const string Vmlinux = "/sys/kernel/btf/vmlinux";
    private readonly System.Reflection.Assembly _catalog = typeof(KernelStructAttribute).Assembly;
    private KernelBtf _btf = null!;
    private IReadOnlyList<KernelStructLayout> _layouts = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!KernelBtf.TryOpen(out var btf, out var problem))
        {
            throw new System.InvalidOperationException(problem);
        }

        _btf = btf;
        _layouts = KernelLayout.LayoutsOf(_catalog);
        KernelLayout.Verify(_layouts, _btf).ThrowIfFailed();
    }

    [Benchmark(Baseline = true, Description = "read /sys/kernel/btf/vmlinux")]
    public int ReadVmlinux() => File.ReadAllBytes(Vmlinux).Length;

    [Benchmark(Description = "KernelBtf.TryOpen (read and parse)")]
    public int Open() => KernelBtf.TryOpen(out var btf, out _) ? btf.Vmlinux.Count : 0;

    [Benchmark(Description = "VerifyAll(catalog), BTF opened for the call")]
    public int VerifyAllCold() => KernelLayout.VerifyAll(_catalog).Verified.Count;

    [Benchmark(Description = "VerifyAll(catalog), BTF opened once")]
    public int VerifyAllWarm() => KernelLayout.Verify(_layouts, _btf).Verified.Count;

    [Benchmark(Description = "Verify<NfConntrackTuple>, BTF opened once")]
    public int VerifyOne() => KernelLayout.Verify<NfConntrackTuple>(_btf).Verified.Count;
}
