using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using KernelStructs.Netfilter;
using KernelStructs.Samples.EbtablesSave;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>
/// ebtables through the typed API, each test in its own network namespace, against ebtables-legacy: GET_INFO,
/// GET_ENTRIES, GET_INIT_INFO and GET_INIT_ENTRIES on filter, nat and broute, the sample's save output against
/// ebtables-legacy-save, and SET_ENTRIES/SET_COUNTERS edits that ebtables-legacy -L shows. Needs a kernel with
/// ebtables; tests/vm/run.sh runs them on Debian's 6.1 kernel.
/// </summary>
[Trait("Category", "Kernel")]
public class EbtablesKernelTests
{
    internal static readonly string[] Tables = ["filter", "nat", "broute"];

    internal const string Ruleset = """
        *filter
        :INPUT ACCEPT
        :FORWARD DROP
        :OUTPUT ACCEPT
        :mychain RETURN
        :other ACCEPT
        -A INPUT -p IPv4 -i eth0 --ip-src 10.0.0.1 -j ACCEPT
        -A INPUT -p IPv4 --ip-dst 192.168.0.0/16 --ip-proto tcp --ip-dport 22 -j mychain
        -A INPUT -p ! IPv6 -s 00:11:22:33:44:55 -j DROP
        -A INPUT -d 01:00:5e:00:00:00/ff:ff:ff:80:00:00 --log-level info --log-prefix "mc" --log-ip -j CONTINUE
        -A INPUT -d Broadcast -p ARP -j ACCEPT
        -A INPUT -p IPv4 --ip-src ! 172.16.0.0/12 --ip-tos 0x10 --ip-proto udp --ip-sport 1000:2000 -j other
        -A FORWARD -i veth+ -o br0 --logical-in br1 -j ACCEPT
        -A FORWARD --mark 0x10/0xff -j ACCEPT
        -A FORWARD --mark ! 0x7 -j DROP
        -A FORWARD --pkttype-type broadcast -j DROP
        -A FORWARD -p 0x9000 -s ! 02:00:00:00:00:01 -j CONTINUE
        -A OUTPUT --limit 10/sec --limit-burst 5 -j ACCEPT
        -A OUTPUT --limit 3/min --limit-burst 1 -j DROP
        -A mychain -j mark --set-mark 0x5 --mark-target ACCEPT
        -A mychain -j mark --mark-or 0x100 --mark-target CONTINUE
        -A mychain -p IPv6 -j other
        *nat
        :PREROUTING ACCEPT
        :OUTPUT ACCEPT
        :POSTROUTING ACCEPT
        -A PREROUTING -d 00:11:22:33:44:55 -j dnat --to-dst 00:aa:bb:cc:dd:ee --dnat-target ACCEPT
        -A PREROUTING -p IPv4 -j redirect --redirect-target ACCEPT
        -A PREROUTING -p IPv4 --ip-proto icmp -j redirect --redirect-target DROP
        -A POSTROUTING -s 00:11:22:33:44:55 -j snat --to-src 00:aa:bb:cc:dd:ee --snat-target ACCEPT
        *broute
        :BROUTING ACCEPT
        -A BROUTING -p IPv4 --ip-proto udp --ip-sport 67:68 -j DROP
        """;

    [SkippableFact]
    public void Get_info_and_entries_of_every_table_agree_with_ebtables_legacy()
    {
        using var lab = EbtablesLab.Create();
        lab.Restore(Ruleset);

        foreach (string table in Tables)
        {
            EbtTableSnapshot now = EbtTableSnapshot.Read(lab.Fd, table);
            EbtTableSnapshot initial = EbtTableSnapshot.ReadInitial(lab.Fd, table);
            string listing = lab.Ebtables("-t", table, "-L");

            // "Bridge chain: NAME, entries: N, policy: P" for every chain, in blob order.
            var chains = new List<string>();
            int rules = 0;
            foreach (EbtChain chain in now.GetChains())
            {
                chains.Add($"Bridge chain: {System.Text.Encoding.ASCII.GetString(chain.Name)}, entries: {chain.RuleCount}, policy: {Policy(chain.Policy)}");
                Assert.Equal(rules, chain.CounterOffset);
                foreach (EbtRule rule in chain.Rules)
                {
                    Assert.False(rule.Target.Name.IsEmpty);
                    rules++;
                }
            }

            Assert.Equal(listing.Split('\n').Where(l => l.StartsWith("Bridge chain:", StringComparison.Ordinal)), chains);
            Assert.Equal(now.NumEntries, rules);
            Assert.Equal(now.NumEntries, now.NumCounters);
            Assert.Equal(table, now.Name);

            // The table as registered: the same hooks, each chain empty with policy ACCEPT.
            Assert.Equal(now.ValidHooks, initial.ValidHooks);
            Assert.Equal(0, initial.NumEntries);
            int hooks = 0;
            foreach (EbtChain chain in initial.GetChains())
            {
                Assert.Equal((0, Ebtables.EBT_ACCEPT), (chain.RuleCount, chain.Policy));
                hooks++;
            }

            Assert.Equal(System.Numerics.BitOperations.PopCount(now.ValidHooks), hooks);
        }
    }

