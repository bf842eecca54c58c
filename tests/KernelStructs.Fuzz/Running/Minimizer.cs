using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using KernelStructs.Fuzz.Cases;
using KernelStructs.Fuzz.Checking;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelStructs.Fuzz.Running;

/// <summary>
/// Shrinks a failing case to a small one with the same failure signature: drops files and options, then removes lines
/// and then tokens by delta debugging (ddmin), for as long as the time budget allows.
/// </summary>
public static class Minimizer
{
    public static FuzzCase Minimize(FuzzCase input, string signature, Func<FuzzCase, Outcome> run, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        bool Fails(FuzzCase candidate) => clock.Elapsed < budget && run(candidate).Failures.Any(f => f.Signature == signature);

        var current = input;
        foreach (var simpler in new Func<FuzzCase, FuzzCase>[]
        {
            c => c with { Files = c.Files.Where(f => f.Path != FuzzCase.CanaryPath).ToList() },
            c => c with { Options = c.Options with { LayoutManifest = false } },
            c => c with { Options = c.Options with { AllowUnsafe = true } },
            c => c with { Options = c.Options with { LanguageVersion = "Latest" } },
        })
        {
            var candidate = simpler(current);
            var changed = candidate.Options != current.Options || candidate.Files.Count != current.Files.Count;
            if (changed && Fails(candidate))
            {
                current = candidate;
            }
        }

        for (var round = 0; round < 3 && clock.Elapsed < budget; round++)
        {
            var before = Size(current);
            for (var file = 0; file < current.Files.Count && clock.Elapsed < budget; file++)
            {
                if (current.Files.Count > 1 && Fails(current with { Files = current.Files.Where((_, i) => i != file).ToList() }))
                {
                    current = current with { Files = current.Files.Where((_, i) => i != file).ToList() };
                    file--;
                    continue;
                }

                current = Shrink(current, file, Lines, Fails);
                current = Shrink(current, file, Tokens, Fails);
            }

            if (Size(current) == before)
            {
                break;
            }
        }

        return current;
    }

    private static int Size(FuzzCase c) => c.Files.Sum(f => f.Text.Length);

    private static FuzzCase Shrink(FuzzCase current, int file, Func<string, List<string>> split, Func<FuzzCase, bool> fails)
    {
        var parts = split(current.Files[file].Text);
        FuzzCase With(List<string> kept)
        {
            var files = current.Files.ToList();
            files[file] = files[file] with { Text = string.Concat(kept) };
            return current with { Files = files };
        }

        var kept = Ddmin(parts, candidate => fails(With(candidate)));
        return With(kept);
    }

    /// <summary>Zeller's ddmin over the complements: the smallest list of parts (1-minimal as far as it goes) that still fails.</summary>
    private static List<string> Ddmin(List<string> parts, Func<List<string>, bool> fails)
    {
        var n = 2;
        while (parts.Count >= 2)
        {
            var chunk = (int)Math.Ceiling(parts.Count / (double)n);
            var reduced = false;
            for (var start = 0; start < parts.Count; start += chunk)
            {
                var complement = parts.Take(start).Concat(parts.Skip(start + chunk)).ToList();
                if (fails(complement))
                {
                    parts = complement;
                    n = Math.Max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (n >= parts.Count)
                {
                    break;
                }

                n = Math.Min(n * 2, parts.Count);
            }
        }

        return parts;
    }

    private static List<string> Lines(string text) => text.Split('\n').Select(l => l + "\n").ToList();

    /// <summary>The text as tokens, each with its trivia: dropping one leaves the others as they were written.</summary>
    private static List<string> Tokens(string text)
    {
        var parts = new List<string>();
        var position = 0;
        foreach (var token in SyntaxFactory.ParseTokens(text))
        {
            var end = token.FullSpan.End;
            if (end > position)
            {
                parts.Add(text.Substring(position, end - position));
                position = end;
            }
        }

        if (position < text.Length)
        {
            parts.Add(text.Substring(position));
        }

        return parts;
    }
}
