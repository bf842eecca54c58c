using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using KernelStructs.Netfilter;

namespace KernelStructs.Tests.Netfilter.Differential;

/// <summary>
/// Draws random <c>iptables-restore</c>/<c>ip6tables-restore</c> rulesets over the extensions the dump decodes and
/// their options, as iptables 1.8.9 parses them, from one seed. Rules go to user chains that nothing jumps to, so the
/// kernel checks each extension's payload and table but not its hooks; each rule's protocol matches what its
/// extensions need. <see cref="Caps"/> lowers some extensions' revisions (the revision shim makes iptables see a
/// kernel without the higher ones), so that every served revision is written, not only the highest.
/// </summary>
internal sealed class RulesetGenerator
{
    private static readonly string[] Tables = { "filter", "nat", "mangle", "raw" };

    private readonly Random _rng;
    private readonly bool _v6;
    private readonly Dictionary<string, int> _revision = new(StringComparer.Ordinal);
    private readonly List<Spec> _matches;
    private readonly List<Spec> _targets;

    /// <summary>Creates a generator for one ruleset.</summary>
    /// <param name="seed">The ruleset's seed.</param>
    /// <param name="family"><see cref="XtFamily.IPv4"/> or <see cref="XtFamily.IPv6"/>.</param>
    /// <param name="revisions">
    /// The revisions iptables can write for each extension with several (name → revisions, lowest first), for this
    /// kernel; a cap below them all leaves the extension out (iptables then falls back to an older one of another name).
    /// </param>
    public RulesetGenerator(int seed, XtFamily family, IReadOnlyDictionary<string, int[]> revisions)
    {
        _rng = new Random(seed);
        _v6 = family == XtFamily.IPv6;
        var caps = new List<string>();
        foreach (var (name, revs) in revisions.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (revs.Length == 0)
            {
                continue;
            }

            int chosen = revs[^1];
            if (revs.Length > 1 && _rng.Next(2) == 0)
            {
                chosen = revs[_rng.Next(revs.Length - 1)];
                caps.Add($"{name}={chosen}");
            }

            _revision[name] = chosen;
        }

        Caps = string.Join(',', caps);
        _matches = Matches().Where(s => s.Family.HasFlag(_v6 ? XtFamilies.IPv6 : XtFamilies.IPv4)).ToList();
        _targets = Targets().Where(s => s.Family.HasFlag(_v6 ? XtFamilies.IPv6 : XtFamilies.IPv4)).ToList();
    }

    /// <summary>The revision caps, <c>name=revision,...</c>, for the shim's <c>KS_XT_REVISION_CAP</c>.</summary>
    public string Caps { get; }

    /// <summary>Names of the extensions each generated rule uses, in order (for coverage).</summary>
    public List<string[]> RuleExtensions { get; } = new();

    /// <summary>A ruleset: every table with its built-in chains, <paramref name="chains"/> user chains and <paramref name="rules"/> rules.</summary>
    public string Next(int chains, int rules)
    {
        var text = new StringBuilder();
        var byTable = new Dictionary<string, List<string>>();
        foreach (string table in Tables)
        {
            byTable[table] = new List<string>();
        }

        for (int i = 0; i < rules; i++)
        {
            string table = Tables[_rng.Next(Tables.Length)];
            var (line, used) = Rule(table, $"ks{_rng.Next(chains)}", chains);
            byTable[table].Add(line);
            RuleExtensions.Add(used);
        }

        foreach (string table in Tables)
        {
            text.Append('*').Append(table).Append('\n');
            foreach (string builtin in Builtins(table))
            {
                text.Append(':').Append(builtin).Append(' ').Append(Pick("ACCEPT", "DROP")).Append(" [0:0]\n");
            }

            for (int c = 0; c < chains; c++)
            {
                text.Append(":ks").Append(c).Append(" - [0:0]\n");
            }

            foreach (string line in byTable[table])
            {
                text.Append(line).Append('\n');
            }

            text.Append("COMMIT\n");
        }

        return text.ToString();
    }

