using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using KernelStructs.Netfilter;
using KernelStructs.Samples.IptablesDump;

namespace KernelStructs.Tests.Netfilter.Differential;

/// <summary>What one differential run tried and found.</summary>
internal sealed class DifferentialResult
{
    public int Rulesets { get; set; }

    public int RulesetsAbandoned { get; set; }

    public int RulesGenerated { get; set; }

    public int RulesLoaded { get; set; }

    public int RulesRejected { get; set; }

    /// <summary>Rules the restore took without a word but the save does not hold (the generator should draw none).</summary>
    public int RulesVanished { get; set; }

    public int Lines { get; set; }

    public int DifferingLines { get; set; }

    /// <summary>Extension revisions the loaded tables held (<c>match conntrack 3</c>), with how many rules held them.</summary>
    public SortedDictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);

    /// <summary>Catalog entries of the family that the kernel serves and no loaded rule held.</summary>
    public List<string> Unseen { get; } = new();

    /// <summary>The first differences: ruleset seed, expected line, dumped line.</summary>
    public List<string> Differences { get; } = new();

    /// <summary>How many refused rules named each extension (<c>-m</c>/<c>-j</c>).</summary>
    public SortedDictionary<string, int> RefusedBy { get; } = new(StringComparer.Ordinal);

    /// <summary>The first rules the kernel or iptables refused, with the reason.</summary>
    public List<string> Rejections { get; } = new();

    public override string ToString() =>
        $"{Rulesets} rulesets ({RulesetsAbandoned} abandoned), {RulesGenerated} rules generated, {RulesLoaded} loaded, {RulesRejected} refused, {RulesVanished} vanished; "
        + $"{Lines} lines compared, {DifferingLines} differing; {Seen.Count} extension revisions seen";
}

/// <summary>
/// The generated-ruleset differential: rulesets drawn by <see cref="RulesetGenerator"/> (or <see cref="ArpRulesetGenerator"/>)
/// are loaded with <c>*-legacy-restore</c> in a private network namespace, then dumped by <c>*-legacy-save</c> and by the
/// sample's writers, and the two texts are compared line by line. A rule iptables or the kernel refuses is dropped
/// (found from the restore's error, or by bisecting the table when the kernel refuses the whole table at <c>COMMIT</c>)
/// and counted.
/// </summary>
internal static class XtDifferential
{
    private const int MaxDifferences = 20;
    private const int MaxAttempts = 40;

    // iptables 1.8.9's revisions of the extensions it has several of, per family (its extensions/*.c registrations).
    private static readonly Dictionary<string, byte[]> IptablesRevisions4 = new()
    {
        ["addrtype"] = new byte[] { 0, 1 }, ["bpf"] = new byte[] { 0, 1 }, ["cgroup"] = new byte[] { 0, 1, 2 }, ["conntrack"] = new byte[] { 1, 2, 3 },
        ["hashlimit"] = new byte[] { 1, 2, 3 }, ["nfacct"] = new byte[] { 0, 1 }, ["recent"] = new byte[] { 0, 1 }, ["set"] = new byte[] { 0, 1, 2, 3, 4 },
        ["socket"] = new byte[] { 0, 1, 2, 3 }, ["CONNMARK"] = new byte[] { 1, 2 }, ["CT"] = new byte[] { 0, 1, 2 }, ["DNAT"] = new byte[] { 0, 2 },
        ["IDLETIMER"] = new byte[] { 0, 1 }, ["NFQUEUE"] = new byte[] { 0, 1, 2, 3 }, ["SET"] = new byte[] { 0, 1, 2, 3 }, ["TPROXY"] = new byte[] { 0, 1 },
    };

    private static readonly Dictionary<string, byte[]> IptablesRevisions6 = new()
    {
        ["bpf"] = new byte[] { 0, 1 }, ["cgroup"] = new byte[] { 0, 1, 2 }, ["conntrack"] = new byte[] { 1, 2, 3 }, ["hashlimit"] = new byte[] { 1, 2, 3 },
        ["nfacct"] = new byte[] { 0, 1 }, ["recent"] = new byte[] { 0, 1 }, ["set"] = new byte[] { 1, 2, 3, 4 }, ["socket"] = new byte[] { 1, 2, 3 },
        ["srh"] = new byte[] { 0, 1 }, ["CONNMARK"] = new byte[] { 1, 2 }, ["CT"] = new byte[] { 0, 1, 2 }, ["DNAT"] = new byte[] { 1, 2 },
        ["IDLETIMER"] = new byte[] { 0, 1 }, ["NFQUEUE"] = new byte[] { 0, 1, 2, 3 }, ["SET"] = new byte[] { 1, 2, 3 },
    };

