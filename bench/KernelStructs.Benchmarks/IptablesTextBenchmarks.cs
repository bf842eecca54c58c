using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;
using KernelStructs.Tests;

namespace KernelStructs.Benchmarks;

/// <summary>
/// The dump's own work without the kernel's: <see cref="IptablesDumpBenchmarks"/>' 10,000-rule table is read once
/// (GET_INFO + GET_ENTRIES in a private network namespace, removed again before the measurements), then written as
/// <c>iptables-save</c> text, against the walk of every entry, match and target alone. The text row of
/// <see cref="IptablesDumpBenchmarks"/> costs the GET plus what this class measures. Needs root.
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*IptablesText*'</c>.
/// </summary>
[MemoryDiagnoser]
public class IptablesTextBenchmarks
{
    private readonly StringBuilder _text = new(4 << 20);
    private XtTableSnapshot? _table;

    /// <summary>Reads the table once, in a namespace of its own.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var ns = NetNs.Create();
        IptablesDumpBenchmarks.Restore(ns);
        using var socket = ns.Enter(() => XtFamily.IPv4.OpenSocket());
        _table = XtTableSnapshot.Read(XtFamily.IPv4, socket, "filter");
    }

    /// <summary>A walk of every entry, match and target, as <see cref="IptablesDumpBenchmarks.KernelStructsWalk"/> does after its GET.</summary>
    [Benchmark(Baseline = true)]
    public int Walk()
    {
        int n = 0;
        foreach (var e in _table!.GetEntries<IptEntry>())
        {
            foreach (var m in e.Matches)
            {
                n += m.Revision;
            }

            n += e.Target.Name.Length;
        }

        return n;
    }

    /// <summary>The <c>iptables-save</c> text into a reused <see cref="StringBuilder"/>, as <see cref="IptablesDumpBenchmarks.KernelStructsText"/> does after its GET.</summary>
    [Benchmark]
    public int Text()
    {
        _text.Clear();
        using var writer = new StringWriter(_text) { NewLine = "\n" };
        new IptablesSaveWriter(writer).WriteTable(_table!);
        return _text.Length;
    }
}
