using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace KernelStructs.Netfilter;

// Mirrors of <linux/ip_vs.h> (the IPv4-only sockopt interface of IPVS; IPv6 needs generic netlink).

/// <summary><c>struct ip_vs_service_user</c>: a virtual service, argument of the service SET commands.</summary>
[KernelStruct("struct ip_vs_service_user", Header = "linux/ip_vs.h")]
public unsafe partial struct IpVsServiceUser
{
    /// <summary>Protocol (TCP, UDP, SCTP).</summary>
    public ushort protocol;

    /// <summary>Virtual address.</summary>
    public Be32 addr;

    /// <summary>Virtual port.</summary>
    public Be16 port;

    /// <summary>Firewall mark of the service (instead of address and port).</summary>
    public uint fwmark;

    /// <summary>Scheduler name.</summary>
    [CString] public fixed byte sched_name[IpVs.IP_VS_SCHEDNAME_MAXLEN];

    /// <summary><c>IP_VS_SVC_F_*</c> flags.</summary>
    public uint flags;

    /// <summary>Persistence timeout in seconds.</summary>
    public uint timeout;

    /// <summary>Persistence netmask.</summary>
    public Be32 netmask;
}

/// <summary><c>struct ip_vs_dest_user</c>: a real server, argument of the destination SET commands.</summary>
[KernelStruct("struct ip_vs_dest_user", Header = "linux/ip_vs.h")]
public partial struct IpVsDestUser
{
    /// <summary>Real server address.</summary>
    public Be32 addr;

    /// <summary>Real server port.</summary>
    public Be16 port;

    /// <summary><c>IP_VS_CONN_F_*</c> forwarding flags.</summary>
    public uint conn_flags;

    /// <summary>Weight.</summary>
    public int weight;

    /// <summary>Upper connection threshold.</summary>
    public uint u_threshold;

    /// <summary>Lower connection threshold.</summary>
    public uint l_threshold;
}

/// <summary>
/// The argument of <c>IP_VS_SO_SET_ADDDEST</c>/<c>DELDEST</c>/<c>EDITDEST</c>: a service followed by a
/// destination (the kernel's <c>SVCDEST_ARG_LEN</c>; no C struct of its own).
/// </summary>
[KernelStruct("struct ip_vs_svcdest_user")]
public partial struct IpVsServiceDestUser
{
    /// <summary>The service.</summary>
    public IpVsServiceUser svc;

    /// <summary>The destination.</summary>
    public IpVsDestUser dest;
}

/// <summary><c>struct ip_vs_stats_user</c>: traffic statistics.</summary>
[KernelStruct("struct ip_vs_stats_user", Header = "linux/ip_vs.h")]
public partial struct IpVsStatsUser
{
    /// <summary>Connections scheduled.</summary>
    public uint conns;

    /// <summary>Incoming packets.</summary>
    public uint inpkts;

    /// <summary>Outgoing packets.</summary>
    public uint outpkts;

    /// <summary>Incoming bytes.</summary>
    public ulong inbytes;

    /// <summary>Outgoing bytes.</summary>
    public ulong outbytes;

    /// <summary>Current connection rate.</summary>
    public uint cps;

    /// <summary>Current incoming packet rate.</summary>
    public uint inpps;

    /// <summary>Current outgoing packet rate.</summary>
    public uint outpps;

    /// <summary>Current incoming byte rate.</summary>
    public uint inbps;

    /// <summary>Current outgoing byte rate.</summary>
    public uint outbps;
}

/// <summary><c>struct ip_vs_getinfo</c>: the answer of <see cref="IpVs.IP_VS_SO_GET_INFO"/>.</summary>
[KernelStruct("struct ip_vs_getinfo", Header = "linux/ip_vs.h", ExpectedSize = 12)]
public partial struct IpVsGetInfo
{
    /// <summary>IPVS version (<c>IP_VS_VERSION_CODE</c>).</summary>
    public uint version;

    /// <summary>Size of the connection hash table.</summary>
    public uint size;

    /// <summary>Number of virtual services.</summary>
    public uint num_services;
}

/// <summary><c>struct ip_vs_service_entry</c>: one virtual service as IPVS reports it.</summary>
[KernelStruct("struct ip_vs_service_entry", Header = "linux/ip_vs.h")]
public unsafe partial struct IpVsServiceEntry
{
    /// <summary>Protocol.</summary>
    public ushort protocol;

