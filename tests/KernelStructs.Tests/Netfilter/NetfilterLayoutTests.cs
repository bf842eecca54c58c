using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using KernelStructs.Netfilter;
using KernelStructs.Tests.SocketOptions;
using Xunit;

namespace KernelStructs.Tests.Netfilter;

/// <summary>The netfilter mirrors against gcc and the uapi headers of this machine.</summary>
public class NetfilterLayoutTests
{
    private const string Includes = """
        #include <linux/netfilter_ipv4/ip_tables.h>
        #include <linux/netfilter_ipv6/ip6_tables.h>
        #include <linux/netfilter_arp/arp_tables.h>
        #include <linux/netfilter_bridge/ebtables.h>
        #include <linux/ip_vs.h>
        """;

    // C type → the mirror's generated SizeOf (C's size, tail padding before a flexible array included) and what
    // the CLR makes of the declaration (the generator states C's size where the CLR would stop short).
    private static readonly (string C, int SizeOf, int Clr)[] Sizes =
    {
        ("struct xt_entry_match", XtEntryMatch.SizeOf, Unsafe.SizeOf<XtEntryMatch>()),
        ("struct xt_entry_target", XtEntryTarget.SizeOf, Unsafe.SizeOf<XtEntryTarget>()),
        ("struct xt_standard_target", XtStandardTarget.SizeOf, Unsafe.SizeOf<XtStandardTarget>()),
        ("struct xt_error_target", XtErrorTarget.SizeOf, Unsafe.SizeOf<XtErrorTarget>()),
        ("struct xt_get_revision", XtGetRevision.SizeOf, Unsafe.SizeOf<XtGetRevision>()),
        ("struct xt_counters", XtCounters.SizeOf, Unsafe.SizeOf<XtCounters>()),
        ("struct xt_counters_info", XtCountersInfo.SizeOf, Unsafe.SizeOf<XtCountersInfo>()),
        ("struct ipt_ip", IptIp.SizeOf, Unsafe.SizeOf<IptIp>()),
        ("struct ipt_entry", IptEntry.SizeOf, Unsafe.SizeOf<IptEntry>()),
        ("struct ipt_getinfo", IptGetInfo.SizeOf, Unsafe.SizeOf<IptGetInfo>()),
        ("struct ipt_get_entries", IptGetEntries.SizeOf, Unsafe.SizeOf<IptGetEntries>()),
        ("struct ipt_replace", IptReplace.SizeOf, Unsafe.SizeOf<IptReplace>()),
        ("struct in6_addr", In6Addr.SizeOf, Unsafe.SizeOf<In6Addr>()),
        ("struct ip6t_ip6", Ip6tIp6.SizeOf, Unsafe.SizeOf<Ip6tIp6>()),
        ("struct ip6t_entry", Ip6tEntry.SizeOf, Unsafe.SizeOf<Ip6tEntry>()),
        ("struct ip6t_getinfo", Ip6tGetInfo.SizeOf, Unsafe.SizeOf<Ip6tGetInfo>()),
        ("struct ip6t_get_entries", Ip6tGetEntries.SizeOf, Unsafe.SizeOf<Ip6tGetEntries>()),
        ("struct ip6t_replace", Ip6tReplace.SizeOf, Unsafe.SizeOf<Ip6tReplace>()),
        ("struct arpt_devaddr_info", ArptDevaddrInfo.SizeOf, Unsafe.SizeOf<ArptDevaddrInfo>()),
        ("struct arpt_arp", ArptArp.SizeOf, Unsafe.SizeOf<ArptArp>()),
        ("struct arpt_entry", ArptEntry.SizeOf, Unsafe.SizeOf<ArptEntry>()),
        ("struct arpt_getinfo", ArptGetInfo.SizeOf, Unsafe.SizeOf<ArptGetInfo>()),
        ("struct arpt_get_entries", ArptGetEntries.SizeOf, Unsafe.SizeOf<ArptGetEntries>()),
        ("struct arpt_replace", ArptReplace.SizeOf, Unsafe.SizeOf<ArptReplace>()),
        ("struct ebt_counter", EbtCounter.SizeOf, Unsafe.SizeOf<EbtCounter>()),
        ("struct ebt_replace", EbtReplace.SizeOf, Unsafe.SizeOf<EbtReplace>()),
        ("struct ebt_entries", EbtEntries.SizeOf, Unsafe.SizeOf<EbtEntries>()),
        ("struct ebt_entry_match", EbtEntryMatch.SizeOf, Unsafe.SizeOf<EbtEntryMatch>()),
        ("struct ebt_entry_watcher", EbtEntryWatcher.SizeOf, Unsafe.SizeOf<EbtEntryWatcher>()),
        ("struct ebt_entry_target", EbtEntryTarget.SizeOf, Unsafe.SizeOf<EbtEntryTarget>()),
        ("struct ebt_standard_target", EbtStandardTarget.SizeOf, Unsafe.SizeOf<EbtStandardTarget>()),
        ("struct ebt_entry", EbtEntry.SizeOf, Unsafe.SizeOf<EbtEntry>()),
        ("struct ip_vs_service_user", IpVsServiceUser.SizeOf, Unsafe.SizeOf<IpVsServiceUser>()),
        ("struct ip_vs_dest_user", IpVsDestUser.SizeOf, Unsafe.SizeOf<IpVsDestUser>()),
        ("struct ip_vs_stats_user", IpVsStatsUser.SizeOf, Unsafe.SizeOf<IpVsStatsUser>()),
        ("struct ip_vs_getinfo", IpVsGetInfo.SizeOf, Unsafe.SizeOf<IpVsGetInfo>()),
        ("struct ip_vs_service_entry", IpVsServiceEntry.SizeOf, Unsafe.SizeOf<IpVsServiceEntry>()),
        ("struct ip_vs_dest_entry", IpVsDestEntry.SizeOf, Unsafe.SizeOf<IpVsDestEntry>()),
        ("struct ip_vs_get_dests", IpVsGetDests.SizeOf, Unsafe.SizeOf<IpVsGetDests>()),
        ("struct ip_vs_get_services", IpVsGetServices.SizeOf, Unsafe.SizeOf<IpVsGetServices>()),
        ("struct ip_vs_timeout_user", IpVsTimeoutUser.SizeOf, Unsafe.SizeOf<IpVsTimeoutUser>()),
        ("struct ip_vs_daemon_user", IpVsDaemonUser.SizeOf, Unsafe.SizeOf<IpVsDaemonUser>()),
        ("struct ip_vs_service_user) + sizeof(struct ip_vs_dest_user", IpVsServiceDestUser.SizeOf, Unsafe.SizeOf<IpVsServiceDestUser>()),
        ("struct ip_vs_daemon_user[2]", 2 * IpVsDaemonUser.SizeOf, Unsafe.SizeOf<IpVsDaemonUserPair>()),
    };

