using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using KernelStructs.Netfilter;
using KernelStructs.Samples.EbtablesSave;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// The ebtables writer on tables built in memory, for what the kernel does not hand out but a damaged answer holds (the
/// cases <c>NetfilterFuzzTests</c> found): a payload shorter than its struct, a rate of zero, counters the rules run
/// past, a jump to no chain.
/// </summary>
public sealed class EbtablesSaveWriterTests
{
    private static readonly byte[] Accept = CraftedRules.EbtExtension("standard", 0, BitConverter.GetBytes(Ebtables.EBT_ACCEPT));

    [Fact]
    public void Extensions_shorter_than_their_struct_are_written_as_unsupported()
    {
        var rule = CraftedRules.EbtRule(Header(), [CraftedRules.EbtExtension("ip", 0, new byte[8])], [CraftedRules.EbtExtension("log", 0, new byte[8])], CraftedRules.EbtExtension("mark", 0, new byte[0]));

        Assert.Equal("*filter\n:INPUT ACCEPT\n-A INPUT [unsupported: ip] [unsupported: log] -j mark [unsupported: mark]\n\n", Write(Table(0, rule), counters: false));
    }

    [Fact]
    public void A_limit_of_rate_zero_is_written_as_unsupported()
    {
        var limit = new EbtLimitInfo { avg = 0, burst = 5 };
        var rule = CraftedRules.EbtRule(Header(), [CraftedRules.EbtExtension("limit", 0, CraftedRules.Bytes(limit))], [], Accept);

        Assert.Equal("*filter\n:INPUT ACCEPT\n-A INPUT [unsupported: limit] -j ACCEPT\n\n", Write(Table(0, rule), counters: false));
    }

    [Fact]
    public void Rules_past_the_counters_throw_and_write_nothing()
    {
        var rule = CraftedRules.EbtRule(Header(), [], [], Accept);
        var output = new StringWriter();

        var e = Assert.Throws<XtTableFormatException>(() => new EbtablesSaveWriter(output, counters: true, NoEthertypes, NoProtocols).WriteTable(Table(uint.MaxValue, rule)));
        Assert.StartsWith("Chain's 1 rules from counter_offset 4294967295 run past the table's 1 counters", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.Offset);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public void A_jump_to_no_chain_throws_and_writes_nothing()
    {
        var rule = CraftedRules.EbtRule(Header(), [], [], CraftedRules.EbtExtension("standard", 0, BitConverter.GetBytes(8)));
        var output = new StringWriter();

        var e = Assert.Throws<XtTableFormatException>(() => new EbtablesSaveWriter(output, counters: false, NoEthertypes, NoProtocols).WriteTable(Table(0, rule)));
        Assert.StartsWith("No chain starts at this offset", e.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    private static readonly Dictionary<ushort, string> NoEthertypes = new();
    private static readonly Dictionary<int, string> NoProtocols = new();

    // A rule that matches every protocol.
    private static byte[] Header() => CraftedRules.Bytes(new EbtEntry { bitmask = 0x02 /* EBT_NOPROTO */ });

    // A filter table whose INPUT chain holds the rules, its first rule's counter at counterOffset.
    private static EbtTableSnapshot Table(uint counterOffset, params byte[][] rules)
    {
        var head = new EbtEntries { counter_offset = counterOffset, policy = Ebtables.EBT_ACCEPT, nentries = (uint)rules.Length };
        head.SetName("INPUT");
        byte[] entries = [.. CraftedRules.Bytes(head), .. rules.SelectMany(r => r)];
        return EbtTableSnapshot.FromEntries("filter", 1u << 1, rules.Length, entries, new EbtCounter[rules.Length]);
    }

    private static string Write(EbtTableSnapshot table, bool counters)
    {
        var output = new StringWriter { NewLine = "\n" };
        new EbtablesSaveWriter(output, counters, NoEthertypes, NoProtocols).WriteTable(table);
        return output.ToString();
    }
}
