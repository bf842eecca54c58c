using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using KernelStructs;
using KernelStructs.Samples.IpvsadmList;

// ipvsadm -Ln over the IPVS sockopt interface: IP_VS_SO_GET_INFO, GET_SERVICES, GET_SERVICE and GET_DESTS, decoded
// through the catalog's mirrors. Needs root (CAP_NET_ADMIN) and a kernel with IPVS (modprobe ip_vs).
if (args.Length > 0 && args[0] is not "-Ln")
{
    Console.Error.WriteLine("usage: IpvsadmList [-Ln]\n  Lists the IPv4 virtual services and their real servers as 'ipvsadm -Ln' does.");
    return args[0] is "-h" or "--help" ? 0 : 2;
}

try
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    var output = new StreamWriter(Console.OpenStandardOutput(), Encoding.ASCII) { NewLine = "\n" };
    new IpvsadmListWriter(output).Write((int)socket.Handle);
    output.Flush();
    return 0;
}
catch (SocketOptionException e)
{
    string hint = e.Errno == Errno.ENOPROTOOPT ? " (no IPVS in this kernel: modprobe ip_vs)"
        : e.Errno == Errno.EPERM ? " (needs root or CAP_NET_ADMIN)" : string.Empty;
    Console.Error.WriteLine($"IpvsadmList: {e.Message}{hint}");
    return 1;
}