    /// <summary>Virtual address.</summary>
    public Be32 addr;

    /// <summary>Virtual port.</summary>
    public Be16 port;

    /// <summary>Firewall mark of the service.</summary>
    public uint fwmark;

    /// <summary>Scheduler name.</summary>
    [CString] public fixed byte sched_name[IpVs.IP_VS_SCHEDNAME_MAXLEN];

    /// <summary>Service flags.</summary>
    public uint flags;

    /// <summary>Persistence timeout.</summary>
    public uint timeout;

    /// <summary>Persistence netmask.</summary>
    public Be32 netmask;

    /// <summary>Number of real servers.</summary>
    public uint num_dests;

    /// <summary>Statistics.</summary>
    public IpVsStatsUser stats;
}

/// <summary><c>struct ip_vs_dest_entry</c>: one real server as IPVS reports it.</summary>
[KernelStruct("struct ip_vs_dest_entry", Header = "linux/ip_vs.h")]
public partial struct IpVsDestEntry
{
    /// <summary>Destination address.</summary>
    public Be32 addr;

    /// <summary>Destination port.</summary>
    public Be16 port;

    /// <summary>Connection flags.</summary>
    public uint conn_flags;

    /// <summary>Weight.</summary>
    public int weight;

    /// <summary>Upper threshold.</summary>
    public uint u_threshold;

    /// <summary>Lower threshold.</summary>
    public uint l_threshold;

    /// <summary>Active connections.</summary>
    public uint activeconns;

    /// <summary>Inactive connections.</summary>
    public uint inactconns;

    /// <summary>Persistent connections.</summary>
    public uint persistconns;

    /// <summary>Statistics.</summary>
    public IpVsStatsUser stats;
}

/// <summary><c>struct ip_vs_get_dests</c>: argument of <see cref="IpVs.IP_VS_SO_GET_DESTS"/>, followed by <c>num_dests</c> entries.</summary>
[KernelStruct("struct ip_vs_get_dests", Header = "linux/ip_vs.h")]
[FlexibleArray(typeof(IpVsDestEntry), "entrytable")]
public partial struct IpVsGetDests
{
    /// <summary>Protocol of the service.</summary>
    public ushort protocol;

    /// <summary>Virtual address.</summary>
    public Be32 addr;

    /// <summary>Virtual port.</summary>
    public Be16 port;

    /// <summary>Firewall mark of the service.</summary>
    public uint fwmark;

    /// <summary>Number of entries that follow.</summary>
    public uint num_dests;
}

/// <summary><c>struct ip_vs_get_services</c>: argument of <see cref="IpVs.IP_VS_SO_GET_SERVICES"/>, followed by <c>num_services</c> entries.</summary>
[KernelStruct("struct ip_vs_get_services", Header = "linux/ip_vs.h")]
[FlexibleArray(typeof(IpVsServiceEntry), "entrytable")]
public partial struct IpVsGetServices
{
    /// <summary>Number of entries that follow.</summary>
    public uint num_services;
}

/// <summary>
/// The answer of <see cref="IpVs.IP_VS_SO_GET_DAEMON"/>: the kernel's <c>struct ip_vs_daemon_user d[2]</c>, the master
/// sync daemon then the backup.
/// </summary>
[InlineArray(2)]
public struct IpVsDaemonUserPair
{
    private IpVsDaemonUser _element0;

    /// <summary>The master sync daemon (<c>d[0]</c>).</summary>
    [UnscopedRef]
    public ref IpVsDaemonUser Master => ref this[0];

    /// <summary>The backup sync daemon (<c>d[1]</c>).</summary>
    [UnscopedRef]
    public ref IpVsDaemonUser Backup => ref this[1];
}

/// <summary><c>struct ip_vs_timeout_user</c>: protocol timeouts in seconds.</summary>
[KernelStruct("struct ip_vs_timeout_user", Header = "linux/ip_vs.h", ExpectedSize = 12)]
public partial struct IpVsTimeoutUser
{
    /// <summary>TCP timeout.</summary>
    public int tcp_timeout;

    /// <summary>TCP FIN-WAIT timeout.</summary>
    public int tcp_fin_timeout;

