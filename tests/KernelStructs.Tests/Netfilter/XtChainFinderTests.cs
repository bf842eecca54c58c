using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using KernelStructs.Netfilter;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// <see cref="XtChainFinder{TEntry}"/> over small ip_tables tables built in memory (<see cref="CraftedRules"/>): which
/// entries start chains and which are rules, the chains it finds, the save order, and the error each malformed table gives.
/// </summary>
public sealed class XtChainFinderTests
{
    private const int Input = 1;
    private const int Forward = 2;
    private const int Output = 3;

    private static readonly int Accept = XTables.StandardVerdict(XTables.NF_ACCEPT);
    private static readonly int Drop = XTables.StandardVerdict(XTables.NF_DROP);

    [Fact]
    public void A_built_in_chain_with_only_its_policy_has_no_rules()
    {
        var table = new Table()
            .Policy(Input, Accept)
            .Hook(Forward).Rule(Drop).Policy(Forward, Accept)
            .Policy(Output, Drop)
            .End();

        var walk = Walk(table);

        // INPUT's only entry starts the chain and is its policy, not a rule; FORWARD's first entry is both its start and its
        // rule; the closing ERROR entry starts a chain of the walk's (named ERROR) that Finish leaves out.
        Assert.Equal(new[] { (true, false, "INPUT"), (true, true, "FORWARD"), (false, false, "FORWARD"), (true, false, "OUTPUT"), (true, false, "ERROR") },
            walk.Entries.Select(e => (e.Starts, e.IsRule, e.Chain)));
        Assert.Equal(new[] { "INPUT", "FORWARD", "OUTPUT" }, walk.Chains.Select(c => c.Name));
        var input = walk.Chains[0];
        Assert.Equal(Input, input.Hook);
        Assert.Equal(table.Offsets[0], input.HeadOffset);
        Assert.Equal(input.HeadOffset, input.RulesOffset);
        Assert.Equal(input.HeadOffset, input.PolicyOffset);
        Assert.Equal(table.Offsets[1], input.EndOffset);
        var forward = walk.Chains[1];
        Assert.Equal(table.Offsets[1], forward.RulesOffset);
        Assert.Equal(table.Offsets[2], forward.PolicyOffset);
        Assert.Equal(4, walk.Finder.Started);
    }

    [Fact]
    public void A_user_chain_with_only_its_return_has_no_rules()
    {
        var table = Builtins(new Table()).Error("mine").Return().End();

        var walk = Walk(table);

        var mine = Assert.Single(walk.Chains, c => !c.IsBuiltin);
        Assert.Equal("mine", mine.Name);
        Assert.Equal(-1, mine.Hook);
        Assert.Equal(table.Offsets[3], mine.HeadOffset);
        Assert.Equal(table.Offsets[4], mine.RulesOffset);
        Assert.Equal(table.Offsets[4], mine.PolicyOffset);
        Assert.Equal(table.Offsets[5], mine.EndOffset);

        // The ERROR head starts the chain and the RETURN ends it: neither is a rule.
        Assert.Equal(new[] { (true, false, "mine"), (false, false, "mine") }, walk.Entries.Skip(3).Take(2).Select(e => (e.Starts, e.IsRule, e.Chain)));
    }

    [Fact]
    public void A_jump_to_a_chain_defined_later_is_a_rule_and_lands_in_that_chain()
    {
        // INPUT jumps to "later", whose head is the fifth entry: its offset is known only once the entries before it are.
        var table = new Table()
            .Hook(Input).Jump(4).Policy(Input, Accept)
            .Policy(Forward, Accept)
            .Policy(Output, Accept)
            .Error("later").Rule(Drop).Return()
            .End();

        var walk = Walk(table);

        Assert.True(walk.Entries[0].IsRule);
        int verdict = table.Verdicts[0];
        Assert.Equal(table.Offsets[4], verdict);
        var target = Assert.Single(walk.Chains, c => c.Contains(verdict));
        Assert.Equal("later", target.Name);
        Assert.Equal(table.Offsets[5], target.RulesOffset);
        Assert.Equal(new[] { (true, false, "later"), (false, true, "later"), (false, false, "later") }, walk.Entries.Skip(4).Take(3).Select(e => (e.Starts, e.IsRule, e.Chain)));
    }