    [GccFact]
    public void Every_mirror_has_the_size_gcc_gives_the_C_struct()
    {
        string[] expressions = Array.ConvertAll(Sizes, s => $"sizeof({s.C})");
        long[] c = CCompiler.Evaluate(Includes, expressions);

        var mismatches = new List<string>();
        for (int i = 0; i < Sizes.Length; i++)
        {
            if (c[i] != Sizes[i].SizeOf || c[i] != Sizes[i].Clr)
            {
                mismatches.Add($"{Sizes[i].C}: gcc {c[i]}, SizeOf {Sizes[i].SizeOf}, CLR {Sizes[i].Clr}");
            }
        }

        Assert.Empty(mismatches);
    }

    [GccFact]
    public void The_offsets_the_table_code_writes_match_gcc()
    {
        var facts = new (string C, int CSharp)[]
        {
            ("offsetof(struct ipt_getinfo, hook_entry)", XtFamily.IPv4.GetInfoHookEntryOffset),
            ("offsetof(struct ipt_replace, hook_entry)", XtFamily.IPv4.ReplaceHookEntryOffset),
            ("offsetof(struct ipt_replace, num_counters)", XtFamily.IPv4.ReplaceNumCountersOffset),
            ("offsetof(struct ipt_replace, counters)", XtFamily.IPv4.ReplaceCountersOffset),
            ("offsetof(struct ipt_replace, entries)", XtFamily.IPv4.ReplaceHeaderSize),
            ("offsetof(struct ipt_get_entries, entrytable)", XtFamily.IPv4.GetEntriesHeaderSize),
            ("offsetof(struct ip6t_getinfo, hook_entry)", XtFamily.IPv6.GetInfoHookEntryOffset),
            ("offsetof(struct ip6t_replace, num_counters)", XtFamily.IPv6.ReplaceNumCountersOffset),
            ("offsetof(struct ip6t_replace, counters)", XtFamily.IPv6.ReplaceCountersOffset),
            ("offsetof(struct arpt_getinfo, hook_entry)", XtFamily.Arp.GetInfoHookEntryOffset),
            ("offsetof(struct arpt_replace, hook_entry)", XtFamily.Arp.ReplaceHookEntryOffset),
            ("offsetof(struct arpt_replace, num_counters)", XtFamily.Arp.ReplaceNumCountersOffset),
            ("offsetof(struct arpt_replace, counters)", XtFamily.Arp.ReplaceCountersOffset),
            ("offsetof(struct arpt_replace, entries)", XtFamily.Arp.ReplaceHeaderSize),
            ("offsetof(struct xt_counters_info, counters)", XtCountersInfo.Offsets.counters),
            ("offsetof(struct xt_standard_target, verdict)", XtStandardTarget.Offsets.verdict),
            ("offsetof(struct ipt_entry, target_offset)", TargetOffsetOffset()),
            ("__alignof__(struct _xt_align)", XTables.XtAlignment),
        };

        var all = new List<(string C, int CSharp)>(facts);
        foreach (var (family, prefix) in new[] { (XtFamily.IPv4, "ipt"), (XtFamily.IPv6, "ip6t"), (XtFamily.Arp, "arpt") })
        {
            var at = family.Offsets;
            all.Add(($"sizeof(struct {prefix}_entry)", at.EntrySize));
            all.Add(($"sizeof(struct {prefix}_getinfo)", at.GetInfoSize));
            all.Add(($"offsetof(struct {prefix}_getinfo, valid_hooks)", at.GetInfoValidHooks));
            all.Add(($"offsetof(struct {prefix}_getinfo, underflow)", at.GetInfoUnderflow));
            all.Add(($"offsetof(struct {prefix}_getinfo, num_entries)", at.GetInfoNumEntries));
            all.Add(($"offsetof(struct {prefix}_getinfo, size)", at.GetInfoSizeField));
            all.Add(($"offsetof(struct {prefix}_get_entries, size)", at.GetEntriesSizeField));
            all.Add(($"offsetof(struct {prefix}_replace, valid_hooks)", at.ReplaceValidHooks));
            all.Add(($"offsetof(struct {prefix}_replace, num_entries)", at.ReplaceNumEntries));
            all.Add(($"offsetof(struct {prefix}_replace, size)", at.ReplaceSizeField));
            all.Add(($"offsetof(struct {prefix}_replace, underflow)", at.ReplaceUnderflow));
        }

        facts = all.ToArray();
        long[] c = CCompiler.Evaluate(Includes, Array.ConvertAll(facts, f => f.C));
        var mismatches = new List<string>();
        for (int i = 0; i < facts.Length; i++)
        {
            if (c[i] != facts[i].CSharp)
            {
                mismatches.Add($"{facts[i].C}: gcc {c[i]}, C# {facts[i].CSharp}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Command_numbers_are_distinct_per_level_and_direction()
    {
        // GET and SET share numbers by design; within one (level, direction) no two families may collide.
        var seen = new Dictionary<(SocketLevel, SockOptDirection, int), string>();
        foreach (var type in new[] { typeof(IpTables), typeof(Ip6Tables), typeof(ArpTables), typeof(Ebtables), typeof(IpVs) })
        {
            foreach (var field in type.GetFields())
            {
                var attr = (SockOptCommandAttribute?)Attribute.GetCustomAttribute(field, typeof(SockOptCommandAttribute));
                if (attr is null)
                {
                    continue;
                }

                var key = (attr.Level, attr.Direction, (int)field.GetRawConstantValue()!);
                Assert.False(seen.TryGetValue(key, out string? other), $"{field.Name} and {other} share {key}");
                seen[key] = field.Name;
                Assert.Equal(field.Name.Contains("_SO_GET_", StringComparison.Ordinal) ? SockOptDirection.Get : SockOptDirection.Set, attr.Direction);
            }
        }
    }

    [GccFact]
    public void Command_numbers_match_the_headers()
    {
        var commands = new List<(string Name, int Value)>();
        foreach (var type in new[] { typeof(IpTables), typeof(Ip6Tables), typeof(ArpTables), typeof(Ebtables), typeof(IpVs) })
        {
            foreach (var field in type.GetFields())
            {
                if (Attribute.IsDefined(field, typeof(SockOptCommandAttribute)))
                {
                    commands.Add((field.Name, (int)field.GetRawConstantValue()!));
                }
            }
        }

        long[] c = CCompiler.Evaluate(Includes, commands.ConvertAll(x => x.Name).ToArray());
        for (int i = 0; i < commands.Count; i++)
        {
            Assert.True(c[i] == commands[i].Value, $"{commands[i].Name}: header {c[i]}, C# {commands[i].Value}");
        }
    }

    private static int TargetOffsetOffset()
    {
        IptEntry e = default;
        return (int)Unsafe.ByteOffset(ref Unsafe.As<IptEntry, byte>(ref e), ref Unsafe.As<ushort, byte>(ref e.target_offset));
    }
}