    /// <summary>UDP timeout.</summary>
    public int udp_timeout;
}

/// <summary><c>struct ip_vs_daemon_user</c>: state of a connection-sync daemon.</summary>
[KernelStruct("struct ip_vs_daemon_user", Header = "linux/ip_vs.h")]
public unsafe partial struct IpVsDaemonUser
{
    /// <summary><c>IP_VS_STATE_*</c>.</summary>
    public int state;

    /// <summary>Multicast interface name.</summary>
    [CString] public fixed byte mcast_ifn[IpVs.IP_VS_IFNAME_MAXLEN];

    /// <summary>Sync id.</summary>
    public int syncid;
}

/// <summary>IPVS sockopt commands (at <c>SOL_IP</c>, base <c>IP_VS_BASE_CTL</c> = 64 + 1024 + 64), typed operations and constants.</summary>
/// <remarks>
/// The kernel (<c>do_ip_vs_get_ctl</c>) rejects a GET shorter than the command's argument with <c>EINVAL</c> and answers
/// the variable-length ones only when the length is exactly the header plus the entries it announces; a SET must be
/// exactly its argument's size (<c>set_arglen</c>). Every command needs <c>CAP_NET_ADMIN</c>. On a kernel without IPVS
/// no handler owns the numbers and every command fails with <c>ENOPROTOOPT</c>.
/// </remarks>
public static partial class IpVs
{
    /// <summary><c>IP_VS_BASE_CTL</c>.</summary>
    public const int IP_VS_BASE_CTL = 64 + 1024 + 64;

    //   command                                level            direction                 payload                       length rule
    /// <summary><c>IP_VS_SO_SET_ADD</c>: add a service.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceUser))]
    public const int IP_VS_SO_SET_ADD = IP_VS_BASE_CTL + 2;

    /// <summary><c>IP_VS_SO_SET_EDIT</c>: edit a service.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceUser))]
    public const int IP_VS_SO_SET_EDIT = IP_VS_BASE_CTL + 3;

    /// <summary><c>IP_VS_SO_SET_DEL</c>: delete a service.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceUser))]
    public const int IP_VS_SO_SET_DEL = IP_VS_BASE_CTL + 4;

    /// <summary><c>IP_VS_SO_SET_FLUSH</c>: delete every service (no payload: length 0).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(void))]
    public const int IP_VS_SO_SET_FLUSH = IP_VS_BASE_CTL + 5;

    /// <summary><c>IP_VS_SO_SET_ADDDEST</c>: add a real server to a service.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceDestUser))]
    public const int IP_VS_SO_SET_ADDDEST = IP_VS_BASE_CTL + 7;

    /// <summary><c>IP_VS_SO_SET_DELDEST</c>: remove a real server.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceDestUser))]
    public const int IP_VS_SO_SET_DELDEST = IP_VS_BASE_CTL + 8;

    /// <summary><c>IP_VS_SO_SET_EDITDEST</c>: edit a real server.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceDestUser))]
    public const int IP_VS_SO_SET_EDITDEST = IP_VS_BASE_CTL + 9;

    /// <summary><c>IP_VS_SO_SET_TIMEOUT</c>: set the protocol timeouts.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsTimeoutUser))]
    public const int IP_VS_SO_SET_TIMEOUT = IP_VS_BASE_CTL + 10;

    /// <summary><c>IP_VS_SO_SET_STARTDAEMON</c>: start a sync daemon.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsDaemonUser))]
    public const int IP_VS_SO_SET_STARTDAEMON = IP_VS_BASE_CTL + 11;

    /// <summary><c>IP_VS_SO_SET_STOPDAEMON</c>: stop a sync daemon.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsDaemonUser))]
    public const int IP_VS_SO_SET_STOPDAEMON = IP_VS_BASE_CTL + 12;

    /// <summary><c>IP_VS_SO_SET_ZERO</c>: zero the counters of a service (or all, with a zeroed service).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(IpVsServiceUser))]
    public const int IP_VS_SO_SET_ZERO = IP_VS_BASE_CTL + 15;

    /// <summary><c>IP_VS_SO_GET_VERSION</c>: a version string (at least 64 bytes).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(byte), Length = LengthRule.AtLeast)]
    public const int IP_VS_SO_GET_VERSION = IP_VS_BASE_CTL;

