using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/netfilter_ipv6/ip6_tables.h

[KernelStruct("struct ip6t_ip6", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public unsafe partial struct Ip6tIp6
{
    public In6Addr src;
    public In6Addr dst;
    public In6Addr smsk;
    public In6Addr dmsk;
    [CString] public fixed byte iniface[16];
    [CString] public fixed byte outiface[16];
    public fixed byte iniface_mask[16];
    public fixed byte outiface_mask[16];
    public ushort proto;
    public byte tos;
    public byte flags;
    public byte invflags;
}

[KernelStruct("struct ip6t_entry", Header = "linux/netfilter_ipv6/ip6_tables.h")]
[FlexibleArray(typeof(byte), "elems")]
public partial struct Ip6tEntry
{
    public Ip6tIp6 ipv6;
    public uint nfcache;
    public ushort target_offset;
    public ushort next_offset;
    public uint comefrom;
    public XtCounters counters;
}

[KernelStruct("struct ip6t_standard", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public partial struct Ip6tStandard
{
    public Ip6tEntry entry;
    public XtStandardTarget target;
}

[KernelStruct("struct ip6t_getinfo", Header = "linux/netfilter_ipv6/ip6_tables.h")]
public unsafe partial struct Ip6tGetinfo
{
    [CString] public fixed byte name[32];
    public uint valid_hooks;
    public fixed uint hook_entry[5];
    public fixed uint underflow[5];
    public uint num_entries;
    public uint size;
}

[KernelStruct("struct ip6t_replace", Header = "linux/netfilter_ipv6/ip6_tables.h")]
[FlexibleArray(typeof(Ip6tEntry), "entries")]
public unsafe partial struct Ip6tReplace
{
    [CString] public fixed byte name[32];
    public uint valid_hooks;
    public uint num_entries;
    public uint size;
    public fixed uint hook_entry[5];
    public fixed uint underflow[5];
    public uint num_counters;
    public nint counters;       // struct xt_counters *
}

[KernelStruct("struct ip6t_get_entries", Header = "linux/netfilter_ipv6/ip6_tables.h")]
[FlexibleArray(typeof(Ip6tEntry), "entrytable")]
public unsafe partial struct Ip6tGetEntries
{
    [CString] public fixed byte name[32];
    public uint size;
}
