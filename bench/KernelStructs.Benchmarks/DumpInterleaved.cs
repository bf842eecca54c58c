using System;
using System.Linq;

namespace KernelStructs.Benchmarks;

/// <summary>
/// <see cref="IptablesDumpBenchmarks"/>' text and walk rows (GET included) and <see cref="IptablesTextBenchmarks"/>' rows
/// (without the GET) measured in alternation, in one process. BenchmarkDotNet runs every row in a process of its own, one
/// after the other, and on these virtual machines the kernel's copy of the 2.75 MB table costs a different amount from
/// one process to the next, which moves the text-to-walk ratio of two rows by more than the goal's margin. Here every
/// round times each row a few times (the minimum of <see cref="Timings"/>), and the rows are compared per round, as the
/// median over the rounds of their ratio to the walk with its GET.
/// </summary>
/// <remarks>
/// Needs root, as <see cref="IptablesDumpBenchmarks"/>. Not a BenchmarkDotNet run: its figures are ratios within one
/// process. Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- dump-interleaved [rounds]</c>.
/// </remarks>
public static class DumpInterleaved
{
    private const int Timings = 5;

    /// <summary>Runs <paramref name="rounds"/> rounds and prints one line per row.</summary>
    public static void Run(int rounds)
    {
        var alone = new IptablesTextBenchmarks();
        alone.Setup();
        var dump = new IptablesDumpBenchmarks();
        dump.Setup();
        try
        {
            var rows = new (string Name, Func<int> Run)[]
            {
                ("GET_INFO + GET_ENTRIES + walk (the baseline)", dump.KernelStructsWalk),
                ("GET_INFO + GET_ENTRIES + text", dump.KernelStructsText),
                ("walk alone", alone.Walk),
                ("text alone", alone.Text),
            };
            var best = Rounds.Measure(rows.Select(row => row.Run).ToArray(), rounds, Timings);

            Console.WriteLine($"{rounds} rounds; per row: minimum over the rounds, median of the rounds' minima; per round against the walk with its GET: median ratio (quartiles)");
            for (int i = 0; i < rows.Length; i++)
            {
                double[] own = Rounds.Column(best, i);
                double[] ratio = Enumerable.Range(0, rounds).Select(r => best[r, i] / best[r, 0]).ToArray();
                Console.WriteLine($"| {rows[i].Name} | {own.Min() / 1e6:F3} ms | {Rounds.Quantile(own, 0.5) / 1e6:F3} ms | {Rounds.Quantile(ratio, 0.5):F3} ({Rounds.Quantile(ratio, 0.25):F3}–{Rounds.Quantile(ratio, 0.75):F3}) |");
            }
        }
        finally
        {
            dump.Cleanup();
        }
    }
}