    /// <summary><c>IP_VS_SO_GET_INFO</c>: version, table size and service count.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpVsGetInfo), Length = LengthRule.AtLeast)]
    public const int IP_VS_SO_GET_INFO = IP_VS_BASE_CTL + 1;

    /// <summary><c>IP_VS_SO_GET_SERVICES</c>: all services (length exactly header + <c>num_services</c> entries).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpVsGetServices), Length = LengthRule.HeaderPlusEntries, Entry = typeof(IpVsServiceEntry))]
    public const int IP_VS_SO_GET_SERVICES = IP_VS_BASE_CTL + 2;

    /// <summary><c>IP_VS_SO_GET_SERVICE</c>: one service, looked up by the protocol/address/port or fwmark given in the buffer.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpVsServiceEntry), Length = LengthRule.AtLeast)]
    public const int IP_VS_SO_GET_SERVICE = IP_VS_BASE_CTL + 3;

    /// <summary><c>IP_VS_SO_GET_DESTS</c>: the real servers of a service (length exactly header + <c>num_dests</c> entries).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpVsGetDests), Length = LengthRule.HeaderPlusEntries, Entry = typeof(IpVsDestEntry))]
    public const int IP_VS_SO_GET_DESTS = IP_VS_BASE_CTL + 4;

    /// <summary><c>IP_VS_SO_GET_TIMEOUT</c>: the protocol timeouts.</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpVsTimeoutUser), Length = LengthRule.AtLeast)]
    public const int IP_VS_SO_GET_TIMEOUT = IP_VS_BASE_CTL + 6;

    /// <summary><c>IP_VS_SO_GET_DAEMON</c>: the master and backup sync daemons (<c>struct ip_vs_daemon_user[2]</c>).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpVsDaemonUser), Count = 2, Length = LengthRule.AtLeast)]
    public const int IP_VS_SO_GET_DAEMON = IP_VS_BASE_CTL + 7;

    /// <summary><c>IP_VS_SO_GET_VERSION</c>'s argument length: the kernel refuses a shorter buffer.</summary>
    public const int IP_VS_VERSION_ARGLEN = 64;

    // ---- typed operations: one declaration per command, implemented by the generator ---------------------

    /// <summary>
    /// <c>IP_VS_SO_GET_VERSION</c>: the version text with its NUL into <paramref name="buffer"/> (at least
    /// <see cref="IP_VS_VERSION_ARGLEN"/> bytes); returns the length the kernel wrote.
    /// </summary>
    /// <exception cref="SocketOptionException">ENOPROTOOPT: no IPVS in this kernel; EPERM: no <c>CAP_NET_ADMIN</c>; EINVAL: buffer too short.</exception>
    [GetSockOpt(IP_VS_SO_GET_VERSION)]
    public static partial int GetVersion(int fd, Span<byte> buffer);

    /// <summary><c>IP_VS_SO_GET_INFO</c>: version, connection table size and number of services.</summary>
    /// <exception cref="SocketOptionException">ENOPROTOOPT: no IPVS in this kernel; EPERM: no <c>CAP_NET_ADMIN</c>.</exception>
    [GetSockOpt(IP_VS_SO_GET_INFO)]
    public static partial IpVsGetInfo GetInfo(int fd);

    /// <summary>
    /// <c>IP_VS_SO_GET_SERVICES</c>: <paramref name="buffer"/> is an <see cref="IpVsGetServices"/> whose
    /// <c>num_services</c> is <c>IP_VS_SO_GET_INFO</c>'s, followed by room for exactly that many entries
    /// (<see cref="IpVsGetServices.SizeFor(int)"/>).
    /// </summary>
    [GetSockOpt(IP_VS_SO_GET_SERVICES)]
    public static partial int GetServices(int fd, Span<byte> buffer);

    /// <summary><c>IP_VS_SO_GET_SERVICE</c>: the service named by the protocol, address and port (or fwmark) in <paramref name="service"/>.</summary>
    /// <exception cref="SocketOptionException">ESRCH: no such service.</exception>
    [GetSockOpt(IP_VS_SO_GET_SERVICE)]
    public static partial void GetService(int fd, ref IpVsServiceEntry service);

