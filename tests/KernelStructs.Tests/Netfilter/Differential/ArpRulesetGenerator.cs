using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace KernelStructs.Tests.Netfilter.Differential;

/// <summary>
/// Draws random <c>arptables-restore</c> rulesets (arptables 0.0.5's syntax: no <c>COMMIT</c>, policies without
/// counters) over the ARP header options and the targets arptables knows: the standard verdicts and jumps,
/// <c>mangle</c>, <c>CLASSIFY</c> and <c>MARK</c>.
/// </summary>
internal sealed class ArpRulesetGenerator
{
    private readonly Random _rng;

    public ArpRulesetGenerator(int seed) => _rng = new Random(seed);

    /// <summary>Names of the targets each generated rule uses, in order (for coverage).</summary>
    public List<string[]> RuleExtensions { get; } = new();

    public string Next(int chains, int rules)
    {
        var text = new StringBuilder("*filter\n");
        foreach (string builtin in new[] { "INPUT", "OUTPUT", "FORWARD" })
        {
            text.Append(':').Append(builtin).Append(' ').Append(Pick("ACCEPT", "DROP")).Append('\n');
        }

        for (int c = 0; c < chains; c++)
        {
            text.Append(":ks").Append(c).Append(" -\n");
        }

        for (int i = 0; i < rules; i++)
        {
            string chain = Next(4) == 0 ? Pick("INPUT", "OUTPUT", "FORWARD") : $"ks{Next(chains)}";
            text.Append(Rule(chain, chains)).Append('\n');
        }

        return text.ToString();
    }

    private int Next(int n) => _rng.Next(n);

    private bool Chance(int oneIn) => _rng.Next(oneIn) == 0;

    private T Pick<T>(params T[] values) => values[_rng.Next(values.Length)];

    private string Not() => Chance(3) ? "! " : string.Empty;

    private string Address() => $"{Next(256)}.{Next(256)}.{Next(256)}.{Next(256)}";

    private string Mac() => string.Join(':', Enumerable.Range(0, 6).Select(_ => Next(256).ToString("x2", CultureInfo.InvariantCulture)));

    private string Rule(string chain, int chains)
    {
        var sb = new StringBuilder("-A ").Append(chain);
        bool user = chain.StartsWith("ks", StringComparison.Ordinal);
        if ((user || chain != "OUTPUT") && Chance(4)) sb.Append(' ').Append(Not()).Append("-i ").Append(Pick("eth0", "eth+", "lo", "br0"));
        if ((user || chain != "INPUT") && Chance(4)) sb.Append(' ').Append(Not()).Append("-o ").Append(Pick("eth1", "veth+", "lo"));
        if (Chance(3)) sb.Append(' ').Append(Not()).Append("-s ").Append(Address()).Append(Pick(string.Empty, $"/{Next(33)}", $"/{Next(256)}.{Next(256)}.0.0"));
        if (Chance(3)) sb.Append(' ').Append(Not()).Append("-d ").Append(Address()).Append(Pick(string.Empty, $"/{Next(33)}"));
        if (Chance(4)) sb.Append(' ').Append(Not()).Append("--src-mac ").Append(Mac()).Append(Chance(2) ? "/ff:ff:ff:00:00:00" : string.Empty);
        if (Chance(4)) sb.Append(' ').Append(Not()).Append("--dst-mac ").Append(Mac());
        if (Chance(4)) sb.Append(' ').Append(Not()).Append("--opcode ").Append(Pick("1", "2", $"{Next(10) + 1}/{Next(255) + 1}", "Request", "Reply", "InARP_Request"));
        if (Chance(5)) sb.Append(' ').Append(Not()).Append("--h-type ").Append(Pick("1", "Ethernet", $"{Next(100)}/{Next(100) + 1}"));
        if (Chance(5)) sb.Append(' ').Append(Not()).Append("--proto-type ").Append(Pick("0x800", "0x86dd", "IPv4", $"0x{Next(0x10000):x}"));

        bool hlen = Chance(4);
        int kind = Next(10);
        string[] used = Array.Empty<string>();
        string target = string.Empty;
        // CLASSIFY and mangle serve the OUTPUT and FORWARD hooks only: not in INPUT, and INPUT jumps to no user chain.
        // User chains jump only to later ones, so that no jump closes a loop.
        int from = user ? int.Parse(chain.AsSpan(2), CultureInfo.InvariantCulture) : -1;
        string jump = from + 1 < chains && chain != "INPUT" ? $" -j ks{from + 1 + Next(chains - from - 1)}" : " -j ACCEPT";
        if (chain == "INPUT" && kind >= 4)
        {
            kind = Next(4);
        }

        if (kind < 4)
        {
            target = Pick(" -j ACCEPT", " -j DROP", " -j RETURN", jump);
        }
        else if (kind < 6)
        {
            // mangle needs the hardware address length to be known.
            hlen = true;
            var m = new StringBuilder(" -j mangle");
            if (Chance(2)) m.Append(" --mangle-ip-s ").Append(Address());
            if (Chance(2)) m.Append(" --mangle-ip-d ").Append(Address());
            if (Chance(2)) m.Append(" --mangle-mac-s ").Append(Mac());
            if (Chance(2) || m.Length == 10) m.Append(" --mangle-mac-d ").Append(Mac());
            if (Chance(2)) m.Append(" --mangle-target ").Append(Pick("DROP", "ACCEPT", "CONTINUE"));
            target = m.ToString();
            used = new[] { "mangle" };
        }
        else if (kind < 7)
        {
            target = $" -j CLASSIFY --set-class {Next(0x10000):x}:{Next(0x10000):x}";
            used = new[] { "CLASSIFY" };
        }
        else if (kind < 8)
        {
            target = $" -j MARK {Pick("--set-mark", "--or-mark", "--and-mark")} {Next(int.MaxValue):x}";
            used = new[] { "MARK" };
        }

        if (hlen) sb.Append(" --h-length 6");
        // A rule without a target must show an option: arptables -A with neither adds no rule, without a word, and one
        // whose only options are addresses with a zero mask (-s 1.2.3.4/0, negated or not) is added but lists as an empty line, which
        // arptables-legacy-save (and so the dump) leaves out.
        if (target.Length == 0 && ListsAsNothing(sb.ToString(3 + chain.Length, sb.Length - 3 - chain.Length)))
        {
            target = " -j ACCEPT";
        }

        RuleExtensions.Add(used);
        return sb.Append(target).ToString();
    }

    private static bool ListsAsNothing(string options)
        => System.Text.RegularExpressions.Regex.IsMatch(options, @"^( (! )?-[sd] [0-9.]+/0(\.0\.0\.0)?)*$");
}
