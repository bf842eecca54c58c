using System;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using System.Text;
using KernelStructs;
using KernelStructs.Samples;
using KernelStructs.Samples.IpvsadmList;

// ipvsadm -Ln over the IPVS sockopt interface: IP_VS_SO_GET_INFO, GET_SERVICES, GET_SERVICE and GET_DESTS, decoded
// through the catalog's mirrors. Needs root (CAP_NET_ADMIN) and a kernel with IPVS (modprobe ip_vs).
const string Tool = "IpvsadmList";
// ipvsadm's own spelling, -Ln, is accepted; the listing is always numeric.
var list = new Option<bool>("--list", "-L") { Description = "List the virtual services (the only thing this tool does)." };
var numeric = new Option<bool>("--numeric", "-n") { Description = "Numeric addresses and ports (always)." };
var root = new RootCommand(
    "ipvsadm -Ln for the IPv4 virtual services and their real servers, read straight from the kernel with IP_VS_SO_GET_INFO, " +
    "GET_SERVICES, GET_SERVICE and GET_DESTS. " +
    "Exit codes: 0 done, 1 the kernel refused (no IPVS in this kernel), 2 bad arguments, 3 needs root or CAP_NET_ADMIN.")
{
    list, numeric,
};
root.SetAction(_ =>
{
    try
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var output = new StreamWriter(Console.OpenStandardOutput(), Encoding.ASCII) { NewLine = "\n" };
        new IpvsadmListWriter(output).Write((int)socket.Handle);
        output.Flush();
        return ExitCode.Success;
    }
    catch (Exception e) when (SampleCommandLine.IsPermissionDenied(e))
    {
        return SampleCommandLine.Fail(Tool, SampleCommandLine.NeedsNetAdmin("reading the IPVS tables"), ExitCode.NeedsPrivilege);
    }
    catch (SocketOptionException e)
    {
        return SampleCommandLine.Fail(Tool, e.Message + (e.Errno == Errno.ENOPROTOOPT ? " (no IPVS in this kernel: modprobe ip_vs)" : string.Empty));
    }
    catch (Exception e) when (e is SocketException or IOException)
    {
        return SampleCommandLine.Fail(Tool, e.Message);
    }
});
return await SampleCommandLine.RunAsync(root, args);