    [Fact]
    public void Save_order_is_built_in_chains_in_entry_order_then_user_chains_by_name_in_byte_order()
    {
        var table = Builtins(new Table())
            .Error("b").Return()
            .Error("a").Return()
            .Error("B").Return()
            .End();

        var chains = Walk(table).Chains;
        int[] order = XtChainFinder<IptEntry>.SaveOrder(chains);

        Assert.Equal(new[] { "INPUT", "FORWARD", "OUTPUT", "b", "a", "B" }, chains.Select(c => c.Name));
        Assert.Equal(new[] { "INPUT", "FORWARD", "OUTPUT", "B", "a", "b" }, order.Select(i => chains[i].Name));
        Assert.Empty(XtChainFinder<IptEntry>.SaveOrder(ReadOnlySpan<XtChain>.Empty));
    }

    [Fact]
    public void A_table_without_its_closing_error_entry_throws_at_finish()
    {
        var table = Builtins(new Table()).Error("mine").Return().Build();

        var e = Assert.Throws<XtTableFormatException>(() => Walk(table));
        Assert.StartsWith("The table does not end with an ERROR entry", e.Message, StringComparison.Ordinal);
        Assert.Equal(table.Offsets[^1], e.Offset);
    }

    [Fact]
    public void A_table_of_built_in_chains_alone_throws_at_finish()
    {
        var table = Builtins(new Table()).Build();

        var e = Assert.Throws<XtTableFormatException>(() => Walk(table));
        Assert.StartsWith("The table does not end with an ERROR entry", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_past_the_closing_error_entry_throws_at_finish()
    {
        // The ERROR entry is taken for a chain's head, and the rule after it leaves the table without its end.
        var table = Builtins(new Table()).Error("ERROR").Rule(Accept).Build();

        var e = Assert.Throws<XtTableFormatException>(() => Walk(table));
        Assert.StartsWith("The table does not end with an ERROR entry", e.Message, StringComparison.Ordinal);
        Assert.Equal(table.Offsets[^1], e.Offset);
    }

    [Fact]
    public void An_entry_that_runs_past_the_end_throws_where_it_starts()
    {
        var table = Builtins(new Table()).End();
        byte[] blob = table.Blob;

        // The closing ERROR entry's next_offset reaches past the entries; IsRule of the entry before reads ahead of it
        // without throwing, and the walk throws when it reaches it.
        int last = table.Offsets[^1];
        System.Runtime.InteropServices.MemoryMarshal.Write(blob.AsSpan(last + IptEntry.Offsets.next_offset), (ushort)(blob.Length - last + 8));

        var e = Assert.Throws<XtTableFormatException>(() => Walk(table));
        Assert.StartsWith("next_offset ", e.Message, StringComparison.Ordinal);
        Assert.Equal(last, e.Offset);
    }

    [Fact]
    public void A_chain_without_a_policy_or_return_throws_when_the_next_chain_starts()
    {
        // "empty" is an ERROR head followed at once by another chain's head.
        var table = Builtins(new Table()).Error("empty").Error("next").Return().End();

        var e = Assert.Throws<XtTableFormatException>(() => Walk(table));
        Assert.StartsWith("Chain has no policy or RETURN entry", e.Message, StringComparison.Ordinal);
        Assert.Equal(table.Offsets[3], e.Offset);
    }

    [Fact]
    public void A_built_in_chain_whose_last_entry_is_not_its_underflow_throws_when_the_next_chain_starts()
    {
        var table = new Table()
            .Hook(Input).Rule(Drop).Policy(Input, Accept)
            .Policy(Forward, Accept)
            .Policy(Output, Accept)
            .End();
        table.Underflow[Input] = (uint)table.Offsets[0];

        var e = Assert.Throws<XtTableFormatException>(() => Walk(table));
        Assert.StartsWith($"underflow[{Input}] is {table.Offsets[0]}, but the chain's last entry is at {table.Offsets[1]}", e.Message, StringComparison.Ordinal);
        Assert.Equal(table.Offsets[1], e.Offset);
    }

    [Fact]
    public void The_entry_type_must_be_the_family_s()
        => Assert.Throws<ArgumentException>(() => new XtChainFinder<ArptEntry>(Builtins(new Table()).End().Snapshot()));

    private static Table Builtins(Table table) => table.Policy(Input, Accept).Policy(Forward, Accept).Policy(Output, Accept);

    /// <summary>Enters every entry, asking IsRule of each, as a writer does; then Finish.</summary>
    private static (XtChainFinder<IptEntry> Finder, List<(bool Starts, bool IsRule, string Chain)> Entries, XtChain[] Chains) Walk(Table table)
    {
        var snapshot = table.Snapshot();
        var finder = new XtChainFinder<IptEntry>(snapshot);
        var entries = new List<(bool, bool, string)>();
        foreach (var e in snapshot.GetEntries<IptEntry>())
        {
            bool starts = finder.Enter(e);
            entries.Add((starts, finder.IsRule(snapshot.Entries, e), finder.Current));
        }

        return (finder, entries, finder.Finish().ToArray());
    }

    /// <summary>A filter table built entry by entry: each entry's offset, each jump's target, the hooks' entries and underflows.</summary>
    private sealed class Table
    {
        private readonly List<byte[]> _entries = new();
        private readonly List<(int Entry, int TargetEntry)> _jumps = new();

        public uint[] HookEntry { get; } = new uint[XtFamily.IPv4.NumHooks];

        public uint[] Underflow { get; } = new uint[XtFamily.IPv4.NumHooks];

        public uint ValidHooks { get; private set; }

        public List<int> Offsets { get; } = new();

        /// <summary>Each entry's standard verdict (0 for other targets), jumps resolved.</summary>
        public List<int> Verdicts { get; } = new();

        public byte[] Blob { get; private set; } = Array.Empty<byte>();

        /// <summary>The next entry is <paramref name="hook"/>'s first.</summary>
        public Table Hook(int hook)
        {
            ValidHooks |= 1u << hook;
            HookEntry[hook] = (uint)Size;
            return this;
        }

        /// <summary><paramref name="hook"/>'s policy: its first entry too when no rule came before it.</summary>
        public Table Policy(int hook, int verdict)
        {
            if ((ValidHooks & (1u << hook)) == 0)
            {
                Hook(hook);
            }

            Underflow[hook] = (uint)Size;
            return Rule(verdict);
        }

        public Table Rule(int verdict) => Add(CraftedRules.Ipv4(default, CraftedRules.Standard(verdict)));

        public Table Return() => Rule(XTables.XT_RETURN);

        /// <summary>A rule whose standard target jumps to entry <paramref name="entry"/> (its offset is written in by <see cref="Build"/>).</summary>
        public Table Jump(int entry)
        {
            _jumps.Add((_entries.Count, entry));
            return Rule(0);
        }

        /// <summary>An ERROR entry: a user chain's head, or the table's end (<see cref="End"/>).</summary>
        public Table Error(string name)
        {
            byte[] errorName = new byte[XTables.XT_FUNCTION_MAXNAMELEN];
            Encoding.ASCII.GetBytes(name).CopyTo(errorName, 0);
            return Add(CraftedRules.Ipv4(default, CraftedRules.Target("ERROR", 0, errorName)));
        }

        public Table End() => Error("ERROR").Build();

        public Table Build()
        {
            Blob = _entries.SelectMany(e => e).ToArray();
            Offsets.Clear();
            Verdicts.Clear();
            int at = 0;
            foreach (byte[] e in _entries)
            {
                Offsets.Add(at);
                at += e.Length;
            }

            foreach (var (entry, target) in _jumps)
            {
                int verdictAt = Offsets[entry] + IptEntry.SizeOf + XtEntryTarget.SizeOf;
                System.Runtime.InteropServices.MemoryMarshal.Write(Blob.AsSpan(verdictAt), Offsets[target]);
            }

            foreach (var e in new XtEntries<IptEntry>(Blob))
            {
                Verdicts.Add(e.Target.IsStandard ? e.Target.Verdict : 0);
            }

            return this;
        }

        public XtTableSnapshot Snapshot()
            => XtTableSnapshot.FromEntries(XtFamily.IPv4, "filter", ValidHooks, HookEntry, Underflow, (uint)_entries.Count, Blob);

        private int Size => _entries.Sum(e => e.Length);

        private Table Add(byte[] entry)
        {
            _entries.Add(entry);
            return this;
        }
    }
}
