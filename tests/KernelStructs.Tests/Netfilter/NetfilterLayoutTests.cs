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

    // C type → what the C# mirror occupies. Structs whose flexible array is aligned past the last
    // member are padded to that alignment (XT_ALIGN, __u64 for the IPVS entries, a pointer for
    // ebtables), as their C sizeof is.
    private static readonly (string C, int CSharp)[] Sizes =
    {
        ("struct xt_entry_match", Unsafe.SizeOf<XtEntryMatch>()),
        ("struct xt_entry_target", Unsafe.SizeOf<XtEntryTarget>()),
        ("struct xt_standard_target", Unsafe.SizeOf<XtStandardTarget>()),
        ("struct xt_error_target", Unsafe.SizeOf<XtErrorTarget>()),
        ("struct xt_get_revision", Unsafe.SizeOf<XtGetRevision>()),
        ("struct xt_counters", Unsafe.SizeOf<XtCounters>()),
        ("struct xt_counters_info", XTables.XT_ALIGN(Unsafe.SizeOf<XtCountersInfo>())),
        ("struct ipt_ip", Unsafe.SizeOf<IptIp>()),
        ("struct ipt_entry", Unsafe.SizeOf<IptEntry>()),
        ("struct ipt_getinfo", Unsafe.SizeOf<IptGetInfo>()),
        ("struct ipt_get_entries", XtFamily.IPv4.GetEntriesHeaderSize),
        ("struct ipt_replace", XtFamily.IPv4.ReplaceHeaderSize),
        ("struct in6_addr", Unsafe.SizeOf<In6Addr>()),
        ("struct ip6t_ip6", Unsafe.SizeOf<Ip6tIp6>()),
        ("struct ip6t_entry", Unsafe.SizeOf<Ip6tEntry>()),
        ("struct ip6t_getinfo", Unsafe.SizeOf<Ip6tGetInfo>()),
        ("struct ip6t_get_entries", XtFamily.IPv6.GetEntriesHeaderSize),
        ("struct ip6t_replace", XtFamily.IPv6.ReplaceHeaderSize),
        ("struct arpt_devaddr_info", Unsafe.SizeOf<ArptDevaddrInfo>()),
        ("struct arpt_arp", Unsafe.SizeOf<ArptArp>()),
        ("struct arpt_entry", Unsafe.SizeOf<ArptEntry>()),
        ("struct arpt_getinfo", Unsafe.SizeOf<ArptGetInfo>()),
        ("struct arpt_get_entries", XtFamily.Arp.GetEntriesHeaderSize),
        ("struct arpt_replace", XtFamily.Arp.ReplaceHeaderSize),
        ("struct ebt_counter", Unsafe.SizeOf<EbtCounter>()),
        ("struct ebt_replace", Unsafe.SizeOf<EbtReplace>()),
        ("struct ebt_entries", Unsafe.SizeOf<EbtEntries>()),
        ("struct ebt_entry_match", AlignUp(Unsafe.SizeOf<EbtEntryMatch>(), IntPtr.Size)),
        ("struct ebt_entry_watcher", AlignUp(Unsafe.SizeOf<EbtEntryWatcher>(), IntPtr.Size)),
        ("struct ebt_entry_target", AlignUp(Unsafe.SizeOf<EbtEntryTarget>(), IntPtr.Size)),
        ("struct ebt_standard_target", Unsafe.SizeOf<EbtStandardTarget>()),
        ("struct ebt_entry", Unsafe.SizeOf<EbtEntry>()),
        ("struct ip_vs_service_user", Unsafe.SizeOf<IpVsServiceUser>()),
        ("struct ip_vs_dest_user", Unsafe.SizeOf<IpVsDestUser>()),
        ("struct ip_vs_stats_user", Unsafe.SizeOf<IpVsStatsUser>()),
        ("struct ip_vs_getinfo", Unsafe.SizeOf<IpVsGetInfo>()),
        ("struct ip_vs_service_entry", Unsafe.SizeOf<IpVsServiceEntry>()),
        ("struct ip_vs_dest_entry", Unsafe.SizeOf<IpVsDestEntry>()),
        ("struct ip_vs_get_dests", AlignUp(Unsafe.SizeOf<IpVsGetDests>(), XTables.XtAlignment)),
        ("struct ip_vs_get_services", AlignUp(Unsafe.SizeOf<IpVsGetServices>(), XTables.XtAlignment)),
        ("struct ip_vs_timeout_user", Unsafe.SizeOf<IpVsTimeoutUser>()),
        ("struct ip_vs_daemon_user", Unsafe.SizeOf<IpVsDaemonUser>()),
        ("struct ip_vs_service_user) + sizeof(struct ip_vs_dest_user", Unsafe.SizeOf<IpVsServiceDestUser>()),
    };

    [GccFact]
    public void Every_mirror_has_the_size_gcc_gives_the_C_struct()
    {
        string[] expressions = Array.ConvertAll(Sizes, s => $"sizeof({s.C})");
        long[] c = CCompiler.Evaluate(Includes, expressions);

        var mismatches = new List<string>();
        for (int i = 0; i < Sizes.Length; i++)
        {
            if (c[i] != Sizes[i].CSharp)
            {
                mismatches.Add($"{Sizes[i].C}: gcc {c[i]}, C# {Sizes[i].CSharp}");
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
            ("offsetof(struct xt_counters_info, counters)", XTables.XT_ALIGN(Unsafe.SizeOf<XtCountersInfo>())),
            ("offsetof(struct ipt_entry, target_offset)", TargetOffsetOffset()),
            ("__alignof__(struct _xt_align)", XTables.XtAlignment),
        };

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

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) & ~(alignment - 1);

    private static int TargetOffsetOffset()
    {
        IptEntry e = default;
        return (int)Unsafe.ByteOffset(ref Unsafe.As<IptEntry, byte>(ref e), ref Unsafe.As<ushort, byte>(ref e.target_offset));
    }
}
