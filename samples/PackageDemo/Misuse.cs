using System.Net.Sockets;
using KernelStructs.Netfilter;

namespace Demo;

// Compiled only with -p:ShowMisuse=true (samples/run-demo.sh does, to show the analyzers at work): the build fails.
internal static class Misuse
{
    public static void ReplaceTheTableByMistake(Socket socket, IptGetInfo info)
    {
        // KS2001: IPT_SO_GET_INFO is a getsockopt command. On setsockopt, 64 at SOL_IP is IPT_SO_SET_REPLACE:
        // the kernel would take these bytes as a whole new table.
        socket.SetRawSocketOption((int)SocketOptionLevel.IP, IpTables.IPT_SO_GET_INFO, info.AsBytes());
    }
}
