using System;
using System.Linq;

namespace KernelStructs.Benchmarks;

/// <summary>
/// <see cref="SockOptBenchmarks"/>' <c>SO_ORIGINAL_DST</c> and <c>PAGES</c> rows measured in alternation. BenchmarkDotNet
/// runs one row after another, each for tens of seconds, so on a host whose speed drifts (the kernel's part of a call
/// runs at two speeds on these virtual machines) two rows are compared at different speeds. Here every round runs each
/// row for a few milliseconds (the minimum of 10 timings of 1,000 calls), and rows are compared per round, as the median
/// over the rounds of their ratio to the C floor in the same round (the second C floor row shows the noise).
/// </summary>
/// <remarks>
/// Needs root, as <see cref="SockOptBenchmarks"/>. Not a BenchmarkDotNet run: its figures are ratios within one
/// process, for comparing rows that BenchmarkDotNet cannot tell apart at their drift.
/// Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- sockopt-interleaved [rounds]</c>.
/// </remarks>
public static class SockOptInterleaved
{
    private const int Calls = 1000;
    private const int Timings = 10;
    private const string DataPages = "C loop + a line on each of 16 data pages";
    private const string DataOnePage = "C loop + 16 lines on one data page";
    private const string CodePages = "C loop + a call on each of 16 code pages";
    private const string CodeOnePage = "C loop + 16 calls on one code page";

    /// <summary>Runs <paramref name="rounds"/> rounds and prints one line per row.</summary>
    public static void Run(int rounds)
    {
        var b = new SockOptBenchmarks();
        b.Setup();
        try
        {
            Func<ushort> raw = b.Raw_OriginalDst, plain = b.LibraryImportPlain_OriginalDst, typedFd = b.TypedFd_OriginalDst;
            var rows = new (string Name, Func<int> Run)[]
            {
                ("C loop in this process (the floor)", b.CFloor_OriginalDst),
                ("the same C loop again (noise)", b.CFloor_OriginalDst),
                ("LibraryImport (engine's binding), C# loop", b.LibraryImportLoop_OriginalDst),
                ("GetOriginalDestination(int), C# loop", b.TypedFdLoop_OriginalDst),
                ("raw Tmds.LibC, a delegate call each", () => PerCall(raw)),
                ("LibraryImport (engine's binding), a delegate call each", () => PerCall(plain)),
                ("GetOriginalDestination(int), a delegate call each", () => PerCall(typedFd)),
                ("LibraryImport (engine's binding), a direct call each", () => PerDirectCall(b)),
                (DataPages, b.CDataPages_OriginalDst),
                (DataOnePage, b.CDataOnePage_OriginalDst),
                (CodePages, b.CCodePages_OriginalDst),
                (CodeOnePage, b.CCodeOnePage_OriginalDst),
            };
            var best = Rounds.Measure(rows.Select(row => row.Run).ToArray(), rounds, Timings, Calls);

            Console.WriteLine($"{rounds} rounds; per call: minimum over the rounds, median of the rounds' minima; per round against the floor: median ratio (quartiles), median difference");
            for (int i = 0; i < rows.Length; i++)
            {
                double[] own = Rounds.Column(best, i);
                double[] ratio = Enumerable.Range(0, rounds).Select(r => best[r, i] / best[r, 0]).ToArray();
                double[] diff = Enumerable.Range(0, rounds).Select(r => best[r, i] - best[r, 0]).ToArray();
                Console.WriteLine($"| {rows[i].Name} | {own.Min():F1} ns | {Rounds.Quantile(own, 0.5):F1} ns | {Rounds.Quantile(ratio, 0.5):F3} ({Rounds.Quantile(ratio, 0.25):F3}–{Rounds.Quantile(ratio, 0.75):F3}) | {Rounds.Quantile(diff, 0.5):F1} ns |");
            }

            int Row(string name) => Array.FindIndex(rows, row => row.Name == name);
            double PerPage(string pages, string onePage)
                => Rounds.Quantile(Enumerable.Range(0, rounds).Select(r => (best[r, Row(pages)] - best[r, Row(onePage)]) / 15), 0.5);
            Console.WriteLine("per page after a call, median over the rounds of (16 pages - one page) / 15:");
            Console.WriteLine($"  data {PerPage(DataPages, DataOnePage):F2} ns, code {PerPage(CodePages, CodeOnePage):F2} ns");
        }
        finally
        {
            b.Cleanup();
        }
    }

    // BenchmarkDotNet's shape for a one-call row: a delegate call per operation.
    private static int PerCall(Func<ushort> call)
    {
        int port = 0;
        for (int i = 0; i < Calls; i++)
        {
            port += call();
        }

        return port;
    }

    // The one-call shape without the delegate: a call of a method that is not inlined into the loop.
    private static int PerDirectCall(SockOptBenchmarks b)
    {
        int port = 0;
        for (int i = 0; i < Calls; i++)
        {
            port += b.LibraryImportPlain_OriginalDst();
        }

        return port;
    }
}