    /// <summary>
    /// <c>IP_VS_SO_GET_DESTS</c>: <paramref name="buffer"/> is an <see cref="IpVsGetDests"/> naming the service, with
    /// <c>num_dests</c> as the service reports it, followed by room for exactly that many entries
    /// (<see cref="IpVsGetDests.SizeFor(int)"/>).
    /// </summary>
    [GetSockOpt(IP_VS_SO_GET_DESTS)]
    public static partial int GetDests(int fd, Span<byte> buffer);

    /// <summary><c>IP_VS_SO_GET_TIMEOUT</c>: the TCP, TCP FIN-WAIT and UDP timeouts.</summary>
    [GetSockOpt(IP_VS_SO_GET_TIMEOUT)]
    public static partial IpVsTimeoutUser GetTimeout(int fd);

    /// <summary><c>IP_VS_SO_GET_DAEMON</c>: the master and backup sync daemons.</summary>
    [GetSockOpt(IP_VS_SO_GET_DAEMON)]
    public static partial IpVsDaemonUserPair GetDaemon(int fd);

    /// <summary><c>IP_VS_SO_SET_ADD</c>: adds a virtual service.</summary>
    [SetSockOpt(IP_VS_SO_SET_ADD)]
    public static partial void AddService(int fd, in IpVsServiceUser service);

    /// <summary><c>IP_VS_SO_SET_EDIT</c>: changes a virtual service.</summary>
    [SetSockOpt(IP_VS_SO_SET_EDIT)]
    public static partial void EditService(int fd, in IpVsServiceUser service);

    /// <summary><c>IP_VS_SO_SET_DEL</c>: deletes a virtual service.</summary>
    [SetSockOpt(IP_VS_SO_SET_DEL)]
    public static partial void DeleteService(int fd, in IpVsServiceUser service);

    /// <summary><c>IP_VS_SO_SET_FLUSH</c>: deletes every virtual service.</summary>
    [SetSockOpt(IP_VS_SO_SET_FLUSH)]
    public static partial void Flush(int fd);

    /// <summary><c>IP_VS_SO_SET_ADDDEST</c>: adds a real server to a service.</summary>
    [SetSockOpt(IP_VS_SO_SET_ADDDEST)]
    public static partial void AddDestination(int fd, in IpVsServiceDestUser destination);

    /// <summary><c>IP_VS_SO_SET_DELDEST</c>: removes a real server from a service.</summary>
    [SetSockOpt(IP_VS_SO_SET_DELDEST)]
    public static partial void DeleteDestination(int fd, in IpVsServiceDestUser destination);

    /// <summary><c>IP_VS_SO_SET_EDITDEST</c>: changes a real server of a service.</summary>
    [SetSockOpt(IP_VS_SO_SET_EDITDEST)]
    public static partial void EditDestination(int fd, in IpVsServiceDestUser destination);

    /// <summary><c>IP_VS_SO_SET_TIMEOUT</c>: sets the protocol timeouts (0 leaves one unchanged).</summary>
    [SetSockOpt(IP_VS_SO_SET_TIMEOUT)]
    public static partial void SetTimeout(int fd, in IpVsTimeoutUser timeouts);

    /// <summary><c>IP_VS_SO_SET_STARTDAEMON</c>: starts a sync daemon.</summary>
    [SetSockOpt(IP_VS_SO_SET_STARTDAEMON)]
    public static partial void StartDaemon(int fd, in IpVsDaemonUser daemon);

    /// <summary><c>IP_VS_SO_SET_STOPDAEMON</c>: stops a sync daemon.</summary>
    [SetSockOpt(IP_VS_SO_SET_STOPDAEMON)]
    public static partial void StopDaemon(int fd, in IpVsDaemonUser daemon);

    /// <summary><c>IP_VS_SO_SET_ZERO</c>: zeroes the counters of a service, or of all with a zeroed <paramref name="service"/>.</summary>
    [SetSockOpt(IP_VS_SO_SET_ZERO)]
    public static partial void Zero(int fd, in IpVsServiceUser service);

    /// <summary><c>IP_VS_SCHEDNAME_MAXLEN</c>.</summary>
    public const int IP_VS_SCHEDNAME_MAXLEN = 16;

    /// <summary><c>IP_VS_IFNAME_MAXLEN</c>.</summary>
    public const int IP_VS_IFNAME_MAXLEN = 16;
}