    private static string[] Builtins(string table) => table switch
    {
        "filter" => new[] { "INPUT", "FORWARD", "OUTPUT" },
        "nat" => new[] { "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING" },
        "mangle" => new[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
        _ => new[] { "PREROUTING", "OUTPUT" },
    };

    // One rule: header, matches that suit its protocol, a target that suits its table and protocol.
    private (string Line, string[] Extensions) Rule(string table, string chain, int chains)
    {
        Table = table;
        Chain = int.Parse(chain.AsSpan(2), CultureInfo.InvariantCulture);
        var used = new List<string>();
        string? proto = Pick(null, null, "tcp", "udp", "sctp", "dccp", _v6 ? "ipv6-icmp" : "icmp", "esp", "ah", "udplite", "ipcomp", _v6 ? "mh" : "47");

        // Now and then a target or match that wants a protocol first, and its protocol: drawn after a random protocol
        // they would be rare.
        Spec? first = null;
        if (Chance(4))
        {
            var wanting = (Chance(2) ? _targets : _matches).Where(s => s.Protocols is not null && s.Fits(table, s.Protocols[0])).ToList();
            if (wanting.Count > 0)
            {
                first = wanting[_rng.Next(wanting.Count)];
                proto = Pick(first.Protocols!);
            }
        }

        var sb = new StringBuilder("-A ").Append(chain);
        Header(sb, proto);

        int n = first is not null && _matches.Contains(first) ? 1 + _rng.Next(3) : _rng.Next(4);
        var taken = new HashSet<string>();
        for (int i = 0; i < n; i++)
        {
            var candidates = _matches.Where(s => s.Fits(table, proto) && !taken.Contains(s.Name)).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var spec = i == 0 && first is not null && _matches.Contains(first) ? first : candidates[_rng.Next(candidates.Count)];
            string? options = spec.Options(this, proto);
            if (options is null)
            {
                continue;
            }

            taken.Add(spec.Name);
            used.Add(spec.Name);
            sb.Append(" -m ").Append(spec.MatchName ?? spec.Name).Append(options);
        }

        int kind = first is not null && _targets.Contains(first) ? 0 : _rng.Next(10);
        if (kind < 6)
        {
            // A target that needs a match of its own (TCPMSS: a SYN match) only when no tcp match was drawn.
            var candidates = _targets.Where(s => s.Fits(table, proto) && (s.Requires is null || !taken.Contains("tcp"))).ToList();
            var spec = first is not null && candidates.Contains(first) ? first : candidates[_rng.Next(candidates.Count)];
            string? options = spec.Options(this, proto);
            if (options is not null)
            {
                used.Add(spec.Name);
                if (spec.Requires is not null && !taken.Contains("tcp"))
                {
                    used.Add("tcp");
                    sb.Append(spec.Requires);
                }

                sb.Append(" -j ").Append(spec.Name).Append(options);
            }
        }
        else if (kind < 9)
        {
            // Jumps go to a later chain only, so that no jump closes a loop (the kernel refuses loops).
            int from = int.Parse(chain.AsSpan(2), CultureInfo.InvariantCulture);
            string to = from + 1 < chains ? $"ks{Int(from + 1, chains - 1)}" : "ACCEPT";
            string goTo = to == "ACCEPT" ? " -j ACCEPT" : $" -g {to}";
            sb.Append(table == "nat" ? Pick(" -j ACCEPT", " -j RETURN", $" -j {to}", goTo) : Pick(" -j ACCEPT", " -j DROP", " -j RETURN", $" -j {to}", goTo));
        }

        return (sb.ToString(), used.ToArray());
    }

    // -s, -d, -i, -o, -p, -f, each now and then, inverted now and then.
    private void Header(StringBuilder sb, string? proto)
    {
        if (Chance(4))
        {
            sb.Append(Not()).Append(" -s ").Append(Network());
        }

        if (Chance(4))
        {
            sb.Append(Not()).Append(" -d ").Append(Network());
        }

        if (Chance(5))
        {
            sb.Append(Not()).Append(" -i ").Append(Interface());
        }

        if (Chance(5))
        {
            sb.Append(Not()).Append(" -o ").Append(Interface());
        }

        if (proto is not null)
        {
            sb.Append(" -p ").Append(proto);
        }
        else if (Chance(6))
        {
            sb.Append(" ! -p ").Append(Pick("tcp", "udp", "50", "132"));
        }

        if (!_v6 && proto is null && Chance(10))
        {
            sb.Append(Not()).Append(" -f");
        }
    }

    // ---- random values --------------------------------------------------------------------------------------------

    internal bool Chance(int oneIn) => _rng.Next(oneIn) == 0;

    internal int Int(int min, int max) => (int)_rng.NextInt64(min, (long)max + 1);

    internal string Not() => Chance(3) ? " !" : string.Empty;

    internal T Pick<T>(params T[] values) => values[_rng.Next(values.Length)];

    internal string Hex(uint max = uint.MaxValue) => "0x" + ((uint)_rng.NextInt64(0, (long)max + 1)).ToString("x", CultureInfo.InvariantCulture);

    internal uint UInt(uint max = uint.MaxValue) => (uint)_rng.NextInt64(0, (long)max + 1);

    internal int Revision(string name) => _revision.TryGetValue(name, out int r) ? r : int.MaxValue;

    internal bool V6 => _v6;

    /// <summary>The table of the rule being drawn.</summary>
    internal string Table { get; private set; } = "filter";

    /// <summary>The user chain (its number) of the rule being drawn.</summary>
    internal int Chain { get; private set; }

    // Rate estimators the RATEEST rules drawn so far create: table, chain, name. A rateest match may name one created
    // earlier in the blob (an earlier chain, or earlier in its chain), as the kernel checks entries in blob order.
    private readonly List<(string Table, int Chain, string Name)> _estimators = new();

    internal string DefineEstimator()
    {
        string name = Word(10);
        _estimators.Add((Table, Chain, name));
        return name;
    }

    internal string? Estimator()
    {
        var usable = _estimators.Where(e => e.Table == Table && e.Chain <= Chain).Select(e => e.Name).ToArray();
        return usable.Length == 0 ? null : Pick(usable);
    }

    internal string Interface() => Pick("eth0", "eth+", "lo", "veth1", "br-lan", "wlan0+", "x");

    internal string Address()
    {
        if (!_v6)
        {
            return $"{Int(0, 255)}.{Int(0, 255)}.{Int(0, 255)}.{Int(0, 255)}";
        }

        // The shapes glibc's inet_ntop treats apart: zero runs, IPv4-mapped and -compatible, ISATAP.
        return Pick(
            $"2001:db8:{Int(0, 0xffff):x}::{Int(1, 0xffff):x}",
            $"::ffff:{Int(0, 255)}.{Int(0, 255)}.{Int(0, 255)}.{Int(1, 255)}",
            $"::{Int(1, 255)}.{Int(0, 255)}.{Int(0, 255)}.{Int(0, 255)}",
            $"fe80::5efe:{Int(0, 255)}.{Int(0, 255)}.{Int(0, 255)}.{Int(0, 255)}",
            $"{Int(1, 0xffff):x}:0:{Int(0, 1):x}:0:0:{Int(0, 0xffff):x}:0:{Int(0, 0xffff):x}",
            "::",
            "::1",
            $"{Int(0, 0xffff):x}:{Int(0, 0xffff):x}:{Int(0, 0xffff):x}:{Int(0, 0xffff):x}:{Int(0, 0xffff):x}:{Int(0, 0xffff):x}:{Int(0, 0xffff):x}:{Int(0, 0xffff):x}");
    }

    // A unicast address a gateway can be (TEE refuses the zero address).
    internal string Host() => _v6 ? $"2001:db8:{Int(0, 0xffff):x}::{Int(1, 0xffff):x}" : $"{Int(1, 223)}.{Int(0, 255)}.{Int(0, 255)}.{Int(1, 254)}";

    // An IPv6 prefix of at most maxLength bits with no bits set past them (NPT refuses host bits).
    internal string Prefix6(int maxLength)
    {
        int length = Int(1, maxLength);
        var bytes = new byte[16];
        _rng.NextBytes(bytes);
        for (int bit = length; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new System.Net.IPAddress(bytes)}/{length}";
    }

    internal string Network()
    {
        string address = Address();
        return Int(0, 3) switch
        {
            0 => address,
            1 => $"{address}/{Int(0, _v6 ? 128 : 32)}",
            2 when !_v6 => $"{address}/{Int(0, 255)}.{Int(0, 255)}.0.{Int(0, 255)}",
            2 => $"{address}/ffff:{Int(0, 0xffff):x}::{Int(0, 0xffff):x}",
            _ => $"{address}/{Int(0, _v6 ? 128 : 32)}",
        };
    }

    internal string Port() => Int(0, 65535).ToString(CultureInfo.InvariantCulture);

    internal string PortRange(char separator = ':')
    {
        int a = Int(0, 65535), b = Int(a, 65535);
        return Chance(2) ? a.ToString(CultureInfo.InvariantCulture) : $"{a}{separator}{b}";
    }

    internal string Range(int min, int max, char separator = ':')
    {
        int a = Int(min, max), b = Int(a, max);
        return Chance(2) ? a.ToString(CultureInfo.InvariantCulture) : $"{a}{separator}{b}";
    }

    internal string ValueMask(uint max = uint.MaxValue) => Chance(2) ? Hex(max) : $"{Hex(max)}/{Hex(max)}";

    internal string Word(int max = 12)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
        int n = Int(1, max);
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++)
        {
            sb.Append(letters[_rng.Next(letters.Length)]);
        }

