using System;
using System.Net.Sockets;
using KernelStructs;
using KernelStructs.Netfilter;
using Tmds.Linux;
using static KernelStructs.Samples.ConntrackTupleModule.CtMod;

namespace KernelStructs.Samples.ConntrackTupleModule;

// Compiled only with -p:ShowMisuse=true: every line below is a mistake the analyzers report (README.md).
internal static unsafe class Misuse
{
    public static void Run(Socket socket, int fd)
    {
        var tuple = default(NfConntrackTuple);

        // KS2001: a GET command on setsockopt; the kernel would run CTMOD_SO_SET_TUPLE (the fix offers it).
        LibC.setsockopt(fd, 0, CTMOD_SO_GET_TUPLE, &tuple, (uint)sizeof(NfConntrackTuple));

        // KS2002 (info): a bare number; 3201 at SOL_IP on getsockopt is CTMOD_SO_GET_STATS.
        socket.GetRawSocketOption(0, 3201, stackalloc byte[24]);

        // KS2003: an IPv4 command at SOL_IPV6.
        SockOpt.Get<CtModStats>(socket, SocketLevel.IPv6, CTMOD_SO_GET_STATS, LengthRule.Truncating, "CTMOD_SO_GET_STATS");

        // KS2004: a 16-byte buffer for a 40-byte struct.
        socket.SetRawSocketOption(0, CTMOD_SO_SET_TUPLE, stackalloc byte[16]);

        // KS2005: the wrong struct.
        SockOpt.Get<SockAddrIn>(socket, SocketLevel.IP, CTMOD_SO_GET_STATS, LengthRule.Truncating, "CTMOD_SO_GET_STATS");

        // KS2009 (info): CtModOptions.GetStats makes this call.
        SockOpt.Get<CtModStats>(socket, SocketLevel.IP, CTMOD_SO_GET_STATS, LengthRule.Truncating, "CTMOD_SO_GET_STATS");
    }
}

internal static class BadCommands
{
    // KS2006: the payload has no C layout.
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(string))]
    public const int CTMOD_SO_GET_NAME = CTMOD_BASE_CTL + 2;
}

internal static partial class BadWrappers
{
    // KS2007: a GET wrapper of a SET command.
    [GetSockOpt(CTMOD_SO_SET_TUPLE)]
    public static partial NfConntrackTuple GetPinned(Socket socket);

    // KS2012: a number is not a command; the wrapper names the constant that states the rest.
    [GetSockOpt(3201)]
    public static partial CtModStats GetStatsByNumber(Socket socket);
}
