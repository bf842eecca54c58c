using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace KernelStructs.Benchmarks;

/// <summary>
/// Rows timed in alternation, for <see cref="SockOptInterleaved"/> and <see cref="DumpInterleaved"/>: every round times
/// each row a few times and keeps the minimum, so that rows are compared at the speed the host had in that round.
/// </summary>
internal static class Rounds
{
    /// <summary>
    /// Each row's minimum over <paramref name="timings"/> runs, per round, in nanoseconds divided by
    /// <paramref name="operations"/> (the operations one run of the row makes); every row runs once first, untimed.
    /// </summary>
    public static double[,] Measure(IReadOnlyList<Func<int>> rows, int rounds, int timings, int operations = 1)
    {
        foreach (var row in rows)
        {
            row();
        }

        var best = new double[rounds, rows.Count];
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                double min = double.MaxValue;
                for (int t = 0; t < timings; t++)
                {
                    long start = Stopwatch.GetTimestamp();
                    rows[i]();
                    min = Math.Min(min, Stopwatch.GetElapsedTime(start).TotalNanoseconds / operations);
                }

                best[r, i] = min;
            }
        }

        return best;
    }

    /// <summary>Row <paramref name="row"/>'s figure in every round.</summary>
    public static double[] Column(double[,] best, int row)
        => Enumerable.Range(0, best.GetLength(0)).Select(r => best[r, row]).ToArray();

    /// <summary>The <paramref name="q"/> quantile (nearest rank).</summary>
    public static double Quantile(IEnumerable<double> values, double q)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}
