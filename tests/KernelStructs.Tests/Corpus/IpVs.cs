using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/ip_vs.h

[KernelStruct("struct ip_vs_service_user", Header = "linux/ip_vs.h")]
public unsafe partial struct IpVsServiceUser
{
    public ushort protocol;
    public Be32 addr;
    public Be16 port;
    public uint fwmark;
    [CString] public fixed byte sched_name[16];
    public uint flags;
    public uint timeout;
    public Be32 netmask;
}

[KernelStruct("struct ip_vs_dest_user", Header = "linux/ip_vs.h")]
public partial struct IpVsDestUser
{
    public Be32 addr;
    public Be16 port;
    public uint conn_flags;
    public int weight;
    public uint u_threshold;
    public uint l_threshold;
}

[KernelStruct("struct ip_vs_stats_user", Header = "linux/ip_vs.h")]
public partial struct IpVsStatsUser
{
    public uint conns;
    public uint inpkts;
    public uint outpkts;
    public ulong inbytes;
    public ulong outbytes;
    public uint cps;
    public uint inpps;
    public uint outpps;
    public uint inbps;
    public uint outbps;
}

[KernelStruct("struct ip_vs_getinfo", Header = "linux/ip_vs.h")]
public partial struct IpVsGetinfo
{
    public uint version;
    public uint size;
    public uint num_services;
}

[KernelStruct("struct ip_vs_service_entry", Header = "linux/ip_vs.h")]
public unsafe partial struct IpVsServiceEntry
{
    public ushort protocol;
    public Be32 addr;
    public Be16 port;
    public uint fwmark;
    [CString] public fixed byte sched_name[16];
    public uint flags;
    public uint timeout;
    public Be32 netmask;
    public uint num_dests;
    public IpVsStatsUser stats;
}

[KernelStruct("struct ip_vs_dest_entry", Header = "linux/ip_vs.h")]
public partial struct IpVsDestEntry
{
    public Be32 addr;
    public Be16 port;
    public uint conn_flags;
    public int weight;
    public uint u_threshold;
    public uint l_threshold;
    public uint activeconns;
    public uint inactconns;
    public uint persistconns;
    public IpVsStatsUser stats;
}

[KernelStruct("struct ip_vs_get_dests", Header = "linux/ip_vs.h")]
[FlexibleArray(typeof(IpVsDestEntry), "entrytable")]
public partial struct IpVsGetDests
{
    public ushort protocol;
    public Be32 addr;
    public Be16 port;
    public uint fwmark;
    public uint num_dests;
}

[KernelStruct("struct ip_vs_timeout_user", Header = "linux/ip_vs.h")]
public partial struct IpVsTimeoutUser
{
    public int tcp_timeout;
    public int tcp_fin_timeout;
    public int udp_timeout;
}

[KernelStruct("struct ip_vs_daemon_user", Header = "linux/ip_vs.h")]
public unsafe partial struct IpVsDaemonUser
{
    public int state;
    [CString] public fixed byte mcast_ifn[16];
    public int syncid;
}
