using System;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Netfilter;
using Consumer.Commands;

namespace Consumer;

/// <summary>The package's typed wrappers, and the consumer's own declarations of them.</summary>
public static partial class WrapperCases
{
    public static void Run(Socket socket, int fd)
    {
        IptGetInfo info = default;
        { var d = Conntrack.GetOriginalDestination(socket); } // good [typed wrapper; catalog constant; package]
        { IpTables.GetInfo(fd, ref info); } // good [typed wrapper; catalog constant; package]
        { IPOptions.SetTransparent(socket, true); } // good [typed wrapper; catalog constant; plain integers]
        { var d = GetPeer(socket); var m = GetMark(socket); } // good [typed wrapper; const in another assembly; user mirror]
    }

    [GetSockOpt(SharedNames.OriginalDst)] private static partial PeerAddress GetPeer(Socket socket); // good [declared wrapper; const in another assembly; user mirror]

    [GetSockOpt(SharedNames.Mark)] private static partial uint GetMark(Socket socket); // good [declared wrapper; const in another assembly; plain integers]

    [GetSockOpt(LocalNames.GetInfo)] private static partial void ReadInfo(int fd, ref IptGetInfo info); // good [declared wrapper; const in another file; package]

    [SetSockOpt(LocalNames.GetInfo)] private static partial void WriteInfo(int fd, in IptGetInfo info); // bad [declared wrapper; const in another file; package] KS2007

    [SetSockOpt(SharedNames.GetInfo)] private static partial void WriteInfo2(int fd, ReadOnlySpan<byte> info); // bad [declared wrapper; const in another assembly; package] KS2007

    [GetSockOpt(SharedNames.OriginalDst)] private static partial SockAddrIn6 GetWrongPeer(Socket socket); // bad [declared wrapper; const in another assembly; package] KS2005
}
