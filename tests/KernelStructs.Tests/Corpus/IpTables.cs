using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/netfilter_ipv4/ip_tables.h

[KernelStruct("struct ipt_ip", Header = "linux/netfilter_ipv4/ip_tables.h")]
public unsafe partial struct IptIp
{
    public InAddr src;
    public InAddr dst;
    public InAddr smsk;
    public InAddr dmsk;
    [CString] public fixed byte iniface[16];
    [CString] public fixed byte outiface[16];
    public fixed byte iniface_mask[16];
    public fixed byte outiface_mask[16];
    public ushort proto;
    public byte flags;
    public byte invflags;
}

[KernelStruct("struct ipt_entry", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "elems")]
public partial struct IptEntry
{
    public IptIp ip;
    public uint nfcache;
    public ushort target_offset;
    public ushort next_offset;
    public uint comefrom;
    public XtCounters counters;
}

[KernelStruct("struct ipt_icmp", Header = "linux/netfilter_ipv4/ip_tables.h")]
public unsafe partial struct IptIcmp
{
    public byte type;
    public fixed byte code[2];
    public byte invflags;
}

[KernelStruct("struct ipt_getinfo", Header = "linux/netfilter_ipv4/ip_tables.h")]
public unsafe partial struct IptGetinfo
{
    [CString] public fixed byte name[32];
    public uint valid_hooks;
    public fixed uint hook_entry[5];
    public fixed uint underflow[5];
    public uint num_entries;
    public uint size;
}

[KernelStruct("struct ipt_replace", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(IptEntry), "entries")]
public unsafe partial struct IptReplace
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

[KernelStruct("struct ipt_get_entries", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)] // struct ipt_entry entrytable[], read as bytes
public unsafe partial struct IptGetEntries
{
    [CString] public fixed byte name[32];
    public uint size;
}
