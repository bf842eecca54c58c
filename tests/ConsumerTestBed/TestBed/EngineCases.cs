using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using KernelStructs;
using KernelStructs.Netfilter;
using Tmds.Linux;
using Consumer.Commands;
using static KernelStructs.Netfilter.IpTables;
using CT = KernelStructs.Conntrack;

namespace Consumer;

/// <summary>The package's engine, SockOpt, in its Socket, SafeHandle and int forms.</summary>
public static class EngineCases
{
    public static void Run(Socket socket, SafeHandle handle, int fd)
    {
        IptGetInfo info = default; MySockAddrIn mine = default; uint mark = 7; int flag = 1;

        { SockOpt.Get<SockAddrIn>(socket, SocketLevel.IP, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "SO_ORIGINAL_DST"); } // good [SockOpt Socket; alias; package] KS2009
        { SockOpt.Get<sockaddr_in>(handle, SocketLevel.IP, SharedNames.OriginalDst, LengthRule.AtLeast, "x"); } // good [SockOpt SafeHandle; const in another assembly; Tmds.Linux]
        { SockOpt.Get<MySockAddrIn>(fd, SocketLevel.IP, LocalNames.OriginalDst, LengthRule.AtLeast, "x"); } // good [SockOpt int; const in another file; user mirror]
        { SockOpt.Get<PeerAddress>(socket, SocketLevel.IP, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // good [SockOpt Socket; alias; user mirror]
        { SockOpt.Get<sockaddr_in6>(socket, SocketLevel.IPv6, CT.IP6T_SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // good [SockOpt Socket; alias; Tmds.Linux]
        { SockOpt.Get<sockaddr_in6>(socket, SocketLevel.IP, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // bad [SockOpt Socket; alias; Tmds.Linux] KS2005
        { SockOpt.Get<SockAddrIn6>(handle, SocketLevel.IP, SharedNames.OriginalDst, LengthRule.AtLeast, "x"); } // bad [SockOpt SafeHandle; const in another assembly; package] KS2005
        { SockOpt.Get<MyPair>(fd, SocketLevel.IP, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // bad [SockOpt int; alias; user mirror] KS2005
        { SockOpt.Get<int>(socket, SocketLevel.IP, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // bad [SockOpt Socket; alias; plain integers] KS2005
        { SockOpt.Get<SockAddrIn>(socket, SocketLevel.IPv6, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // bad [SockOpt Socket; alias; package] KS2003
        { SockOpt.Get<SockAddrIn>(socket, (SocketLevel)LibC.SOL_SOCKET, CT.SO_ORIGINAL_DST, LengthRule.AtLeast, "x"); } // bad [SockOpt Socket; alias; package] KS2003
        { SockOpt.Get(socket, SocketLevel.IP, IPT_SO_GET_INFO, ref info, LengthRule.Exact, "x"); } // good [SockOpt Socket; using static; package] KS2009
        { SockOpt.Get(handle, SocketLevel.IP, SharedNames.GetInfo, new byte[100], LengthRule.Exact, 84, "x"); } // bad [SockOpt SafeHandle; const in another assembly; plain bytes] KS2004
        { SockOpt.Get(fd, SocketLevel.IP, IPT_SO_GET_INFO, new byte[IptGetInfo.SizeOf], LengthRule.Exact, IptGetInfo.SizeOf, "x"); } // good [SockOpt int; using static; plain bytes]
        { SockOpt.Set(socket, SocketLevel.IP, IPT_SO_GET_INFO, in info, "x"); } // bad [SockOpt Socket; using static; package] KS2001
        { SockOpt.Set(handle, SocketLevel.IP, LocalNames.GetInfo, new byte[84], "x"); } // bad [SockOpt SafeHandle; const in another file; plain bytes] KS2001
        { var cmd = SharedNames.GetInfo; SockOpt.TrySet(fd, SocketLevel.IP, cmd, new byte[84]); } // bad [SockOpt int; var local; plain bytes] KS2001
        { SockOpt.Set(socket, SocketLevel.IP, IPT_SO_SET_REPLACE, new byte[10], "x"); } // bad [SockOpt Socket; using static; plain bytes] KS2004
        { SockOpt.Set(socket, SocketLevel.IP, SharedNames.SetReplace, new byte[10], "x"); } // bad [SockOpt Socket; const in another assembly; plain bytes] KS2004
        { SockOpt.Set(socket, SocketLevel.Socket, SocketLayer.SO_MARK, in mark, "SO_MARK"); } // good [SockOpt Socket; catalog constant; plain integers] KS2009
        { SockOpt.Set(socket, SocketLevel.Socket, SharedNames.Mark, in flag, "SO_MARK"); } // good [SockOpt Socket; const in another assembly; plain integers]
        { SockOpt.Set(socket, SocketLevel.IP, SocketLayer.SO_MARK, in mark, "SO_MARK"); } // bad [SockOpt Socket; catalog constant; plain integers] KS2003
        { SockOpt.TrySet(handle, SocketLevel.IP, SharedNames.Transparent, in flag); } // good [SockOpt SafeHandle; readonly field in another assembly; plain integers] KS2009
        { SockOpt.TrySet(handle, SocketLevel.IPv6, SharedNames.Transparent, in flag); } // bad [SockOpt SafeHandle; readonly field in another assembly; plain integers] KS2003
        { SockOpt.TrySet(handle, SocketLevel.IP, IPOptions.IP_TRANSPARENT, in mine); } // bad [SockOpt SafeHandle; catalog constant; user mirror] KS2005
        { SockOpt.TrySet(fd, SocketLevel.IP, 19, in flag); } // good [SockOpt int; literal; plain integers] KS2002
    }
}
