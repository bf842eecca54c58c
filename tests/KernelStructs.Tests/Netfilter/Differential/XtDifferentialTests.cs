using System;
using System.Linq;
using KernelStructs.Netfilter;
using Xunit;
using Xunit.Abstractions;

namespace KernelStructs.Tests.Netfilter.Differential;

/// <summary>
/// The generated-ruleset differential (see <see cref="XtDifferential"/>): the dump must print exactly what
/// <c>iptables-legacy-save</c>, <c>ip6tables-legacy-save</c> and <c>arptables-legacy-save</c> print, on rulesets drawn
/// at random over every extension and option. The normal run is a fixed slice; <c>KS_XT_RULESETS</c>, <c>KS_XT_RULES</c>
/// and <c>KS_XT_SEED</c> make longer or other runs (tests/README.md).
/// </summary>
[Trait("Category", "Kernel")]
public class XtDifferentialTests
{
    // Catalog entries the kernel serves that iptables 1.8.9 cannot write, so no generated ruleset holds them; the
    // crafted-rule tests (XtCraftedRuleTests) load and dump them instead.
    private static readonly string[] NotWritable =
    {
        "match l2tp 0", "match udplite 0", // no iptables extension
        "target NOTRACK 0",                // iptables writes -j NOTRACK as CT --notrack
        "target SECMARK 0", "target SECMARK 1", // the kernel takes a security context only with a security module
        "target DNAT 1", "target SNAT 1",  // iptables has them for ip6tables only
        "target SNAT 2",                   // iptables has no SNAT revision 2
    };

    private readonly ITestOutputHelper _output;

    public XtDifferentialTests(ITestOutputHelper output) => _output = output;

    private static int Setting(string name, int normal)
        => int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : normal;

    [SkippableFact]
    public void Generated_iptables_rulesets_dump_as_iptables_legacy_save_does() => Check(XtFamily.IPv4, rulesets: 40, rules: 60);

    [SkippableFact]
    public void Generated_ip6tables_rulesets_dump_as_ip6tables_legacy_save_does() => Check(XtFamily.IPv6, rulesets: 40, rules: 60);

    [SkippableFact]
    public void Generated_arptables_rulesets_dump_as_arptables_legacy_save_does() => Check(XtFamily.Arp, rulesets: 20, rules: 30);

    private void Check(XtFamily family, int rulesets, int rules)
    {
        string? why = NetNs.WhyUnavailable(XtDifferential.Tools(family));
        Skip.If(why is not null, why);
        int seed = Setting("KS_XT_SEED", 20260415) + (family == XtFamily.IPv4 ? 0 : family == XtFamily.IPv6 ? 1_000_000 : 2_000_000);
        var result = XtDifferential.Run(family, seed, Setting("KS_XT_RULESETS", rulesets), Setting("KS_XT_RULES", rules), chains: 4);

        _output.WriteLine($"{family}: {result} (seed {seed})");
        foreach (var (extension, count) in result.Seen)
        {
            _output.WriteLine($"  {extension}: {count}");
        }

        _output.WriteLine("refused rules by extension: " + string.Join(", ", result.RefusedBy.Select(r => $"{r.Key} {r.Value}")));
        foreach (string rejection in result.Rejections)
        {
            _output.WriteLine("refused: " + rejection);
        }

        _output.WriteLine("catalog entries served but not seen: " + string.Join(", ", result.Unseen));
        Assert.True(result.DifferingLines == 0, $"{family}: {result}\n{string.Join('\n', result.Differences)}");
        Assert.True(result.RulesVanished == 0, result.ToString());
        Assert.True(result.RulesLoaded > 0, result.ToString());

        // The normal slice (or a longer run) holds every catalog entry iptables can write and the kernel serves.
        if (Setting("KS_XT_RULESETS", rulesets) >= rulesets && Setting("KS_XT_RULES", rules) >= rules)
        {
            Assert.Equal(Array.Empty<string>(), result.Unseen.Except(NotWritable));
        }
    }
}