    [SkippableFact]
    public void Walking_a_table_allocates_nothing()
    {
        using var lab = EbtablesLab.Create();
        lab.Restore(Ruleset);
        EbtTableSnapshot table = EbtTableSnapshot.Read(lab.Fd, "filter");

        int seen = 0;
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            seen = Walk(table.GetChains());
            if (round == 1)
            {
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        Assert.True(seen > table.NumEntries);
    }

    [SkippableFact]
    public void Save_is_byte_identical_to_ebtables_legacy_save() => AssertSaveMatches(counters: false);

    [SkippableFact]
    public void Save_with_counters_is_byte_identical_to_ebtables_legacy_save() => AssertSaveMatches(counters: true);

    [SkippableFact]
    public void Set_entries_and_set_counters_edits_show_in_ebtables_legacy_list()
    {
        using var lab = EbtablesLab.Create();
        lab.Restore(Ruleset);
        EbtTableSnapshot before = EbtTableSnapshot.Read(lab.Fd, "filter");

        // SET_COUNTERS adds to every rule's counters.
        var added = Enumerable.Range(1, before.NumEntries).Select(i => new EbtCounter { pcnt = (ulong)i, bcnt = (ulong)(100 * i) }).ToArray();
        EbtTableEdit.AddCounters(lab.Fd, "filter", added);
        string counted = lab.Ebtables("-t", "filter", "-L", "--Lc");
        Assert.Contains("-p IPv4 -i eth0 --ip-src 10.0.0.1 -j ACCEPT , pcnt = 1 -- bcnt = 100\n", counted, StringComparison.Ordinal);
        Assert.Contains("-p IPv6 -j other, pcnt = 16 -- bcnt = 1600\n", counted, StringComparison.Ordinal);

        // SET_ENTRIES: a rule appended to FORWARD (a chain before the user chains, so every jump moves), the old
        // counters read back through the header's pointer and given again with SET_COUNTERS.
        EbtTableSnapshot counters = EbtTableSnapshot.Read(lab.Fd, "filter");
        var rule = new EbtEntry { bitmask = 0x08 | 0x02 /* EBT_SOURCEMAC | EBT_NOPROTO */ };
        unsafe
        {
            byte[] mac = [0x02, 0x00, 0x5e, 0x10, 0x20, 0x30];
            for (int i = 0; i < 6; i++)
            {
                rule.sourcemac[i] = mac[i];
                rule.sourcemsk[i] = 0xff;
            }
        }

        (byte[] entries, EbtCounter[] relaid) = EbtTableEdit.AppendRule(counters, "FORWARD", EbtTableEdit.StandardRule(rule, Ebtables.EBT_DROP));
        var previous = new EbtCounter[counters.NumEntries];
        EbtTableEdit.Replace(lab.Fd, "filter", counters.ValidHooks, entries, counters.NumEntries + 1, previous);
        Assert.Equal(counters.Counters.ToArray(), previous);
        int newRule = -1;
        foreach (EbtChain chain in counters.GetChains())
        {
            if (chain.Name.SequenceEqual("FORWARD"u8))
            {
                newRule = chain.CounterOffset + chain.RuleCount;
            }
        }

        Assert.Equal(default, relaid[newRule]);
        relaid[newRule] = new EbtCounter { pcnt = 7, bcnt = 700 };
        EbtTableEdit.AddCounters(lab.Fd, "filter", relaid);

        string listed = lab.Ebtables("-t", "filter", "-L", "--Lc");
        Assert.Contains("Bridge chain: FORWARD, entries: 6, policy: DROP\n", listed, StringComparison.Ordinal);
        Assert.Contains("-s 2:0:5e:10:20:30 -j DROP , pcnt = 7 -- bcnt = 700\n", listed, StringComparison.Ordinal);
        Assert.Contains("--ip-proto tcp --ip-dport 22 -j mychain, pcnt = 2 -- bcnt = 200\n", listed, StringComparison.Ordinal);
        Assert.Contains("-p IPv6 -j other, pcnt = 16 -- bcnt = 1600\n", listed, StringComparison.Ordinal);
        Assert.Equal(before.NumEntries + 1, EbtTableSnapshot.Read(lab.Fd, "filter").NumEntries);
    }

    private static void AssertSaveMatches(bool counters)
    {
        using var lab = EbtablesLab.Create();
        Skip.IfNot(
            Path.GetFileName(ResolveLinks("/usr/sbin/ebtables")) == "ebtables-legacy",
            "ebtables-legacy-save runs /usr/sbin/ebtables, which does not point to ebtables-legacy here (Debian chooses ebtables-nft); the kernel lab points it to ebtables-legacy in its guest");
        lab.Restore(Ruleset);
        if (counters)
        {
            EbtTableSnapshot filter = EbtTableSnapshot.Read(lab.Fd, "filter");
            EbtTableEdit.AddCounters(lab.Fd, "filter", Enumerable.Range(0, filter.NumEntries).Select(i => new EbtCounter { pcnt = (ulong)(i * 3), bcnt = (ulong)i * 1_000_000_007 }).ToArray());
        }

        string expected = lab.Save(counters);
        var text = new StringWriter { NewLine = "\n" };
        var writer = new EbtablesSaveWriter(text, counters, EbtablesSaveWriter.ReadEthertypes(), EbtablesSaveWriter.ReadProtocols());
        foreach (string table in expected.Split('\n').Where(l => l.StartsWith('*')).Select(l => l.Substring(1)))
        {
            writer.WriteTable(EbtTableSnapshot.Read(lab.Fd, table, counters));
        }

        Assert.Equal(string.Concat(expected.Split('\n').Where(l => !l.StartsWith('#')).Select(l => l + "\n")).TrimEnd('\n') + "\n", text.ToString().TrimEnd('\n') + "\n");
        Assert.Equal(3, expected.Split('\n').Count(l => l.StartsWith('*')));
    }

    private static int Walk(EbtEntriesBlob blob)
    {
        int n = 0;
        foreach (EbtChain chain in blob)
        {
            n += chain.Name.Length > 0 ? 1 : 0;
            foreach (EbtRule rule in chain.Rules)
            {
                foreach (EbtExtension m in rule.Matches)
                {
                    n += m.Name.Length > 0 ? 1 : 0;
                }

                foreach (EbtExtension w in rule.Watchers)
                {
                    n += w.Name.Length > 0 ? 1 : 0;
                }

                n += rule.Target.Name.Length > 0 ? 1 : 0;
            }
        }

        return n;
    }

    private static string Policy(int verdict) => verdict switch
    {
        Ebtables.EBT_ACCEPT => "ACCEPT",
        Ebtables.EBT_DROP => "DROP",
        Ebtables.EBT_RETURN => "RETURN",
        _ => verdict.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string ResolveLinks(string path)
    {
        FileSystemInfo? target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? path;
    }

    /// <summary>A namespace with ebtables, a socket in it, and the legacy tools run inside it.</summary>
    internal sealed class EbtablesLab : IDisposable
    {
        private readonly Socket _socket;

        private EbtablesLab(NetNs ns, Socket socket)
        {
            Ns = ns;
            _socket = socket;
        }

        public NetNs Ns { get; }

        public int Fd => (int)_socket.Handle;

        public static EbtablesLab Create()
        {
            string? unavailable = NetNs.WhyUnavailable("ebtables-legacy", "ebtables-legacy-restore", "ebtables-legacy-save");
            Skip.If(unavailable is not null, unavailable);
            var ns = NetNs.Create();
            Socket? socket = null;
            try
            {
                socket = ns.Enter(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
                var info = default(EbtReplace);
                info.SetName("filter");
                KernelStructs.Netfilter.Ebtables.GetInfo((int)socket.Handle, ref info);
                return new EbtablesLab(ns, socket);
            }
            catch (SocketOptionException e) when (e.Errno == Errno.ENOPROTOOPT)
            {
                socket?.Dispose();
                ns.Dispose();
                throw new SkipException("this kernel has no ebtables (EBT_SO_GET_INFO answers ENOPROTOOPT); tests/vm/run.sh runs these tests on Debian's 6.1 kernel with ebtables");
            }
            catch
            {
                socket?.Dispose();
                ns.Dispose();
                throw;
            }
        }

        public string Ebtables(params string[] args) => Ns.Exec("ebtables-legacy", args);

        public void Restore(string rules)
        {
            string file = Path.GetTempFileName();
            try
            {
                File.WriteAllText(file, rules.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n");
                NetNs.RunTool("sh", "-c", $"ip netns exec {Ns.Name} ebtables-legacy-restore < {file}");
            }
            finally
            {
                File.Delete(file);
            }
        }

        public string Save(bool counters) => counters
            ? NetNs.RunTool("sh", "-c", $"EBTABLES_SAVE_COUNTER=yes ip netns exec {Ns.Name} ebtables-legacy-save")
            : Ns.Exec("ebtables-legacy-save");

        public void Dispose()
        {
            _socket.Dispose();
            Ns.Dispose();
        }
    }
}