    /// <summary>The tools a family's differential runs.</summary>
    public static string[] Tools(XtFamily family) => family == XtFamily.Arp
        ? new[] { "arptables-legacy-restore", "arptables-legacy-save", "arptables-legacy", "unshare", "mount" }
        : family == XtFamily.IPv4
            ? new[] { "iptables-legacy-restore", "iptables-legacy-save", "gcc", "ipset", "nfacct" }
            : new[] { "ip6tables-legacy-restore", "ip6tables-legacy-save", "gcc", "ipset", "nfacct" };

    /// <summary>Runs <paramref name="rulesets"/> rulesets of <paramref name="rules"/> rules; ruleset <c>i</c> is drawn from seed <c>seed + i</c>.</summary>
    public static DifferentialResult Run(XtFamily family, int seed, int rulesets, int rules, int chains)
    {
        var result = new DifferentialResult();
        using var ns = NetNs.Create();
        using Socket socket = ns.Enter(() => family.OpenSocket());
        using Socket ipv4 = ns.Enter(() => XtFamily.IPv4.OpenSocket());
        int fd = (int)socket.Handle;
        if (family != XtFamily.Arp)
        {
            CreateSetsAndCounters(ns);
        }

        var revisions = family == XtFamily.Arp ? null : Revisions(family, fd);
        string file = Path.GetTempFileName();
        try
        {
            for (int i = 0; i < rulesets; i++)
            {
                int rulesetSeed = seed + i;
                string text;
                string caps = string.Empty;
                if (family == XtFamily.Arp)
                {
                    text = new ArpRulesetGenerator(rulesetSeed).Next(chains, rules);
                }
                else
                {
                    var generator = new RulesetGenerator(rulesetSeed, family, revisions!);
                    text = generator.Next(chains, rules);
                    caps = generator.Caps;
                }

                result.Rulesets++;
                result.RulesGenerated += text.Split('\n').Count(l => l.StartsWith("-A ", StringComparison.Ordinal));
                var lines = text.Split('\n').ToList();
                if (!Load(ns, family, file, lines, caps, rulesetSeed, result))
                {
                    result.RulesetsAbandoned++;
                    continue;
                }

                int loaded = result.RulesLoaded;
                Compare(ns, family, fd, (int)ipv4.Handle, caps, rulesetSeed, result);
                result.RulesVanished += lines.Count(l => l.StartsWith("-A ", StringComparison.Ordinal)) - (result.RulesLoaded - loaded);
            }
        }
        finally
        {
            File.Delete(file);
        }

        result.Unseen.AddRange(Unseen(family, fd, result.Seen));
        return result;
    }

    // The catalog's extension revisions for the family that the running kernel serves (asked with GET_REVISION) and
    // that are not among those seen.
    private static IEnumerable<string> Unseen(XtFamily family, int fd, IReadOnlyDictionary<string, int> seen)
    {
        var served = new Dictionary<(XtExtensionKind, string), byte[]>();
        foreach (var e in XtExtensions.All)
        {
            if ((e.Families & family.Families) == 0 || (family == XtFamily.Arp && e.Kind == XtExtensionKind.Match))
            {
                continue;
            }

            if (!served.TryGetValue((e.Kind, e.Name), out byte[]? revisions))
            {
                served[(e.Kind, e.Name)] = revisions = XtExtensions.ServedRevisions(family, fd, e.Kind, e.Name);
            }

            string key = $"{(e.Kind == XtExtensionKind.Match ? "match" : "target")} {e.Name} {e.Revision}";
            if (revisions.Contains(e.Revision) && !seen.ContainsKey(key))
            {
                yield return key;
            }
        }
    }

    // The sets (and their types' dimensions) and accounting objects the generator names.
    internal static void CreateSetsAndCounters(NetNs ns)
    {
        foreach (var (name, type, options) in new[]
        {
            ("ks-ip", "hash:ip", "family inet"), ("ks-net", "hash:net", "family inet"), ("ks-ipport", "hash:ip,port", "family inet"),
            ("ks-ip6", "hash:ip", "family inet6"), ("ks-net6", "hash:net", "family inet6"), ("ks-ipport6", "hash:ip,port", "family inet6"),
            ("ks-map", "hash:ip", "family inet skbinfo"), ("ks-map6", "hash:ip", "family inet6 skbinfo"),
        })
        {
            ns.Exec("ipset", new[] { "create", name, type }.Concat(options.Split(' ')).ToArray());
        }

        ns.Exec("nfacct", "add", "ks-acct1");
        ns.Exec("nfacct", "add", "ks-acct2");
    }

