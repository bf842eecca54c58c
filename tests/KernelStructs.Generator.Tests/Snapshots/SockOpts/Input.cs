using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using KernelStructs;

namespace Demo;

[KernelStruct("struct ipt_getinfo", Header = "linux/netfilter_ipv4/ip_tables.h")]
public partial struct IptGetInfo
{
    [CString]
    public unsafe fixed byte name[32];
    public uint valid_hooks;
    public unsafe fixed uint hook_entry[5];
    public unsafe fixed uint underflow[5];
    public uint num_entries;
    public uint size;
}

[KernelStruct("struct ipt_get_entries", Header = "linux/netfilter_ipv4/ip_tables.h")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
public partial struct IptGetEntries
{
    [CString]
    public unsafe fixed byte name[32];
    public uint size;
}

[SockOptGroup(Level = SocketLevel.IP)]
public static partial class IpTables
{
    // IPT_SO_GET_INFO: the kernel reads the table name from the buffer it answers in.
    [GetSockOpt(64, Name = "IPT_SO_GET_INFO")]
    public static partial void GetInfo(Socket socket, ref IptGetInfo info);

    [GetSockOpt(64, Name = "IPT_SO_GET_INFO")]
    public static partial Errno TryGetInfo(SafeHandle socket, ref IptGetInfo info);

    // IPT_SO_GET_ENTRIES: variable length.
    [GetSockOpt(65, Length = LengthRule.HeaderPlusEntries, Name = "IPT_SO_GET_ENTRIES")]
    public static partial int GetEntries(int fd, Span<byte> buffer);

    [GetSockOpt(65, Length = LengthRule.HeaderPlusEntries, Name = "IPT_SO_GET_ENTRIES")]
    public static partial Errno TryGetEntries(int fd, Span<byte> buffer, out int length);

    // The answer must hold at least struct ipt_get_entries (SizeOf, its tail padding included).
    [GetSockOpt(65, Length = LengthRule.HeaderPlusEntries, Name = "IPT_SO_GET_ENTRIES", Header = typeof(IptGetEntries))]
    public static partial Errno TryGetEntriesWithHeader(Socket socket, Span<byte> buffer, out int length);

    [SetSockOpt(64, Length = LengthRule.HeaderPlusEntries, Name = "IPT_SO_SET_REPLACE")]
    internal static partial void Replace(Socket socket, ReadOnlySpan<byte> replace);

    [SetSockOpt(64, Name = "IPT_SO_SET_REPLACE")]
    internal static partial Errno TryReplace(Socket socket, ReadOnlySpan<byte> replace);
}

public static partial class SocketLayer
{
    [GetSockOpt(36, Level = SocketLevel.Socket, Name = "SO_MARK")]
    public static partial uint GetMark(Socket socket);

    [SetSockOpt(36, Level = SocketLevel.Socket, Name = "SO_MARK")]
    public static partial void SetMark(Socket socket, in uint mark);

    [SetSockOpt(36, Level = SocketLevel.Socket, Name = "SO_MARK")]
    public static partial Errno TrySetMark(int fd, uint mark);

    [GetSockOpt(36, Level = SocketLevel.Socket, Name = "SO_MARK")]
    public static partial Errno TryGetMark(int fd, out uint mark);

    [GetSockOpt(11, Level = SocketLevel.Tcp, Length = LengthRule.Truncating, Name = "TCP_INFO")]
    public static partial IptGetInfo GetTruncated(Socket socket, out int length);
}
