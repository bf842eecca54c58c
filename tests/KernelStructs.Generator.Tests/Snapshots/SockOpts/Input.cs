// snapshot: *.SockOpt.g.cs
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

public static partial class IpTables
{
    //   command: number, level, direction, payload, length rule
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IptGetInfo))]
    public const int IPT_SO_GET_INFO = 64;

    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IptGetEntries), Length = LengthRule.HeaderPlusEntries)]
    public const int IPT_SO_GET_ENTRIES = 65;

    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(byte), Length = LengthRule.HeaderPlusEntries)]
    public const int IPT_SO_SET_REPLACE = 64;

    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(void))]
    public const int IPT_SO_SET_FLUSH = 66;

    // IPT_SO_GET_INFO: the kernel reads the table name from the buffer it answers in.
    [GetSockOpt(IPT_SO_GET_INFO)]
    public static partial void GetInfo(Socket socket, ref IptGetInfo info);

    // IPT_SO_GET_ENTRIES: variable length; the answer must hold at least struct ipt_get_entries.
    [GetSockOpt(IPT_SO_GET_ENTRIES)]
    public static partial Errno TryGetEntries(int fd, Span<byte> buffer, out int length);

    [SetSockOpt(IPT_SO_SET_REPLACE)]
    internal static partial void Replace(Socket socket, ReadOnlySpan<byte> replace);

    // No payload: length 0.
    [SetSockOpt(IPT_SO_SET_FLUSH)]
    public static partial void Flush(int fd);
}

public static partial class SocketLayer
{
    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(uint))]
    public const int SO_MARK = 36;

    [SockOptCommand(SocketLevel.Tcp, SockOptDirection.Get, typeof(IptGetInfo), Length = LengthRule.Truncating, CName = "TCP_INFO")]
    public const int TRUNCATED = 11;

    // One command valid both ways: a GET and a SET declaration, each with its family.
    [GetSockOpt(SO_MARK)]
    public static partial uint GetMark(Socket socket);

    [SetSockOpt(SO_MARK)]
    public static partial Errno TrySetMark(int fd, uint mark);

    // A member of the family written by hand: the generator leaves it alone.
    public static uint GetMark(SafeHandle socket) => 0;

    [GetSockOpt(TRUNCATED)]
    public static partial IptGetInfo GetTruncated(Socket socket, out int length);
}
