using System;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Netfilter;
using Tmds.Linux;
using Consumer.Commands;
using CT = KernelStructs.Conntrack;
using IPT = KernelStructs.Netfilter.IpTables;

namespace Consumer;

/// <summary>Socket.GetRawSocketOption/SetRawSocketOption, and Get/SetSocketOption with cast numbers.</summary>
public static class SocketCases
{
    public static void Run(Socket socket)
    {
        byte[] buffer = new byte[16]; bool on = true;

        // Raw calls: the kernel's numbers as they are
        { socket.GetRawSocketOption((int)SocketLevel.IP, CT.SO_ORIGINAL_DST, new byte[16]); } // good [Socket raw; alias; plain bytes]
        { Span<byte> b = stackalloc byte[SockAddrIn.SizeOf]; socket.GetRawSocketOption(0, SharedNames.OriginalDst, b); } // good [Socket raw; const in another assembly; package]
        { socket.GetRawSocketOption(LibC.SOL_IP, LocalNames.OriginalDst, new byte[28]); } // good [Socket raw; const in another file; plain bytes]
        { socket.GetRawSocketOption((int)SocketLevel.IP, CT.SO_ORIGINAL_DST, new byte[4]); } // bad [Socket raw; alias; plain bytes] KS2004
        { socket.GetRawSocketOption(0, SharedNames.OriginalDst, new byte[8]); } // bad [Socket raw; const in another assembly; plain bytes] KS2004
        { var small = new byte[8]; socket.GetRawSocketOption(0, LocalNames.OriginalDst, small); } // bad [Socket raw; const in another file; plain bytes] KS2004
        { socket.GetRawSocketOption(LibC.SOL_IPV6, CT.SO_ORIGINAL_DST, new byte[16]); } // bad [Socket raw; alias; plain bytes] KS2003
        { socket.GetRawSocketOption((int)SocketOptionLevel.Socket, SocketLayer.SO_MARK, new byte[4]); } // bad [Socket raw; catalog constant; plain integers] KS2003
        { socket.SetRawSocketOption(0, IPT.IPT_SO_GET_INFO, new byte[84]); } // bad [Socket raw; alias; plain bytes] KS2001
        { socket.SetRawSocketOption(0, SharedNames.GetInfo, new byte[84]); } // bad [Socket raw; const in another assembly; plain bytes] KS2001
        { var cmd = LocalNames.GetInfo; socket.SetRawSocketOption(0, cmd, new byte[84]); } // bad [Socket raw; var local; plain bytes] KS2001
        { socket.SetRawSocketOption(0, CT.SO_ORIGINAL_DST, new byte[16]); } // bad [Socket raw; alias; plain bytes] KS2001
        { socket.SetRawSocketOption(0, IPT.IPT_SO_SET_REPLACE, new byte[10]); } // bad [Socket raw; alias; plain bytes] KS2004
        { socket.GetRawSocketOption(0, IPT.IPT_SO_GET_INFO, new byte[100]); } // bad [Socket raw; alias; plain bytes] KS2004
        { socket.GetRawSocketOption(0, IPT.IPT_SO_GET_INFO, new byte[IptGetInfo.SizeOf]); } // good [Socket raw; alias; package]
        { socket.SetRawSocketOption(0, IPOptions.IP_TRANSPARENT, BitConverter.GetBytes(1)); } // good [Socket raw; catalog constant; plain integers]
        { socket.SetRawSocketOption(0, IPOptions.IP_TRANSPARENT, new byte[2]); } // bad [Socket raw; catalog constant; plain integers] KS2004
        { socket.SetRawSocketOption(1, SharedNames.Mark, new byte[4]); } // good [Socket raw; const in another assembly; plain integers]
        { socket.SetRawSocketOption(1, SharedNames.Transparent, new byte[4]); } // bad [Socket raw; readonly field in another assembly; plain integers] KS2003

        // Get/SetSocketOption: .NET's own numbering, translated on Linux
        { socket.GetSocketOption(SocketOptionLevel.IP, (SocketOptionName)CT.SO_ORIGINAL_DST, buffer); } // bad [Socket cast; alias; plain bytes] KS2013
        { socket.GetSocketOption(SocketOptionLevel.IP, (SocketOptionName)80, buffer); } // bad [Socket cast; literal; plain bytes] KS2013
        { socket.SetSocketOption(SocketOptionLevel.IP, (SocketOptionName)IPOptions.IP_TRANSPARENT, on); } // bad [Socket cast; catalog constant; plain integers] KS2013
        { socket.SetSocketOption(SocketOptionLevel.IP, (SocketOptionName)LibC.IP_TRANSPARENT, 1); } // bad [Socket cast; LibC property; plain integers] KS2013
        { socket.SetSocketOption(SocketOptionLevel.IP, (SocketOptionName)LocalNames.Transparent, 1); } // bad [Socket cast; const in another file; plain integers] KS2013
        { socket.SetSocketOption(SocketOptionLevel.IP, (SocketOptionName)SharedNames.GetInfo, new byte[84]); } // bad [Socket cast; const in another assembly; plain bytes] KS2013
        { socket.SetSocketOption(SocketOptionLevel.Socket, (SocketOptionName)SocketLayer.SO_MARK, 7); } // bad [Socket cast; catalog constant; plain integers] KS2013
        { socket.SetSocketOption((SocketOptionLevel)LibC.SOL_SOCKET, (SocketOptionName)LibC.SO_MARK, 7); } // bad [Socket cast; LibC property; plain integers] KS2013
        { socket.SetSocketOption(SocketOptionLevel.Tcp, (SocketOptionName)1, 1); } // good [Socket cast; literal; plain integers]
        { socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true); } // good [Socket cast; .NET name; plain integers]
        { socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); } // good [Socket cast; .NET name; plain integers]
    }
}