        return sb.ToString();
    }

    // A quoted string for iptables-restore, with characters xtables_save_string quotes and escapes.
    internal string Quoted(int max)
    {
        const string chars = "abcXYZ019 _-.:/'!@#%&*()[]{}";
        int n = Int(1, max);
        var sb = new StringBuilder("\"");
        for (int i = 0; i < n; i++)
        {
            int k = _rng.Next(chars.Length + 2);
            sb.Append(k == chars.Length ? "\\\"" : k == chars.Length + 1 ? "\\\\" : chars[k].ToString());
        }

        return sb.Append('"').ToString();
    }

    internal string Rate(bool hashlimit)
    {
        string unit = Pick("sec", "second", "min", "minute", "hour", "day");
        int max = unit.StartsWith("sec", StringComparison.Ordinal) ? 10000 : unit.StartsWith("min", StringComparison.Ordinal) ? 100000 : 1000000;
        return $"{Int(1, hashlimit ? max : Math.Min(max, 10000))}/{unit}";
    }

    // ---- the extensions --------------------------------------------------------------------------------------------

    /// <summary>An extension, where it can be used, and how its options are drawn (null: not this time).</summary>
    internal sealed record Spec(
        string Name, XtFamilies Family, string[]? Tables, string[]? Protocols, Func<RulesetGenerator, string?, string?> Options, string? MatchName = null, string? Requires = null)
    {
        public bool Fits(string table, string? proto) => (Tables is null || Tables.Contains(table)) && (Protocols is null || (proto is not null && Protocols.Contains(proto)));
    }

    private const XtFamilies Both = XtFamilies.Inet;
    private const XtFamilies Four = XtFamilies.IPv4;
    private const XtFamilies Six = XtFamilies.IPv6;

    private static readonly string[] PortProtocols = { "tcp", "udp", "sctp", "dccp", "udplite" };
    private static readonly string[] Mangle = { "mangle" };

    private static IEnumerable<Spec> Matches()
    {
        yield return new("addrtype", Both, null, null, static (g, p) =>
        {
            string[] types = g.V6 ? new[] { "UNICAST", "LOCAL", "MULTICAST", "UNSPEC" } : new[] { "UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST", "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE" };
            string List() => string.Join(',', Enumerable.Range(0, g.Int(1, 3)).Select(_ => g.Pick(types)).Distinct());
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --src-type ").Append(List());
            if (sb.Length == 0 || g.Chance(2)) sb.Append(g.Not()).Append(" --dst-type ").Append(List());
            if (g.Revision("addrtype") >= 1 && g.Chance(3)) sb.Append(g.Pick(" --limit-iface-in", " --limit-iface-out"));
            return sb.ToString();
        });
        yield return new("ah", Four, null, new[] { "ah" }, static (g, p) => $"{g.Not()} --ahspi {g.Range(0, int.MaxValue)}");
        yield return new("ah", Six, null, null, static (g, p) =>
            (g.Chance(2) ? $"{g.Not()} --ahspi {g.Range(0, int.MaxValue)}" : string.Empty) + (g.Chance(2) ? $"{g.Not()} --ahlen {g.Int(0, 255)}" : string.Empty) + (g.Chance(3) ? " --ahres" : string.Empty));
        // Revision 1 also takes a pinned eBPF program (--object-pinned), which needs a bpffs the test does not set up.
        yield return new("bpf", Both, null, null, static (g, p) =>
            " --bytecode \"" + g.Pick("4,48 0 0 9,21 0 1 6,6 0 0 1,6 0 0 0", "1,6 0 0 65535", "2,40 0 0 12,6 0 0 1") + "\"");

        // Revisions 1 and 2 take a cgroup2 path (the root, "/", is the one every kernel has) or a class id, not both.
        yield return new("cgroup", Both, null, null, static (g, p) => g.Revision("cgroup") == 0 || g.Chance(2)
            ? $"{g.Not()} --cgroup {g.Int(0, 0x7fffffff)}"
            : $"{g.Not()} --path /");
        yield return new("cluster", Both, null, null, static (g, p) =>
        {
            int total = g.Int(1, 32);
            return $" --cluster-total-nodes {total}{g.Not()} --cluster-local-node {g.Int(1, total)} --cluster-hash-seed {g.Hex()}";
        });
        yield return new("comment", Both, null, null, static (g, p) => " --comment " + (g.Chance(2) ? g.Word(20) : g.Quoted(40)));
        yield return new("connbytes", Both, null, null, static (g, p) =>
        {
            long a = g.UInt(), b = a + g.UInt();
            return $"{g.Not()} --connbytes {a}" + (g.Chance(2) ? $":{b}" : string.Empty) + $" --connbytes-mode {g.Pick("packets", "bytes", "avgpkt")} --connbytes-dir {g.Pick("original", "reply", "both")}";
        });
        yield return new("connlabel", Both, null, null, static (g, p) => $"{g.Not()} --label {g.Int(0, 127)}" + (g.Chance(3) ? " --set" : string.Empty));
        yield return new("connlimit", Both, null, null, static (g, p) =>
            $" --connlimit-{g.Pick("upto", "above")} {g.Int(0, 100000)}" + (g.Chance(2) ? $" --connlimit-mask {g.Int(0, g.V6 ? 128 : 32)}" : string.Empty) + g.Pick(string.Empty, " --connlimit-saddr", " --connlimit-daddr"));
        yield return new("connmark", Both, null, null, static (g, p) => $"{g.Not()} --mark {g.ValueMask()}");
        yield return new("conntrack", Both, null, null, static (g, p) =>
        {
            if (g.Revision("conntrack") < 1)
            {
                return null;
            }

            var sb = new StringBuilder();
            bool ranges = g.Revision("conntrack") >= 3;
            string Port() => ranges ? g.PortRange() : g.Port();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --ctstate ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("INVALID", "NEW", "ESTABLISHED", "RELATED", "UNTRACKED", "SNAT", "DNAT")).Distinct()));
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --ctproto ").Append(g.Pick("tcp", "udp", "6", "17", "132", "1"));
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctorigsrc ").Append(g.Network());
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctorigdst ").Append(g.Network());
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctreplsrc ").Append(g.Network());
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctrepldst ").Append(g.Network());
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctorigsrcport ").Append(Port());
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctorigdstport ").Append(Port());
            if (g.Chance(5)) sb.Append(g.Not()).Append(" --ctreplsrcport ").Append(Port());
            if (g.Chance(5)) sb.Append(g.Not()).Append(" --ctrepldstport ").Append(Port());
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --ctstatus ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 3)).Select(_ => g.Pick("NONE", "EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED")).Distinct()));
            if (g.Chance(4)) sb.Append(g.Not()).Append(" --ctexpire ").Append(g.Range(0, 1000000));
            if (g.Chance(5)) sb.Append(" --ctdir ").Append(g.Pick("ORIGINAL", "REPLY"));
            return sb.Length == 0 ? " --ctstate NEW" : sb.ToString();
        });
        yield return new("cpu", Both, null, null, static (g, p) => $"{g.Not()} --cpu {g.Int(0, 64)}");
        yield return new("dccp", Both, null, new[] { "dccp" }, static (g, p) =>
            (g.Chance(2) ? $"{g.Not()} --sport {g.PortRange()}" : string.Empty) + (g.Chance(2) ? $"{g.Not()} --dport {g.PortRange()}" : string.Empty)
            + (g.Chance(2) ? $"{g.Not()} --dccp-types " + string.Join(',', Enumerable.Range(0, g.Int(1, 3)).Select(_ => g.Pick("REQUEST", "RESPONSE", "DATA", "ACK", "DATAACK", "CLOSEREQ", "CLOSE", "RESET", "SYNC", "SYNCACK", "INVALID")).Distinct()) : string.Empty)
            + (g.Chance(3) ? $"{g.Not()} --dccp-option {g.Int(0, 255)}" : string.Empty));
        yield return new("devgroup", Both, null, null, static (g, p) =>
            (g.Chance(2) ? $"{g.Not()} --src-group {g.Pick("default", g.ValueMask(), g.Int(0, 255).ToString(CultureInfo.InvariantCulture))}" : string.Empty)
            + $"{g.Not()} --dst-group {g.ValueMask()}");
        yield return new("dscp", Both, null, null, static (g, p) => g.Chance(3) ? $"{g.Not()} --dscp-class {g.Pick("AF11", "AF23", "CS5", "EF", "BE")}" : $"{g.Not()} --dscp {g.Int(0, 63)}");
        yield return new("ecn", Both, null, new[] { "tcp" }, static (g, p) =>
            (g.Chance(2) ? $"{g.Not()} --ecn-tcp-cwr" : string.Empty) + (g.Chance(2) ? $"{g.Not()} --ecn-tcp-ece" : string.Empty) + $"{g.Not()} --ecn-ip-ect {g.Int(0, 3)}");
        yield return new("esp", Both, null, new[] { "esp" }, static (g, p) => $"{g.Not()} --espspi {g.Range(0, int.MaxValue)}");
        yield return new("hashlimit", Both, null, null, static (g, p) =>
        {
            int rev = g.Revision("hashlimit");
            var sb = new StringBuilder();
            bool bytes = rev >= 2 && g.Chance(3);
            sb.Append(" --hashlimit-").Append(g.Pick("upto", "above")).Append(' ');
            sb.Append(bytes ? $"{g.Int(1, 999)}{g.Pick("", "k", "m")}b/s" : g.Rate(true));
            if (!bytes && g.Chance(2)) sb.Append(" --hashlimit-burst ").Append(g.Int(1, 10000));
            if (g.Chance(2)) sb.Append(" --hashlimit-mode ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("srcip", "srcport", "dstip", "dstport")).Distinct()));
            sb.Append(" --hashlimit-name ").Append(g.Word(10));
            if (g.Chance(3)) sb.Append(" --hashlimit-htable-size ").Append(g.Int(1, 100000));
            if (g.Chance(3)) sb.Append(" --hashlimit-htable-max ").Append(g.Int(1, 100000));
            if (g.Chance(3)) sb.Append(" --hashlimit-htable-expire ").Append(g.Int(1, 100000));
            if (g.Chance(3)) sb.Append(" --hashlimit-htable-gcinterval ").Append(g.Int(1, 100000));
            if (g.Chance(3)) sb.Append(" --hashlimit-srcmask ").Append(g.Int(0, g.V6 ? 128 : 32));
            if (g.Chance(3)) sb.Append(" --hashlimit-dstmask ").Append(g.Int(0, g.V6 ? 128 : 32));
            if (rev >= 3 && g.Chance(3))
            {
                sb.Append(" --hashlimit-rate-match");
                if (g.Chance(2)) sb.Append(" --hashlimit-rate-interval ").Append(g.Int(1, 100));
            }

            return sb.ToString();
        });
        yield return new("helper", Both, null, null, static (g, p) => $"{g.Not()} --helper {g.Pick("ftp", "sip", "irc", "tftp", "amanda", "snmp", "h323", "pptp")}");
        yield return new("icmp", Four, null, new[] { "icmp" }, static (g, p) => $"{g.Not()} --icmp-type " + g.Pick("any", $"{g.Int(0, 254)}", $"{g.Int(0, 254)}/{g.Int(0, 255)}", "echo-request", "port-unreachable", "destination-unreachable"));
        yield return new("icmp6", Six, null, new[] { "ipv6-icmp" }, static (g, p) => $"{g.Not()} --icmpv6-type " + g.Pick($"{g.Int(0, 255)}", $"{g.Int(0, 255)}/{g.Int(0, 255)}", "echo-request", "packet-too-big", "neighbour-solicitation"));
        yield return new("ipcomp", Both, null, new[] { "ipcomp" }, static (g, p) => $"{g.Not()} --ipcompspi {g.Range(0, int.MaxValue)}" + (g.Chance(2) ? " --compres" : string.Empty));
        yield return new("iprange", Both, null, null, static (g, p) =>
            (g.Chance(2) ? $"{g.Not()} --src-range {g.Address()}-{g.Address()}" : string.Empty) + $"{g.Not()} --dst-range {g.Address()}-{g.Address()}");
        yield return new("length", Both, null, null, static (g, p) => $"{g.Not()} --length {g.Range(0, 65535)}");
        yield return new("limit", Both, null, null, static (g, p) => " --limit " + g.Rate(false) + (g.Chance(2) ? $" --limit-burst {g.Int(0, 10000)}" : string.Empty));
        yield return new("mac", Both, null, null, static (g, p) => $"{g.Not()} --mac-source {g.Int(0, 255):x2}:{g.Int(0, 255):x2}:{g.Int(0, 255):X2}:00:{g.Int(0, 255):x2}:{g.Int(0, 255):x2}");
        yield return new("mark", Both, null, null, static (g, p) => $"{g.Not()} --mark {g.ValueMask()}");
        yield return new("multiport", Both, null, PortProtocols, static (g, p) =>
        {
            var ports = new List<string>();
            int slots = g.Int(1, 15);
            while (slots > 0)
            {
                if (slots >= 2 && g.Chance(3))
                {
                    int a = g.Int(0, 65535);
                    ports.Add($"{a}:{g.Int(a, 65535)}");
                    slots -= 2;
                }
                else
                {
                    ports.Add(g.Port());
                    slots--;
                }
            }

            return $"{g.Not()} --{g.Pick("sports", "dports", "ports")} {string.Join(',', ports)}";
        });
        yield return new("nfacct", Both, null, null, static (g, p) => " --nfacct-name " + g.Pick("ks-acct1", "ks-acct2"));
        yield return new("osf", Four, null, new[] { "tcp" }, static (g, p) => $"{g.Not()} --genre {g.Pick("Linux", "Windows", "FreeBSD")}" + (g.Chance(2) ? $" --ttl {g.Int(0, 2)}" : string.Empty) + (g.Chance(2) ? $" --log {g.Int(0, 2)}" : string.Empty));
        yield return new("owner", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(3)) sb.Append(" --socket-exists");
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --uid-owner ").Append(g.Range(0, 70000, '-'));
            bool gid = g.Chance(2);
            if (gid) sb.Append(g.Not()).Append(" --gid-owner ").Append(g.Range(0, 70000, '-'));
            if (gid && g.Chance(2)) sb.Append(" --suppl-groups");
            return sb.Length == 0 ? " --socket-exists" : sb.ToString();
        });
        yield return new("physdev", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --physdev-in ").Append(g.Interface());
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --physdev-out ").Append(g.Interface());
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --physdev-is-in");
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --physdev-is-out");
            if (sb.Length == 0 || g.Chance(3)) sb.Append(g.Not()).Append(" --physdev-is-bridged");
            return sb.ToString();
        });
        yield return new("pkttype", Both, null, null, static (g, p) => $"{g.Not()} --pkt-type {g.Pick("unicast", "broadcast", "multicast", "otherhost", "host", "bcast", "mcast")}");
        yield return new("policy", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder($" --dir {g.Pick("in", "out")}");
            if (g.Chance(3))
            {
                return sb.Append(" --pol none").ToString();
            }

            sb.Append(" --pol ipsec");
            int elements = g.Int(0, 3);
            if (elements > 1 || (elements == 1 && g.Chance(2))) sb.Append(" --strict");
            for (int i = 0; i < elements; i++)
            {
                // Each element tests something (with --strict an empty one is refused); tunnel addresses need tunnel mode.
                if (i > 0) sb.Append(" --next");
                bool tunnel = g.Chance(2), any = false;
                if (g.Chance(2)) { sb.Append(g.Not()).Append(" --reqid ").Append(g.Int(0, int.MaxValue)); any = true; }
                if (g.Chance(2)) { sb.Append(g.Not()).Append(" --spi ").Append(g.Hex()); any = true; }
                if (g.Chance(2)) { sb.Append(g.Not()).Append(" --proto ").Append(g.Pick("esp", "ah", "ipcomp")); any = true; }
                if (tunnel || !any || g.Chance(2)) sb.Append(tunnel ? string.Empty : g.Not()).Append(" --mode ").Append(tunnel ? "tunnel" : "transport");
                if (tunnel && g.Chance(2)) sb.Append(g.Not()).Append(" --tunnel-src ").Append(g.Network());
                if (tunnel && g.Chance(2)) sb.Append(g.Not()).Append(" --tunnel-dst ").Append(g.Network());
            }

            return sb.ToString();
        });
        yield return new("quota", Both, null, null, static (g, p) => $"{g.Not()} --quota {(ulong)g.UInt() * g.UInt(3)}");
        yield return new("rateest", Both, null, null, static (g, p) =>
        {
            string? first = g.Estimator(), second = g.Estimator();
            if (first is null || second is null)
            {
                return null;
            }

            string Mode() => $"{g.Not()} {g.Pick("--rateest-lt", "--rateest-gt", "--rateest-eq")}";
            string Bps() => g.Pick($"{g.Int(0, 100000)}", $"{g.Int(1, 999)}kbit", $"{g.Int(1, 99)}mbit", $"{g.Int(1, 999)}bit");
            return g.Int(0, 2) switch
            {
                0 => g.Chance(2)
                    ? $" --rateest {first}{Mode()} --rateest-bps {Bps()}"
                    : $" --rateest {first}{Mode()} --rateest-pps {g.Int(0, 100000)}",
                1 => $" --rateest1 {first} --rateest2 {second} {g.Pick("--rateest-bps", "--rateest-pps")}{Mode()}",
                _ => g.Chance(2)
                    ? $" --rateest-delta --rateest1 {first} --rateest-bps1 {Bps()}{Mode()} --rateest2 {second} --rateest-bps2 {Bps()}"
                    : $" --rateest-delta --rateest1 {first} --rateest-pps1 {g.Int(0, 1000)}{Mode()} --rateest2 {second} --rateest-pps2 {g.Int(0, 1000)}",
            };
        });
        yield return new("realm", Four, null, null, static (g, p) => $"{g.Not()} --realm {g.ValueMask()}");
        yield return new("recent", Both, null, null, static (g, p) =>
        {
            string command = g.Pick("--set", "--rcheck", "--update", "--remove");
            var sb = new StringBuilder($"{g.Not()} {command} --name {g.Word(10)}");
            if (g.Chance(2)) sb.Append(g.Pick(" --rsource", " --rdest"));
            if (g.Revision("recent") >= 1 && g.Chance(3)) sb.Append(" --mask ").Append(g.Address());
            if (command is "--rcheck" or "--update")
            {
                bool seconds = g.Chance(2);
                if (seconds) sb.Append(" --seconds ").Append(g.Int(1, 100000));
                if (seconds && g.Chance(2)) sb.Append(" --reap");
                if (g.Chance(2)) sb.Append(" --hitcount ").Append(g.Int(1, 100));
                if (g.Chance(3)) sb.Append(" --rttl");
            }

            return sb.ToString();
        });
        yield return new("rpfilter", Both, new[] { "mangle", "raw" }, null, static (g, p) =>
            (g.Chance(2) ? " --loose" : string.Empty) + (g.Chance(2) ? " --validmark" : string.Empty) + (g.Chance(2) ? " --accept-local" : string.Empty) + (g.Chance(2) ? " --invert" : string.Empty));
        yield return new("sctp", Both, null, new[] { "sctp" }, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --sport ").Append(g.PortRange());
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --dport ").Append(g.PortRange());
            if (g.Chance(2))
            {
                string[] names = { "DATA", "INIT", "INIT_ACK", "SACK", "HEARTBEAT", "HEARTBEAT_ACK", "ABORT", "SHUTDOWN", "SHUTDOWN_ACK", "ERROR", "COOKIE_ECHO", "COOKIE_ACK", "ECN_ECNE", "ECN_CWR", "SHUTDOWN_COMPLETE", "ASCONF", "ASCONF_ACK", "FORWARD_TSN" };
                var chunks = Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick(names)).Distinct().Select(c => c switch
                {
                    "DATA" when g.Chance(2) => "DATA:" + g.Pick("I", "U", "B", "E", "iUbE", "Be"),
                    "ABORT" or "SHUTDOWN_COMPLETE" when g.Chance(2) => c + ":" + g.Pick("T", "t"),
                    _ => c,
                });
                sb.Append(g.Not()).Append(" --chunk-types ").Append(g.Pick("any", "all", "only")).Append(' ').Append(g.Chance(8) ? g.Pick("ALL", "NONE") : string.Join(',', chunks));
            }

            return sb.ToString();
        });
        yield return new("set", Both, null, null, static (g, p) =>
        {
            int rev = g.Revision("set");
            string set = g.V6 ? g.Pick("ks-ip6", "ks-net6", "ks-ipport6") : g.Pick("ks-ip", "ks-net", "ks-ipport");
            int dim = set.Contains("ipport", StringComparison.Ordinal) ? 2 : 1;
            var sb = new StringBuilder($"{g.Not()} --match-set {set} {string.Join(',', Enumerable.Range(0, g.Int(1, dim)).Select(_ => g.Pick("src", "dst")))}");
            if (rev >= 2 && g.Chance(3)) sb.Append(" --return-nomatch");
            if (rev >= 3)
            {
                if (g.Chance(3)) sb.Append(" ! --update-counters");
                if (g.Chance(3)) sb.Append(" ! --update-subcounters");
                if (g.Chance(3)) sb.Append(g.Pick(" --packets-eq ", " ! --packets-eq ", " --packets-lt ", " --packets-gt ")).Append(g.UInt());
                if (g.Chance(3)) sb.Append(g.Pick(" --bytes-eq ", " ! --bytes-eq ", " --bytes-lt ", " --bytes-gt ")).Append(g.UInt());
            }

            return sb.ToString();
        });
        yield return new("socket", Both, null, null, static (g, p) =>
        {
            int rev = g.Revision("socket");
            if (rev == 0)
            {
                return string.Empty;
            }

            return (g.Chance(2) ? " --transparent" : string.Empty) + (rev >= 2 && g.Chance(2) ? " --nowildcard" : string.Empty) + (rev >= 3 && g.Chance(2) ? " --restore-skmark" : string.Empty);
        });
        yield return new("state", Both, null, null, static (g, p) => $"{g.Not()} --state " + string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("INVALID", "NEW", "ESTABLISHED", "RELATED", "UNTRACKED")).Distinct()));
        yield return new("statistic", Both, null, null, static (g, p) => g.Chance(2)
            ? $" --mode random{g.Not()} --probability {g.Pick("0.5", "0.25", "0.1", "0.333333", "1", "0", (g.Int(0, 1000000) / 1e6).ToString("0.######", CultureInfo.InvariantCulture))}"
            : $" --mode nth{g.Not()} --every {g.Int(1, 1000)} --packet 0");
        yield return new("string", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder($" --algo {g.Pick("bm", "kmp")}");
            if (g.Chance(3)) sb.Append(" --from ").Append(g.Int(0, 1000));
            if (g.Chance(3)) sb.Append(" --to ").Append(g.Int(1000, 65535));
            if (g.Chance(2))
            {
                sb.Append(g.Not()).Append(" --string ").Append(g.Quoted(30));
            }
            else
            {
                sb.Append(g.Not()).Append(" --hex-string \"");
                int parts = g.Int(1, 3);
                bool hex = g.Chance(2);
                for (int i = 0; i < parts; i++, hex = !hex)
                {
                    sb.Append(hex ? "|" + string.Concat(Enumerable.Range(0, g.Int(1, 6)).Select(_ => g.Int(0, 255).ToString("x2", CultureInfo.InvariantCulture))) + "|" : g.Word(6));
                }

                sb.Append('"');
            }

            if (g.Chance(3)) sb.Append(" --icase");
            return sb.ToString();
        });
        yield return new("tcp", Both, null, new[] { "tcp" }, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --sport ").Append(g.PortRange());
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --dport ").Append(g.PortRange());
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --tcp-option ").Append(g.Int(1, 255));
            if (g.Chance(2))
            {
                string Flags() => g.Chance(6) ? g.Pick("ALL", "NONE") : string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("FIN", "SYN", "RST", "PSH", "ACK", "URG")).Distinct());
                sb.Append(g.Not()).Append(" --tcp-flags ").Append(Flags()).Append(' ').Append(Flags());
            }
            else if (g.Chance(4))
            {
                sb.Append(g.Not()).Append(" --syn");
            }

            return sb.ToString();
        });
        yield return new("tcpmss", Both, null, new[] { "tcp" }, static (g, p) => $"{g.Not()} --mss {g.Range(0, 65535)}");
        yield return new("time", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            int start = g.Int(0, 86399), stop = g.Int(0, 86399);
            bool daytime = g.Chance(2);
            if (daytime) sb.Append($" --timestart {start / 3600:00}:{start / 60 % 60:00}:{start % 60:00} --timestop {stop / 3600:00}:{stop / 60 % 60:00}:{stop % 60:00}");
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --monthdays ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 5)).Select(_ => g.Int(1, 31)).Distinct()));
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --weekdays ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "1", "7")).Distinct()));
            if (g.Chance(3)) sb.Append(" --datestart ").Append(DateTimeOffset.FromUnixTimeSeconds(g.UInt(int.MaxValue)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            if (g.Chance(3)) sb.Append(" --datestop ").Append(DateTimeOffset.FromUnixTimeSeconds(g.UInt(int.MaxValue)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (g.Chance(3)) sb.Append(g.Pick(" --kerneltz", " --utc"));
            if (daytime && start > stop && g.Chance(2)) sb.Append(" --contiguous");
            return sb.Length == 0 ? " --kerneltz" : sb.ToString();
        });
        yield return new("tos", Both, null, null, static (g, p) => $"{g.Not()} --tos " + g.Pick(g.ValueMask(255), "Minimize-Delay", "Normal-Service", "Maximize-Throughput"));
        yield return new("ttl", Four, null, null, static (g, p) => $"{g.Pick(" --ttl-eq", " ! --ttl-eq", " --ttl-lt", " --ttl-gt")} {g.Int(0, 255)}");
        yield return new("u32", Both, null, null, static (g, p) =>
        {
            string Location() => g.Int(0, 3) switch
            {
                0 => $"{g.Int(0, 60)}",
                1 => $"{g.Int(0, 20)}>>{g.Int(0, 31)}&{g.Hex()}",
                2 => $"0>>22&0x3C@{g.Int(0, 20)}>>{g.Int(0, 31)}",
                _ => $"{g.Hex(255)}<<{g.Int(0, 8)}&{g.Hex()}",
            };
            string Values() => string.Join(',', Enumerable.Range(0, g.Int(1, 3)).Select(_ => g.Chance(2) ? g.Hex() : $"{g.Int(0, 1000)}:{g.Int(1000, 100000)}"));
            return $"{g.Not()} --u32 \"{string.Join("&&", Enumerable.Range(0, g.Int(1, 3)).Select(_ => $"{Location()}={Values()}"))}\"";
        });
        yield return new("udp", Both, null, new[] { "udp" }, static (g, p) =>
            (g.Chance(2) ? $"{g.Not()} --sport {g.PortRange()}" : string.Empty) + (g.Chance(2) ? $"{g.Not()} --dport {g.PortRange()}" : string.Empty));

        // ip6_tables only.
        yield return new("dst", Six, null, null, static (g, p) => Ip6Opts(g, "dst"));
        yield return new("hbh", Six, null, null, static (g, p) => Ip6Opts(g, "hbh"));
        yield return new("eui64", Six, null, null, static (g, p) => string.Empty);
        yield return new("frag", Six, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --fragid ").Append(g.Range(0, int.MaxValue));
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --fraglen ").Append(g.Int(0, 255));
            if (g.Chance(3)) sb.Append(" --fragres");
            if (g.Chance(3)) sb.Append(g.Pick(" --fragfirst", " --fragmore", " --fraglast"));
            return sb.ToString();
        });
        yield return new("hl", Six, null, null, static (g, p) => $"{g.Pick(" --hl-eq", " ! --hl-eq", " --hl-lt", " --hl-gt")} {g.Int(0, 255)}");
        yield return new("ipv6header", Six, null, null, static (g, p) =>
            $"{g.Not()} --header {string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("hop", "dst", "route", "frag", "auth", "esp", "none", "prot", "ipv6-opts", "ah")).Distinct())}" + (g.Chance(2) ? " --soft" : string.Empty));
        yield return new("mh", Six, null, new[] { "mh" }, static (g, p) => $"{g.Not()} --mh-type {g.Pick(g.Range(0, 255), "binding-update", "home-test")}");
        yield return new("rt", Six, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            bool type0 = g.Chance(2);
            sb.Append(type0 ? string.Empty : g.Not()).Append(" --rt-type ").Append(type0 ? 0 : g.Int(1, 255));
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --rt-segsleft ").Append(g.Range(0, int.MaxValue));
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --rt-len ").Append(g.Int(0, 255));
            if (type0 && g.Chance(3)) sb.Append(" --rt-0-res");
            if (type0 && g.Chance(2))
            {
                sb.Append(" --rt-0-addrs ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Address())));
                if (g.Chance(2)) sb.Append(" --rt-0-not-strict");
            }

            return sb.ToString();
        });
        yield return new("srh", Six, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(g.Not()).Append(" --srh-next-hdr ").Append(g.Int(0, 255));
            if (g.Chance(3)) sb.Append(g.Not()).Append(g.Pick(" --srh-hdr-len-eq ", " --srh-hdr-len-gt ", " --srh-hdr-len-lt ")).Append(g.Int(0, 255));
            if (g.Chance(3)) sb.Append(g.Not()).Append(g.Pick(" --srh-segs-left-eq ", " --srh-segs-left-gt ", " --srh-segs-left-lt ")).Append(g.Int(0, 255));
            if (g.Chance(3)) sb.Append(g.Not()).Append(g.Pick(" --srh-last-entry-eq ", " --srh-last-entry-gt ", " --srh-last-entry-lt ")).Append(g.Int(0, 255));
            if (g.Chance(3)) sb.Append(g.Not()).Append(" --srh-tag ").Append(g.Int(0, 65535));
            if (g.Revision("srh") >= 1)
            {
                if (g.Chance(3)) sb.Append(g.Not()).Append(" --srh-psid ").Append(g.Address()).Append('/').Append(g.Int(0, 128));
                if (g.Chance(3)) sb.Append(g.Not()).Append(" --srh-nsid ").Append(g.Address()).Append('/').Append(g.Int(0, 128));
                if (g.Chance(3)) sb.Append(g.Not()).Append(" --srh-lsid ").Append(g.Address()).Append('/').Append(g.Int(0, 128));
            }

            return sb.Length == 0 ? " --srh-tag 1" : sb.ToString();
        });
    }

    private static string Ip6Opts(RulesetGenerator g, string name)
    {
        var sb = new StringBuilder();
        if (g.Chance(2)) sb.Append(g.Not()).Append($" --{name}-len ").Append(g.Int(0, 255));
        if (g.Chance(2)) sb.Append($" --{name}-opts ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 5)).Select(_ => g.Chance(2) ? $"{g.Int(0, 255)}" : $"{g.Int(0, 255)}:{g.Int(0, 254)}")));
        return sb.Length == 0 ? $" --{name}-len 0" : sb.ToString();
    }

    private static IEnumerable<Spec> Targets()
    {
        yield return new("AUDIT", Both, null, null, static (g, p) => $" --type {g.Pick("accept", "drop", "reject")}");
        yield return new("CHECKSUM", Both, Mangle, null, static (g, p) => " --checksum-fill");
        yield return new("CLASSIFY", Both, null, null, static (g, p) => $" --set-class {g.Int(0, 0xffff):x}:{g.Int(0, 0xffff):x}");
        yield return new("CONNMARK", Both, null, null, static (g, p) =>
        {
            string shift = g.Revision("CONNMARK") >= 2 && g.Chance(3) ? $" --{g.Pick("left", "right")}-shift-mark {g.Int(0, 31)}" : string.Empty;
            return g.Int(0, 6) switch
            {
                0 => $" --set-xmark {g.ValueMask()}" + shift,
                1 => $" --save-mark" + (g.Chance(2) ? $" --nfmask {g.Hex()} --ctmask {g.Hex()}" : string.Empty) + shift,
                2 => $" --restore-mark" + (g.Chance(2) ? $" --mask {g.Hex()}" : string.Empty) + shift,
                3 => $" --set-mark {g.ValueMask()}",
                4 => $" --and-mark {g.Hex()}",
                5 => $" --or-mark {g.Hex()}",
                _ => $" --xor-mark {g.Hex()}",
            };
        });
        yield return new("CONNSECMARK", Both, Mangle, null, static (g, p) => g.Pick(" --save", " --restore"));
        yield return new("CT", Both, new[] { "raw" }, null, static (g, p) =>
        {
            if (g.Chance(4))
            {
                return " --notrack";
            }

            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(" --ctevents ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick("new", "related", "destroy", "reply", "assured", "protoinfo", "helper", "mark", "natseqinfo", "secmark")).Distinct()));
            if (g.Chance(3)) sb.Append(" --expevents new");
            // Revisions 0 and 1 take a zone id only; revision 2 adds the direction and the mark.
            bool rev2 = g.Revision("CT") >= 2;
            if (g.Chance(2)) sb.Append(rev2 ? g.Pick(" --zone ", " --zone-orig ", " --zone-reply ") : " --zone ").Append(rev2 && g.Chance(3) ? "mark" : g.Int(0, 65535).ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        });
        yield return new("NOTRACK", Both, new[] { "raw" }, null, static (g, p) => string.Empty);
        yield return new("DNAT", Both, new[] { "nat" }, null, static (g, p) => Nat(g, p, "--to-destination", g.Revision("DNAT") >= 2, randomFully: false));
        yield return new("SNAT", Both, new[] { "nat" }, null, static (g, p) => Nat(g, p, "--to-source", false, randomFully: true));
        yield return new("MASQUERADE", Both, new[] { "nat" }, null, static (g, p) => Ports(g, p, randomFully: true));
        yield return new("REDIRECT", Both, new[] { "nat" }, null, static (g, p) => Ports(g, p, randomFully: false));
        yield return new("NETMAP", Both, new[] { "nat" }, null, static (g, p) => $" --to {g.Address()}/{g.Int(0, g.V6 ? 128 : 32)}");
        yield return new("DSCP", Both, Mangle, null, static (g, p) => g.Chance(3) ? $" --set-dscp-class {g.Pick("AF11", "AF42", "CS3", "EF", "BE")}" : $" --set-dscp {g.Int(0, 63)}");
        yield return new("ECN", Four, Mangle, new[] { "tcp" }, static (g, p) =>
            g.Chance(3) ? " --ecn-tcp-remove" : (g.Chance(2) ? $" --ecn-tcp-cwr {g.Int(0, 1)}" : string.Empty) + (g.Chance(2) ? $" --ecn-tcp-ece {g.Int(0, 1)}" : string.Empty) + $" --ecn-ip-ect {g.Int(0, 3)}");
        yield return new("HL", Six, Mangle, null, static (g, p) => $" --hl-{g.Pick("set", "dec", "inc")} {g.Int(1, 255)}");
        yield return new("TTL", Four, Mangle, null, static (g, p) => $" --ttl-{g.Pick("set", "dec", "inc")} {g.Int(1, 255)}");
        yield return new("HMARK", Both, null, null, static (g, p) =>
        {
            // Either --hmark-tuple (which sets the masks) or masks of one's own: each mask only once, and no SPI mask with port masks.
            var sb = new StringBuilder($" --hmark-mod {g.Int(1, 1000)} --hmark-rnd {g.Hex()}");
            if (g.Chance(2)) sb.Append(" --hmark-offset ").Append(g.Int(0, 100000));
            if (g.Chance(2))
            {
                bool spi = g.Chance(3);
                var fields = spi ? new[] { "src", "dst", "spi", "ct" } : new[] { "src", "dst", "sport", "dport", "ct" };
                sb.Append(" --hmark-tuple ").Append(string.Join(',', Enumerable.Range(0, g.Int(1, 4)).Select(_ => g.Pick(fields)).Distinct()));
            }
            else
            {
                sb.Append(" --hmark-src-prefix ").Append(g.Int(0, g.V6 ? 128 : 32));
                if (g.Chance(2)) sb.Append(" --hmark-dst-prefix ").Append(g.Int(0, g.V6 ? 128 : 32));
                if (g.Chance(3))
                {
                    sb.Append(" --hmark-spi-mask ").Append(g.Hex());
                }
                else
                {
                    if (g.Chance(3)) sb.Append(" --hmark-sport-mask ").Append(g.Hex(0xffff));
                    if (g.Chance(3)) sb.Append(" --hmark-dport-mask ").Append(g.Hex(0xffff));
                }
            }

            if (g.Chance(3)) sb.Append(" --hmark-proto-mask ").Append(g.Hex(0xff));
            return sb.ToString();
        });
        yield return new("IDLETIMER", Both, null, null, static (g, p) => $" --timeout {g.Int(1, 100000)} --label {g.Word(20)}" + (g.Revision("IDLETIMER") >= 1 && g.Chance(2) ? " --alarm" : string.Empty));
        yield return new("LOG", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(" --log-prefix ").Append(g.Chance(2) ? g.Word(20) : g.Quoted(25));
            if (g.Chance(2)) sb.Append(" --log-level ").Append(g.Pick("0", "3", "4", "7", "debug", "emerg", "warning"));
            if (g.Chance(3)) sb.Append(" --log-tcp-sequence");
            if (g.Chance(3)) sb.Append(" --log-tcp-options");
            if (g.Chance(3)) sb.Append(" --log-ip-options");
            if (g.Chance(3)) sb.Append(" --log-uid");
            if (g.Chance(3)) sb.Append(" --log-macdecode");
            return sb.ToString();
        });
        yield return new("MARK", Both, null, null, static (g, p) => g.Int(0, 4) switch
        {
            0 => $" --set-xmark {g.ValueMask()}",
            1 => $" --set-mark {g.ValueMask()}",
            2 => $" --and-mark {g.Hex()}",
            3 => $" --or-mark {g.Hex()}",
            _ => $" --xor-mark {g.Hex()}",
        });
        yield return new("NFLOG", Both, null, null, static (g, p) =>
        {
            var sb = new StringBuilder();
            if (g.Chance(2)) sb.Append(" --nflog-group ").Append(g.Int(0, 65535));
            if (g.Chance(2)) sb.Append(" --nflog-prefix ").Append(g.Chance(2) ? g.Word(30) : g.Quoted(40));
            if (g.Chance(3)) sb.Append(g.Pick(" --nflog-size ", " --nflog-range ")).Append(g.UInt());
            if (g.Chance(3)) sb.Append(" --nflog-threshold ").Append(g.Int(1, 100));
            return sb.ToString();
        });
        yield return new("NFQUEUE", Both, null, null, static (g, p) =>
        {
            int rev = g.Revision("NFQUEUE");
            int first = g.Int(0, 60000);
            bool balance = rev >= 1 && g.Chance(2);
            var sb = new StringBuilder(balance ? $" --queue-balance {first}:{g.Int(first + 1, 65535)}" : $" --queue-num {first}");
            if (rev >= 2 && g.Chance(2)) sb.Append(" --queue-bypass");
            if (rev >= 3 && balance && g.Chance(2)) sb.Append(" --queue-cpu-fanout");
            return sb.ToString();
        });
        yield return new("RATEEST", Both, null, null, static (g, p) =>
        {
            // The averaging time is 2^ewma_log intervals, ewma_log at least 1.
            string[] times = { "250ms", "500ms", "1s", "2s", "4s", "8s" };
            int interval = g.Int(0, times.Length - 1);
            int ewma = g.Int(interval + 1, interval + 4);
            return $" --rateest-name {g.DefineEstimator()} --rateest-interval {times[interval]} --rateest-ewmalog {(ewma < times.Length ? times[ewma] : $"{1 << (ewma - 2)}s")}";
        });
        yield return new("REJECT", Both, new[] { "filter" }, null, static (g, p) => " --reject-with " + (g.V6
            ? g.Pick("icmp6-no-route", "no-route", "icmp6-adm-prohibited", "icmp6-addr-unreachable", "icmp6-port-unreachable", "icmp6-policy-fail", "icmp6-reject-route", p == "tcp" ? "tcp-reset" : "icmp6-port-unreachable")
            : g.Pick("icmp-net-unreachable", "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-port-unreachable", "icmp-net-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited", p == "tcp" ? "tcp-reset" : "icmp-port-unreachable")));
        yield return new("SET", Both, null, null, static (g, p) =>
        {
            int rev = g.Revision("SET");
            string Set() => (g.V6 ? g.Pick("ks-ip6", "ks-net6") : g.Pick("ks-ip", "ks-net")) + " " + g.Pick("src", "dst");
            var sb = new StringBuilder();
            bool add = g.Chance(2);
            if (add) sb.Append(" --add-set ").Append(Set());
            if (!add || g.Chance(2)) sb.Append(" --del-set ").Append(Set());
            if (rev >= 2 && add && g.Chance(2)) sb.Append(" --exist");
            if (rev >= 2 && add && g.Chance(2)) sb.Append(" --timeout ").Append(g.Int(0, 100000));
            if (rev >= 3 && g.Table == "mangle" && g.Chance(3)) sb.Append(" --map-set ").Append(g.V6 ? "ks-map6" : "ks-map").Append(" dst").Append(g.Chance(2) ? " --map-mark" : string.Empty).Append(g.Chance(2) ? " --map-prio" : string.Empty);
            return sb.ToString();
        });
        yield return new("SYNPROXY", Both, new[] { "filter" }, new[] { "tcp" }, static (g, p) =>
            (g.Chance(2) ? " --sack-perm" : string.Empty) + (g.Chance(2) ? " --timestamp" : string.Empty) + (g.Chance(2) ? $" --wscale {g.Int(0, 14)}" : string.Empty) + (g.Chance(2) ? $" --mss {g.Int(0, 65535)}" : string.Empty) + (g.Chance(3) ? " --ecn" : string.Empty));
        yield return new("TCPMSS", Both, null, new[] { "tcp" }, static (g, p) => g.Chance(2) ? " --clamp-mss-to-pmtu" : $" --set-mss {g.Int(0, 65534)}", Requires: " -m tcp --tcp-flags SYN,RST SYN");
        yield return new("TCPOPTSTRIP", Both, Mangle, new[] { "tcp" }, static (g, p) => " --strip-options " + string.Join(',', Enumerable.Range(0, g.Int(1, 5)).Select(_ => g.Pick($"{g.Int(2, 255)}", "mss", "wscale", "sack-permitted", "sack", "timestamp", "md5")).Distinct()));
        yield return new("TEE", Both, Mangle, null, static (g, p) => $" --gateway {g.Host()}" + (g.Chance(2) ? $" --oif {g.Interface().TrimEnd('+')}" : string.Empty));
        yield return new("TOS", Both, Mangle, null, static (g, p) => g.Int(0, 4) switch
        {
            0 => $" --set-tos {g.ValueMask(255)}",
            1 => $" --set-tos {g.Pick("Minimize-Delay", "Normal-Service", "Maximize-Reliability")}",
            2 => $" --and-tos {g.Hex(255)}",
            3 => $" --or-tos {g.Hex(255)}",
            _ => $" --xor-tos {g.Hex(255)}",
        });
        yield return new("TPROXY", Both, Mangle, new[] { "tcp", "udp" }, static (g, p) =>
            $" --on-port {g.Int(0, 65535)}" + (g.Chance(2) ? $" --on-ip {g.Address()}" : string.Empty) + (g.Chance(2) ? $" --tproxy-mark {g.ValueMask()}" : string.Empty));
        yield return new("TRACE", Both, new[] { "raw" }, null, static (g, p) => string.Empty);
        yield return new("SNPT", Six, Mangle, null, static (g, p) => $" --src-pfx {g.Prefix6(64)} --dst-pfx {g.Prefix6(64)}");
        yield return new("DNPT", Six, Mangle, null, static (g, p) => $" --src-pfx {g.Prefix6(64)} --dst-pfx {g.Prefix6(64)}");
    }

    private static bool HasPorts(string? proto) => proto is "tcp" or "udp" or "sctp" or "dccp" || (proto == "icmp");

    // --to-destination/--to-source: [addr[-addr]][:port[-port[/base]]] (IPv6 with ports in brackets), and the flags.
    private static string Nat(RulesetGenerator g, string? proto, string option, bool offset, bool randomFully)
    {
        var sb = new StringBuilder();
        bool ports = HasPorts(proto) && g.Chance(2);
        bool ips = !ports || g.Chance(2);
        string range = string.Empty;
        if (ips)
        {
            range = g.Address();
            if (g.Chance(2)) range += "-" + g.Address();
        }

        if (ports)
        {
            int a = g.Int(1, 65535), b = g.Int(a, 65535);
            string p = g.Chance(2) ? $"{a}" : $"{a}-{b}";
            if (offset && a != b && g.Chance(3)) p += "/" + g.Int(1, 65535);
            range = (ips && g.V6 ? $"[{range}]" : range) + ":" + p;
        }

        sb.Append(' ').Append(option).Append(' ').Append(range);
        if (g.Chance(3)) sb.Append(" --random");
        if (randomFully && g.Chance(4)) sb.Append(" --random-fully");
        if (g.Chance(4)) sb.Append(" --persistent");
        return sb.ToString();
    }

    // MASQUERADE/REDIRECT: [--to-ports port[-port]] [--random] [--random-fully].
    private static string Ports(RulesetGenerator g, string? proto, bool randomFully)
    {
        var sb = new StringBuilder();
        if (HasPorts(proto) && proto != "icmp" && g.Chance(2)) sb.Append(" --to-ports ").Append(g.Range(1, 65535, '-'));
        if (g.Chance(3)) sb.Append(" --random");
        if (randomFully && g.Chance(4)) sb.Append(" --random-fully");
        return sb.ToString();
    }
}