    // For each extension with several revisions: those both iptables and the running kernel have (asked with GET_REVISION).
    internal static Dictionary<string, int[]> Revisions(XtFamily family, int fd)
    {
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (name, iptables) in family == XtFamily.IPv4 ? IptablesRevisions4 : IptablesRevisions6)
        {
            var kind = char.IsUpper(name[0]) ? XtExtensionKind.Target : XtExtensionKind.Match;
            var served = XtExtensions.ServedRevisions(family, fd, kind, name);
            result[name] = iptables.Where(r => served.Contains(r)).Select(r => (int)r).ToArray();
        }

        // Below every revision the kernel serves: conntrack capped at 0 leaves -m state to xt_state (the generator then
        // draws no -m conntrack). (No cap makes iptables 1.8.9 write the NOTRACK target: without CT it writes CT 0 anyway.)
        result["conntrack"] = result["conntrack"].Prepend(0).ToArray();

        return result;
    }

    // Restores the ruleset, dropping each refused rule, until it loads (false: gave up).
    internal static bool Load(NetNs ns, XtFamily family, string file, List<string> lines, string caps, int seed, DifferentialResult result)
    {
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (ok, error) = Restore(ns, family, file, lines, caps);
            if (ok)
            {
                return true;
            }

            int bad = FailingLine(ns, family, file, lines, caps, error);
            if (bad < 0)
            {
                return false;
            }

            result.RulesRejected++;
            foreach (Match x in Regex.Matches(lines[bad], @" -[mj] (\S+)"))
            {
                result.RefusedBy[x.Groups[1].Value] = result.RefusedBy.GetValueOrDefault(x.Groups[1].Value) + 1;
            }

            if (result.Rejections.Count < MaxDifferences)
            {
                result.Rejections.Add($"seed {seed}: {lines[bad]}\n    {Reason(error)}");
            }

            lines.RemoveAt(bad);
        }

        return false;
    }

    // The restore's own complaint: its last line that is not a warning or the "Try ... --help" hint.
    private static string Reason(string error) => error.Split('\n').Select(l => l.Trim())
        .LastOrDefault(l => l.Length > 0 && !l.StartsWith("Try ", StringComparison.Ordinal) && !l.StartsWith("Error occurred", StringComparison.Ordinal)
            && !l.StartsWith("warn", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("Warning", StringComparison.Ordinal)) ?? error.Trim();

    private static (bool Ok, string Error) Restore(NetNs ns, XtFamily family, string file, IEnumerable<string> lines, string caps)
    {
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
        (int code, string stdout, string stderr) = family == XtFamily.Arp
            ? NetNs.TryRunTool("unshare", "-m", "sh", "-c", $"{ArpBind} && ip netns exec {ns.Name} arptables-legacy-restore < {file}")
            : NetNs.TryRunTool("ip", "netns", "exec", ns.Name, "env", $"LD_PRELOAD={RevisionShim.Library}", $"KS_XT_REVISION_CAP={caps}",
                NetNs.FindTool(family == XtFamily.IPv4 ? "iptables-legacy-restore" : "ip6tables-legacy-restore")!, file);

        // arptables-legacy-restore reports "ERROR(line N): ..." on standard output and exits non-zero.
        return (code == 0 && !stdout.Contains("ERROR(line", StringComparison.Ordinal), stderr + stdout);
    }

    // Debian's arptables-legacy-save/-restore scripts run /usr/sbin/arptables, which the alternatives point at the nft
    // variant; inside a private mount namespace (unshare -m) it is the legacy tool, as the scripts' names promise.
    private static string ArpBind => "mount --bind /usr/sbin/arptables-legacy /usr/sbin/arptables";

    // The index of the line to drop: the one the error names, or, for a table the kernel refused at COMMIT, the first
    // rule whose table prefix fails on its own. -1 when it cannot be found.
    private static int FailingLine(NetNs ns, XtFamily family, string file, List<string> lines, string caps, string error)
    {
        var m = Regex.Match(error, @"line:? (\d+)");
        if (!m.Success)
        {
            m = Regex.Match(error, @"ERROR\(line (\d+)\)");
        }

        if (!m.Success)
        {
            return -1;
        }

        int index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
        if (index < 0 || index >= lines.Count)
        {
            return -1;
        }

        if (lines[index].StartsWith("-A ", StringComparison.Ordinal))
        {
            return index;
        }

        if (lines[index] != "COMMIT")
        {
            return -1;
        }

        // The table block ending at this COMMIT: its header lines, then its rules.
        int start = index;
        while (start > 0 && !lines[start].StartsWith('*'))
        {
            start--;
        }

        var header = lines.Skip(start).Take(index - start).Where(l => !l.StartsWith("-A ", StringComparison.Ordinal)).ToList();
        var rules = Enumerable.Range(start, index - start).Where(i => lines[i].StartsWith("-A ", StringComparison.Ordinal)).ToList();
        int lo = 1, hi = rules.Count;
        if (Restore(ns, family, file, header.Concat(rules.Select(i => lines[i])).Append("COMMIT"), caps).Ok)
        {
            return -1;
        }

        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            bool ok = Restore(ns, family, file, header.Concat(rules.Take(mid).Select(i => lines[i])).Append("COMMIT"), caps).Ok;
            if (ok)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return rules[lo - 1];
    }

    // Both dumps of every table the save tool printed, line by line.
    // iptables 1.8.9 registers only the highest revision of an extension that the kernel reports, and prints
    // "[unsupported revision]" for a rule of a lower one: the save runs under the same caps as the restore.
    private static void Compare(NetNs ns, XtFamily family, int fd, int ipsetSocket, string caps, int seed, DifferentialResult result)
    {
        string saved = family == XtFamily.Arp
            ? NetNs.RunTool("unshare", "-m", "sh", "-c", $"{ArpBind} && ip netns exec {ns.Name} arptables-legacy-save")
            : NetNs.RunTool("ip", "netns", "exec", ns.Name, "env", $"LD_PRELOAD={RevisionShim.Library}", $"KS_XT_REVISION_CAP={caps}",
                NetNs.FindTool(family == XtFamily.IPv4 ? "iptables-legacy-save" : "ip6tables-legacy-save")!);
        var expected = saved.Split('\n').Where(l => !l.StartsWith('#')).ToList();
        var text = new StringWriter { NewLine = "\n" };
        var seen = new List<string>();
        if (family == XtFamily.Arp)
        {
            var table = XtTableSnapshot.Read(family, fd, "filter");
            new ArptablesSaveWriter(text).WriteTable(table);
            Collect<ArptEntry>(table, seen);
        }
        else
        {
            foreach (string name in expected.Where(l => l.StartsWith('*')).Select(l => l.Substring(1)))
            {
                var table = XtTableSnapshot.Read(family, fd, name);
                new IptablesSaveWriter(text, counters: false, ipsetSocket).WriteTable(table);
                if (family == XtFamily.IPv4)
                {
                    Collect<IptEntry>(table, seen);
                }
                else
                {
                    Collect<Ip6tEntry>(table, seen);
                }
            }
        }

        var actual = text.ToString().Split('\n').ToList();

        result.RulesLoaded += expected.Count(l => l.StartsWith("-A ", StringComparison.Ordinal));
        result.Lines += expected.Count;
        foreach (string s in seen)
        {
            result.Seen[s] = result.Seen.GetValueOrDefault(s) + 1;
        }

        int n = Math.Max(expected.Count, actual.Count);
        for (int i = 0; i < n; i++)
        {
            string? e = i < expected.Count ? expected[i] : null;
            string? a = i < actual.Count ? actual[i] : null;
            if (e != a)
            {
                result.DifferingLines++;
                if (result.Differences.Count < MaxDifferences)
                {
                    result.Differences.Add($"seed {seed}, line {i + 1}:\n    save: {e ?? "(none)"}\n    dump: {a ?? "(none)"}");
                }
            }
        }
    }

    private static void Collect<TEntry>(XtTableSnapshot table, List<string> seen)
        where TEntry : unmanaged, IXtEntry
    {
        foreach (var e in table.GetEntries<TEntry>())
        {
            foreach (var m in e.Matches)
            {
                seen.Add($"match {Encoding.ASCII.GetString(m.Name)} {m.Revision}");
            }

            var t = e.Target;
            if (!t.IsStandard && !t.IsError)
            {
                seen.Add($"target {Encoding.ASCII.GetString(t.Name)} {t.Revision}");
            }
        }
    }
}
