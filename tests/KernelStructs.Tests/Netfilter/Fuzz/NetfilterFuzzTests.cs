using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;
using KernelStructs.Samples.IptablesDump.Extensions;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Tests.Netfilter.Fuzz;

/// <summary>
/// The netfilter blob readers on seeded mutations of well-formed tables: byte flips, random bytes, offsets, sizes,
/// names, revisions and verdicts set to values near the right ones or anywhere, truncation, extension, entries
/// duplicated or removed, and the GET_INFO answer's hooks, underflows and counts moved. Each damaged table goes through
/// the runtime's walk (<see cref="XtEntries{TEntry}"/>, every entry's matches and target, <see cref="XtChainFinder{TEntry}"/>,
/// <see cref="XtTableSnapshot.GetChains{TEntry}"/>, a rule appended with <see cref="XtTableEdit.AppendRule{TEntry}"/>) and
/// through the samples' save writers. The only exception allowed is
/// <see cref="XtTableFormatException"/>; a writer that throws it has written nothing of the table, and one that does
/// not has written every extension its decoders cannot read as unsupported. Anything else — another exception, a span
/// outside the blob, a walk that does not end — fails with the seed, the case and the mutation that reproduce it. The
/// walks run over a copy of the entries against a guard page (<see cref="GuardedCopy"/>), so a read before or past them
/// kills the process instead of going unseen. ipvsadm's writer gets IPVS answers of random fields.
/// </summary>
/// <remarks>
/// The tables are drawn in memory (<see cref="XtSeeds"/>, <see cref="EbtSeeds"/>); as root, the kernel's own answers for
/// rulesets restored in a private network namespace are mutated too (<see cref="NetfilterKernelFuzzTests"/>).
/// <c>KS_XT_FUZZ_SEED</c> and <c>KS_XT_FUZZ_ITERATIONS</c> (cases per test, default 2000) change the run;
/// <c>KS_XT_FUZZ_TRACE=1</c> writes each case to standard error before it runs (the last line names the case that
/// killed the process).
/// </remarks>
public sealed class NetfilterFuzzTests(ITestOutputHelper output)
{
    /// <summary>The run's seed; case <c>i</c> of a test draws from its own generator, so it reproduces alone.</summary>
    internal static readonly int Seed = Environment.GetEnvironmentVariable("KS_XT_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : 20261130;

    internal static readonly int Iterations = Environment.GetEnvironmentVariable("KS_XT_FUZZ_ITERATIONS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 2000;

    /// <summary>
    /// Whether each case is written to standard error before it runs: a read past a guard page kills the process before
    /// the test can name the case, and the last line names it.
    /// </summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("KS_XT_FUZZ_TRACE") == "1";

    [Fact]
    public void Mutated_ip_tables_blobs_are_read_or_rejected_with_an_XtTableFormatException()
        => output.WriteLine(FuzzXt("ip_tables", Drawn(XtFamily.IPv4), Iterations));

    [Fact]
    public void Mutated_ip6_tables_blobs_are_read_or_rejected_with_an_XtTableFormatException()
        => output.WriteLine(FuzzXt("ip6_tables", Drawn(XtFamily.IPv6), Iterations));

    [Fact]
    public void Mutated_arp_tables_blobs_are_read_or_rejected_with_an_XtTableFormatException()
        => output.WriteLine(FuzzXt("arp_tables", Drawn(XtFamily.Arp), Iterations));

    [Fact]
    public void Mutated_ebtables_blobs_are_read_or_rejected_with_an_XtTableFormatException()
    {
        var r = new Random(Seed);
        output.WriteLine(FuzzEbt("ebtables", Enumerable.Range(0, 8).Select(i => EbtSeeds.Draw(r, $"ebtables drawn #{i}")).ToArray(), Iterations));
    }

    /// <summary>
    /// <c>ipvsadm -Ln</c>'s writer on IPVS answers with random bytes in their entries (addresses, ports, flags, scheduler
    /// names without their NUL, counts): the answers are typed arrays, so every one is written.
    /// </summary>
    [Fact]
    public void Ipvs_answers_with_random_fields_are_written()
    {
        int cases = Iterations / 4;
        var time = Run("ipvs", cases, (r, describe) =>
        {
            var info = Random<IpVsGetInfo>(r);
            var services = new IpVsServiceEntry[r.Next(6)];
            var destinations = new IpVsDestEntry[services.Length][];
            for (int i = 0; i < services.Length; i++)
            {
                services[i] = Random<IpVsServiceEntry>(r);
                destinations[i] = Enumerable.Range(0, r.Next(4)).Select(_ => Random<IpVsDestEntry>(r)).ToArray();
            }

            describe($"{services.Length} services, {destinations.Sum(d => d.Length)} destinations: {Convert.ToHexString(MemoryMarshal.AsBytes(services.AsSpan()))}");
            var output = new StringWriter { NewLine = "\n" };
            new KernelStructs.Samples.IpvsadmList.IpvsadmListWriter(output).Write(info, services, destinations);
            string text = output.ToString();
            // A line per service and destination (a scheduler name holds any byte but NUL, a newline too, as ipvsadm prints it).
            Assert.StartsWith("IP Virtual Server version ", text, StringComparison.Ordinal);
            Assert.True(text.Count(c => c == '\n') >= 3 + services.Length + destinations.Sum(d => d.Length), text);
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ipvs: {cases} cases (KS_XT_FUZZ_SEED={Seed}), all written; {time.TotalSeconds:0.0} s, {cases / time.TotalSeconds:0} cases/s"));

        // A struct of random bytes, or a zeroed one with a few bytes set.
        static T Random<T>(Random r)
            where T : unmanaged
        {
            T value = default;
            var bytes = MemoryMarshal.AsBytes(new Span<T>(ref value));
            if (r.Next(2) == 0)
            {
                r.NextBytes(bytes);
            }
            else
            {
                for (int k = r.Next(1, 4); k > 0; k--)
                {
                    bytes[r.Next(bytes.Length)] = (byte)r.Next(256);
                }
            }

            return value;
        }
    }

    /// <summary>Eight tables of the family drawn from the seed.</summary>
    private static XtSeed[] Drawn(XtFamily family)
    {
        var r = new Random(Seed ^ Salt(family.Name));
        return Enumerable.Range(0, 8).Select(i => XtSeeds.Draw(family, r, $"{family.Name} drawn #{i}")).ToArray();
    }

    /// <summary>
    /// Mutates the tables <paramref name="iterations"/> times; each damaged table goes through the walk and the writer.
    /// Returns what the run did.
    /// </summary>
    internal static string FuzzXt(string what, XtSeed[] seeds, int iterations)
    {
        var shapes = seeds.Select(XtSeeds.Shape).ToArray();

        // The tables themselves are read and written.
        foreach (var seed in seeds)
        {
            Assert.True(Walk(seed), $"{seed.What} is not well formed");
            Assert.True(Write(seed, new Random(0), out _), $"{seed.What} is not written");
        }

        int walked = 0, written = 0;
        var time = Run(what, iterations, (r, describe) =>
        {
            var (seed, table) = DrawCase(seeds, shapes, r, describe, (s, entries) => s with { Entries = entries }, (s, k, entries) => XtSeeds.MutateInfo(s, shapes[k], entries, r));
            bool walks = Walk(table, r.Next(2) == 0);
            bool writes = Write(table, r, out string text);
            Assert.False(writes && !walks, $"the writer wrote a table whose walk fails:\n{text}");
            walked += walks ? 1 : 0;
            written += writes ? 1 : 0;
            if (r.Next(4) == 0)
            {
                AssertWriterRecovers(table, seed);
            }
        });

        // The mutations leave some tables readable, so the writers run on odd but valid contents too.
        Assert.True(written > iterations / 20, $"{what}: only {written} of {iterations} mutated tables were written ({walked} walked)");
        return Summary(what, iterations, walked, written, time);
    }

    /// <summary>Mutates the ebtables tables <paramref name="iterations"/> times; each damaged table goes through the walk and the writer.</summary>
    internal static string FuzzEbt(string what, EbtSeed[] seeds, int iterations)
    {
        var shapes = seeds.Select(EbtSeeds.Shape).ToArray();
        foreach (var seed in seeds)
        {
            Assert.True(WalkEbt(seed.Snapshot()), $"{seed.What} is not well formed");
            Assert.True(WriteEbt(seed, counters: true, out _), $"{seed.What} is not written");
        }

        int walked = 0, written = 0;
        var time = Run(what, iterations, (r, describe) =>
        {
            var (_, table) = DrawCase(seeds, shapes, r, describe, (s, entries) => s with { Entries = entries }, (s, _, entries) => EbtSeeds.MutateInfo(s, entries, r));
            bool walks = WalkEbt(table.Snapshot(), r.Next(2) == 0);
            bool writes = WriteEbt(table, r.Next(2) == 0, out string text);
            Assert.False(writes && !walks, $"the writer wrote a table whose walk fails:\n{text}");
            walked += walks ? 1 : 0;
            written += writes ? 1 : 0;
        });

        Assert.True(written > iterations / 20, $"{what}: only {written} of {iterations} mutated tables were written");
        return Summary(what, iterations, walked, written, time);
    }

    /// <summary>
    /// Draws a case: one of <paramref name="seeds"/>, its entries mutated nine times in ten and its GET_INFO answer one
    /// time in five; described before it runs. Returns the seed and the table made of it.
    /// </summary>
    private static (TSeed Seed, TSeed Table) DrawCase<TSeed>(TSeed[] seeds, BlobShape[] shapes, Random r, Action<string> describe,
        Func<TSeed, byte[], TSeed> withEntries, Func<TSeed, int, byte[], (TSeed Table, string Mutation)> mutateInfo)
        where TSeed : IFuzzSeed
    {
        int k = r.Next(seeds.Length);
        var seed = seeds[k];
        var table = seed;
        string mutation = "none";
        if (r.Next(10) < 9)
        {
            (byte[] entries, mutation) = shapes[k].Mutate(r);
            table = withEntries(seed, entries);
        }

        if (r.Next(5) == 0)
        {
            (table, string info) = mutateInfo(seed, k, table.Entries);
            mutation = mutation == "none" ? info : $"{mutation}; {info}";
        }

        describe($"{seed.What}, {mutation}");
        return (seed, table);
    }

    private static string Summary(string what, int iterations, int walked, int written, TimeSpan time)
        => string.Create(CultureInfo.InvariantCulture, $"{what}: {iterations} cases (KS_XT_FUZZ_SEED={Seed}): {walked} walked whole, {written} written, the rest rejected with XtTableFormatException; {time.TotalSeconds:0.0} s, {iterations / time.TotalSeconds:0} cases/s");

    private static bool WalkEbt(EbtTableSnapshot snapshot, bool guardAtEnd = true)
    {
        var blob = GuardedCopy.Of(snapshot.Entries, guardAtEnd);
        var chains = new EbtEntriesBlob(blob);
        int most = (blob.Length / EbtEntries.SizeOf) + 1;
        int records = 0;
        try
        {
            foreach (EbtChain c in chains)
            {
                Assert.True(++records <= most, $"the walk took more than the {most} chain heads and rules that fit in {blob.Length} bytes");
                Assert.True(c.Offset >= 0 && c.Offset + EbtEntries.SizeOf <= c.End && c.End <= blob.Length, $"chain at {c.Offset} ending at {c.End}");
                _ = (c.Name.Length, c.Policy, c.CounterOffset, c.RuleCount, c.Head.distinguisher);
                foreach (EbtRule rule in c.Rules)
                {
                    Assert.True(++records <= most, $"the walk took more than the {most} chain heads and rules that fit in {blob.Length} bytes");
                    Within(blob, rule.Bytes, "rule");
                    _ = (rule.Header.bitmask, rule.Offset);
                    foreach (EbtExtension m in rule.Matches)
                    {
                        Within(rule.Bytes, m.Bytes, "match");
                        _ = (m.Name.Length, m.Revision, m.Data.Length);
                    }

                    foreach (EbtExtension w in rule.Watchers)
                    {
                        Within(rule.Bytes, w.Bytes, "watcher");
                        _ = (w.Name.Length, w.Revision, w.Data.Length);
                    }

                    var t = rule.Target;
                    Within(rule.Bytes, t.Bytes, "target");
                    _ = (t.Name.Length, t.Revision, t.Data.Length);
                    if (t.IsStandard && t.Verdict >= 0)
                    {
                        try
                        {
                            Assert.Equal(t.Verdict, chains.FindChain(t.Verdict).Offset);
                        }
                        catch (XtTableFormatException e) when (e.Offset == t.Verdict)
                        {
                            // No chain starts there (the offset asked for).
                        }
                        catch (XtTableFormatException e)
                        {
                            // A chain before it is malformed.
                            AssertOffset(e, blob);
                        }
                    }
                }
            }

            return true;
        }
        catch (XtTableFormatException e)
        {
            AssertOffset(e, blob);
            return false;
        }
    }

    private static readonly IReadOnlyDictionary<ushort, string> Ethertypes = KernelStructs.Samples.EbtablesSave.EbtablesSaveWriter.ReadEthertypes();
    private static readonly IReadOnlyDictionary<int, string> Protocols = KernelStructs.Samples.EbtablesSave.EbtablesSaveWriter.ReadProtocols();

    // Writes the table with the sample's writer; false when it throws XtTableFormatException, having written nothing.
    private static bool WriteEbt(EbtSeed table, bool counters, out string text)
    {
        var snapshot = table.Snapshot();
        var output = new StringWriter { NewLine = "\n" };
        try
        {
            new KernelStructs.Samples.EbtablesSave.EbtablesSaveWriter(output, counters, Ethertypes, Protocols).WriteTable(snapshot);
        }
        catch (XtTableFormatException e)
        {
            // A jump to no chain is reported at the offset it jumps to (EbtEntriesBlob.FindChain).
            Assert.True((e.Offset >= 0 && e.Offset <= snapshot.Entries.Length) || e.Message.StartsWith("No chain starts at this offset", StringComparison.Ordinal), $"offset {e.Offset} of '{e.Message}'");
            Assert.True(output.ToString().Length == 0, $"the writer threw ({e.Message}) after writing:\n{output}");
            text = string.Empty;
            return false;
        }

        text = output.ToString();
        Assert.False(text.Contains('\0', StringComparison.Ordinal), $"NUL in the text:\n{text}");
        Assert.StartsWith($"*{table.Name}\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        int unreadable = 0;
        foreach (EbtChain c in snapshot.GetChains())
        {
            foreach (EbtRule rule in c.Rules)
            {
                foreach (EbtExtension m in rule.Matches)
                {
                    unreadable += EbtReadable(m, EbtMatchSizes) ? 0 : 1;
                }

                foreach (EbtExtension w in rule.Watchers)
                {
                    unreadable += EbtReadable(w, EbtWatcherSizes) ? 0 : 1;
                }

                unreadable += rule.Target.IsStandard || EbtReadable(rule.Target, EbtTargetSizes) ? 0 : 1;
            }
        }

        int unsupported = (text.Length - text.Replace("[unsupported: ", string.Empty, StringComparison.Ordinal).Length) / "[unsupported: ".Length;
        Assert.True(unsupported >= unreadable, $"{unreadable} extensions of the rules cannot be read through their structs, but {unsupported} are written as unsupported:\n{text}");
        return true;
    }

    // The ebtables extensions the writer decodes, and the size of the struct each reads.
    private static readonly Dictionary<string, int> EbtMatchSizes = new()
    {
        ["ip"] = KernelStructs.Samples.EbtablesSave.EbtIpInfo.SizeOf, ["mark_m"] = KernelStructs.Samples.EbtablesSave.EbtMarkMatchInfo.SizeOf,
        ["pkttype"] = KernelStructs.Samples.EbtablesSave.EbtPktTypeInfo.SizeOf, ["limit"] = KernelStructs.Samples.EbtablesSave.EbtLimitInfo.SizeOf,
    };

    private static readonly Dictionary<string, int> EbtWatcherSizes = new() { ["log"] = KernelStructs.Samples.EbtablesSave.EbtLogInfo.SizeOf };

    private static readonly Dictionary<string, int> EbtTargetSizes = new()
    {
        ["mark"] = KernelStructs.Samples.EbtablesSave.EbtMarkTargetInfo.SizeOf, ["snat"] = KernelStructs.Samples.EbtablesSave.EbtNatInfo.SizeOf,
        ["dnat"] = KernelStructs.Samples.EbtablesSave.EbtNatInfo.SizeOf, ["redirect"] = KernelStructs.Samples.EbtablesSave.EbtRedirectInfo.SizeOf,
    };

    private static bool EbtReadable(EbtExtension e, Dictionary<string, int> sizes)
        => sizes.TryGetValue(System.Text.Encoding.Latin1.GetString(e.Name), out int size) && e.Data.Length >= size;

    /// <summary>
    /// Runs <paramref name="iterations"/> cases on a thread of their own, each with its own generator; a case that throws
    /// fails the test with what the case did (what it passed to <c>describe</c>), and so does one that runs for a minute
    /// (a walk that does not end). Returns the time the cases took.
    /// </summary>
    internal static TimeSpan Run(string what, int iterations, Action<Random, Action<string>> runCase)
    {
        long start = Stopwatch.GetTimestamp();
        string current = "(not started)";
        int caseIndex = -1;
        long lastProgress = Stopwatch.GetTimestamp();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            for (int i = 0; i < iterations; i++)
            {
                Volatile.Write(ref caseIndex, i);
                Volatile.Write(ref lastProgress, Stopwatch.GetTimestamp());
                current = "(drawing)";
                try
                {
                    runCase(new Random(unchecked((Seed * 397) ^ Salt(what) ^ (i * 7919))), d =>
                    {
                        current = d;
                        if (Trace)
                        {
                            Console.Error.WriteLine($"{what}, case {Volatile.Read(ref caseIndex)}: {d}");
                        }
                    });
                }
                catch (Exception e)
                {
                    failure = new Xunit.Sdk.XunitException($"{what}, case {i} (KS_XT_FUZZ_SEED={Seed}): {current}:\n{e}");
                    return;
                }
            }
        }, 16 << 20)
        {
            IsBackground = true,
            Name = "fuzz " + what,
        };
        thread.Start();
        while (!thread.Join(200))
        {
            if (Stopwatch.GetElapsedTime(Volatile.Read(ref lastProgress)) > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"{what}, case {Volatile.Read(ref caseIndex)} (KS_XT_FUZZ_SEED={Seed}) has run for a minute (a walk that does not end?): {current}");
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        return Stopwatch.GetElapsedTime(start);
    }

    // A stable number for a test's name (string.GetHashCode differs from process to process).
    private static int Salt(string what) => what.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    /// <summary>
    /// Walks the table as a consumer does; false when it is rejected with an <see cref="XtTableFormatException"/>. The
    /// entries are walked in a copy against a guard page, before them or after them (<paramref name="guardAtEnd"/>).
    /// </summary>
    internal static bool Walk(XtSeed table, bool guardAtEnd = true)
    {
        var snapshot = table.Snapshot();
        var blob = GuardedCopy.Of(table.Entries, guardAtEnd);
        return table.Family == XtFamily.IPv4 ? Walk<IptEntry>(snapshot, blob) : table.Family == XtFamily.IPv6 ? Walk<Ip6tEntry>(snapshot, blob) : Walk<ArptEntry>(snapshot, blob);
    }

    private static bool Walk<TEntry>(XtTableSnapshot snapshot, ReadOnlySpan<byte> blob)
        where TEntry : unmanaged, IXtEntry
    {
        int header = Unsafe.SizeOf<TEntry>();
        int most = (blob.Length / (header + XtEntryTarget.SizeOf)) + 1;
        var walk = new XtEntries<TEntry>(blob);
        try
        {
            // At on any offset checks it as the walk does.
            foreach (int at in new[] { -XTables.XtAlignment, 1, blob.Length, blob.Length - header, int.MaxValue, int.MinValue })
            {
                try
                {
                    Within(blob, walk.At(at).Bytes, $"At({at})");
                }
                catch (XtTableFormatException)
                {
                    // The offset is the caller's.
                }
            }

            var finder = new XtChainFinder<TEntry>(snapshot);
            int entries = 0;
            foreach (var e in walk)
            {
                Assert.True(++entries <= most, $"the walk took more than the {most} entries that fit in {blob.Length} bytes");
                Within(blob, e.Bytes, "entry");
                Assert.True(e.Length >= header + XtEntryTarget.SizeOf && e.Offset % XTables.XtAlignment == 0, $"entry at {e.Offset} of {e.Length} bytes");
                Assert.Equal(e.Length, e.Header.NextOffset);
                _ = (e.Counters, e.Header.IsGoto);
                var t = e.Target;
                Within(e.Bytes, t.Bytes, "target");
                _ = (t.Name.Length, t.Revision, t.Data.Length);
                if (t.IsStandard)
                {
                    _ = t.Verdict;
                }

                if (t.IsError)
                {
                    _ = t.ErrorName.Length;
                }

                Assert.Equal(e.Length, walk.At(e.Offset).Length);
                finder.Enter(e);
                _ = finder.IsRule(blob, e);
                _ = finder.Current;
                try
                {
                    int matches = 0;
                    foreach (var m in e.Matches)
                    {
                        Assert.True(++matches <= e.Length / XtEntryMatch.SizeOf, "more matches than fit in the entry");
                        Within(e.Bytes, m.Bytes, "match");
                        _ = (m.Name.Length, m.Revision, m.Data.Length);
                    }
                }
                catch (XtTableFormatException x)
                {
                    AssertOffset(x, blob);
                }
            }

            var chains = finder.Finish().ToArray();
            int[] order = XtChainFinder<TEntry>.SaveOrder(chains);
            Assert.Equal(Enumerable.Range(0, chains.Length), order.Order());
            int end = 0;
            foreach (var c in chains)
            {
                Assert.True(c.HeadOffset >= end && c.HeadOffset <= c.RulesOffset && c.RulesOffset <= c.PolicyOffset && c.PolicyOffset < c.EndOffset && c.EndOffset <= blob.Length, $"chain {c}: rules {c.RulesOffset}, policy {c.PolicyOffset}");
                end = c.EndOffset;
                _ = new XtEntries<TEntry>(blob, c.RulesOffset, c.PolicyOffset).Count();
            }

            Assert.Equal(chains.Length, snapshot.GetChains<TEntry>().Length);

            // A rule appended to a chain found (XtTableEdit, as the dump's append command does) gives a table one entry longer.
            if (chains.Length > 0)
            {
                var edit = XtTableEdit.AppendRule<TEntry>(snapshot, chains[^1], AcceptRule(snapshot.Family));
                Assert.Equal(entries + 1, new XtEntries<TEntry>(edit.ReplaceBuffer.Slice(snapshot.Family.ReplaceHeaderSize)).Count());
            }

            return true;
        }
        catch (XtTableFormatException e)
        {
            AssertOffset(e, blob);
            return false;
        }
    }

    // A rule that accepts every packet, for the family's tables.
    private static byte[] AcceptRule(XtFamily family)
    {
        byte[] accept = CraftedRules.Standard(XTables.StandardVerdict(XTables.NF_ACCEPT));
        return family == XtFamily.IPv4 ? CraftedRules.Ipv4(default, accept) : family == XtFamily.IPv6 ? CraftedRules.Ipv6(default, accept) : CraftedRules.Arp(accept);
    }

    /// <summary>
    /// Writes the table with the sample's writer; false when it throws <see cref="XtTableFormatException"/>, which it must
    /// do before writing anything of the table.
    /// </summary>
    internal static bool Write(XtSeed table, Random r, out string text)
    {
        var snapshot = table.Snapshot();
        var output = new StringWriter { NewLine = "\n" };
        try
        {
            if (table.Family == XtFamily.Arp)
            {
                new ArptablesSaveWriter(output).WriteTable(snapshot);
            }
            else
            {
                new IptablesSaveWriter(output, counters: r.Next(2) == 0).WriteTable(snapshot);
            }
        }
        catch (XtTableFormatException e)
        {
            AssertOffset(e, snapshot.Entries);
            Assert.True(output.ToString().Length == 0, $"the writer threw ({e.Message}) after writing:\n{output}");
            text = string.Empty;
            return false;
        }

        text = output.ToString();
        Assert.False(text.Contains('\0', StringComparison.Ordinal), $"NUL in the text:\n{text}");
        Assert.EndsWith(table.Family == XtFamily.Arp ? "\n\n" : "COMMIT\n", text, StringComparison.Ordinal);
        int unreadable = table.Family == XtFamily.IPv4 ? Unreadable<IptEntry>(snapshot) : table.Family == XtFamily.IPv6 ? Unreadable<Ip6tEntry>(snapshot) : Unreadable<ArptEntry>(snapshot);
        string marker = table.Family == XtFamily.Arp ? " bytes of unknown target data] " : " [unsupported: revision ";
        int unsupported = (text.Length - text.Replace(marker, string.Empty, StringComparison.Ordinal).Length) / marker.Length;
        Assert.True(unsupported >= unreadable, $"{unreadable} extensions of the rules cannot be read through their mirrors, but {unsupported} are written as unsupported:\n{text}");
        return true;
    }

    // A writer that threw on a malformed table writes the next one as a new writer does.
    private static void AssertWriterRecovers(XtSeed damaged, XtSeed good)
    {
        var output = new StringWriter { NewLine = "\n" };
        var fresh = new StringWriter { NewLine = "\n" };
        if (good.Family == XtFamily.Arp)
        {
            var writer = new ArptablesSaveWriter(output);
            Try(() => writer.WriteTable(damaged.Snapshot()));
            output.GetStringBuilder().Clear();
            writer.WriteTable(good.Snapshot());
            new ArptablesSaveWriter(fresh).WriteTable(good.Snapshot());
        }
        else
        {
            var writer = new IptablesSaveWriter(output);
            Try(() => writer.WriteTable(damaged.Snapshot()));
            output.GetStringBuilder().Clear();
            writer.WriteTable(good.Snapshot());
            new IptablesSaveWriter(fresh).WriteTable(good.Snapshot());
        }

        Assert.Equal(fresh.ToString(), output.ToString());

        static void Try(Action write)
        {
            try
            {
                write();
            }
            catch (XtTableFormatException)
            {
            }
        }
    }

    // The matches and targets of the table's rules that the sample's decoders cannot read: no decoder for the name and
    // revision, or a payload shorter than the mirror.
    private static int Unreadable<TEntry>(XtTableSnapshot snapshot)
        where TEntry : unmanaged, IXtEntry
    {
        var blob = snapshot.Entries;
        var family = snapshot.Family;
        var matches = family == XtFamily.Arp ? null : ExtensionDecoders.For(family, XtExtensionKind.Match);
        var targets = ExtensionDecoders.For(family, XtExtensionKind.Target);
        var finder = new XtChainFinder<TEntry>(snapshot);
        int unreadable = 0;
        foreach (var e in new XtEntries<TEntry>(blob))
        {
            finder.Enter(e);
            if (!finder.IsRule(blob, e))
            {
                continue;
            }

            if (matches is not null)
            {
                foreach (var m in e.Matches)
                {
                    unreadable += Readable(matches.Find(m.Name, m.Revision), m.Data) ? 0 : 1;
                }
            }

            if (!e.Target.IsStandard)
            {
                unreadable += Readable(targets.Find(e.Target.Name, e.Target.Revision), e.Target.Data) ? 0 : 1;
            }
        }

        return unreadable;

        static bool Readable(Decoder? decoder, ReadOnlySpan<byte> data) => decoder is not null && data.Length >= decoder.Extension.PayloadSize;
    }

    internal static void AssertOffset(XtTableFormatException e, ReadOnlySpan<byte> blob)
        => Assert.True(e.Offset >= 0 && e.Offset <= blob.Length, $"offset {e.Offset} of '{e.Message}' is outside the {blob.Length} bytes");

    /// <summary>Fails unless <paramref name="inner"/> lies inside <paramref name="outer"/>.</summary>
    internal static void Within(ReadOnlySpan<byte> outer, ReadOnlySpan<byte> inner, string what)
    {
        long at = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(outer), ref MemoryMarshal.GetReference(inner));
        Assert.True(at >= 0 && at + inner.Length <= outer.Length, $"the {what} ({inner.Length} bytes at {at}) is outside its {outer.Length} bytes");
    }
}
