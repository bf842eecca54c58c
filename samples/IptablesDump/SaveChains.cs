using System;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>How a writer writes a jump once the chains are known: the chain's name, or null when no chain holds the offset.</summary>
internal delegate void JumpWriter(SaveText o, Jump jump, string? chain);

/// <summary>
/// What the save writers that walk a table once share (<see cref="IptablesSaveWriter"/>, <see cref="ArptablesSaveWriter"/>):
/// the names of the standard verdicts, the chain that holds an offset, and handing a chain's held text to the writer with
/// the chain names of its jumps written in.
/// </summary>
internal static class SaveChains
{
    /// <summary>The name of a standard verdict (a negative one, or RETURN); null for any other.</summary>
    public static string? VerdictName(int verdict) => verdict switch
    {
        -XTables.NF_ACCEPT - 1 => "ACCEPT",
        -XTables.NF_DROP - 1 => "DROP",
        -XTables.NF_QUEUE - 1 => "QUEUE",
        XTables.XT_RETURN => "RETURN",
        _ => null,
    };

    /// <summary>The chain whose entries hold <paramref name="offset"/> (<paramref name="chains"/> in the entries' order); null when none does.</summary>
    public static string? ChainAt(ReadOnlySpan<XtChain> chains, int offset)
    {
        int lo = 0, hi = chains.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var c = chains[mid];
            if (offset < c.HeadOffset)
            {
                hi = mid - 1;
            }
            else if (offset >= c.EndOffset)
            {
                lo = mid + 1;
            }
            else
            {
                return c.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// Hands the held text from <paramref name="start"/> to <paramref name="end"/> (one chain's rules) to the writer, with
    /// each of its jumps written in by <paramref name="write"/> at its place.
    /// </summary>
    public static void EmitRules(SaveText o, in JumpList jumps, ReadOnlySpan<XtChain> chains, TextMark start, TextMark end, JumpWriter write)
    {
        int at = start.Text;
        for (int j = start.Jump; j < end.Jump; j++)
        {
            var jump = jumps[j];
            o.Emit(at, jump.Position);
            at = jump.Position;
            int scratch = o.Length;
            write(o, jump, ChainAt(chains, jump.Verdict));
            o.Emit(scratch, o.Length);
            o.Truncate(scratch);
        }

        o.Emit(at, end.Text);
    }
}
