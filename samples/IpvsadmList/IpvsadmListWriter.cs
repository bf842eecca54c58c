using System;
using System.Globalization;
using System.IO;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IpvsadmList;

/// <summary>
/// Writes the virtual services as <c>ipvsadm -Ln</c> prints them (ipvsadm 1.31): the version line, the two title
/// lines, then each service sorted as <c>ipvs_cmp_services</c> sorts them, with its real servers sorted by address
/// and port, in <c>printf</c>'s column widths.
/// </summary>
public sealed class IpvsadmListWriter
{
    private const int IPPROTO_TCP = 6;
    private readonly TextWriter _output;

    /// <summary>Writes to <paramref name="output"/> (use <c>\n</c> line ends, as ipvsadm does).</summary>
    public IpvsadmListWriter(TextWriter output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Reads everything through <paramref name="fd"/> (an AF_INET socket) and writes the listing.</summary>
    public void Write(int fd)
    {
        IpVsGetInfo info = IpVs.GetInfo(fd);
        IpVsServiceEntry[] services = IpVs.ReadServices(fd);
        var destinations = new IpVsDestEntry[services.Length][];
        for (int i = 0; i < services.Length; i++)
        {
            destinations[i] = IpVs.ReadDestinations(fd, services[i]);
        }

        Write(info, services, destinations);
    }

    /// <summary>Writes the listing of <paramref name="services"/>, whose real servers are <paramref name="destinations"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destinations"/> does not hold one array for each service, or holds a null one.</exception>
    public void Write(in IpVsGetInfo info, IpVsServiceEntry[] services, IpVsDestEntry[][] destinations)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(destinations);
        if (destinations.Length != services.Length)
        {
            throw new ArgumentException($"One array of real servers for each service is needed: {services.Length} services, {destinations.Length} arrays.", nameof(destinations));
        }

        int missing = Array.FindIndex(destinations, d => d is null);
        if (missing >= 0)
        {
            throw new ArgumentException($"The real servers of service {missing} are null.", nameof(destinations));
        }

        uint v = info.version;
        _output.Write($"IP Virtual Server version {(v >> 16) & 0xff}.{(v >> 8) & 0xff}.{v & 0xff} (size={(int)info.size})\n");
        _output.Write("Prot LocalAddress:Port Scheduler Flags\n");
        _output.Write("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");

        int[] order = SortedIndexes(services.Length, (a, b) => CompareServices(services[a], services[b]));
        foreach (int i in order)
        {
            WriteService(services[i], destinations[i]);
        }
    }

    private void WriteService(in IpVsServiceEntry se, IpVsDestEntry[] dests)
    {
        string name = se.fwmark != 0
            ? $"FWM  {(int)se.fwmark}"
            : Truncate($"{(se.protocol == IPPROTO_TCP ? "TCP" : "UDP")}  {AddrPort(se.addr, se.port)}", 33);
        _output.Write($"{name} {se.GetSched_name()}");
        if ((se.flags & IpVs.IP_VS_SVC_F_PERSISTENT) != 0)
        {
            _output.Write($" persistent {se.timeout}");
            if (se.netmask.Value != 0xffffffff)
            {
                _output.Write($" mask {new InAddr { s_addr = se.netmask }}");
            }

            if ((se.flags & IpVs.IP_VS_SVC_F_ONEPACKET) != 0)
            {
                _output.Write(" ops");
            }
        }

        _output.Write('\n');
        int[] order = SortedIndexes(dests.Length, (a, b) => CompareDests(dests[a], dests[b]));
        foreach (int i in order)
        {
            ref readonly IpVsDestEntry e = ref dests[i];
            string forward = (e.conn_flags & IpVs.IP_VS_CONN_F_FWD_MASK) switch
            {
                IpVs.IP_VS_CONN_F_MASQ => "Masq",
                IpVs.IP_VS_CONN_F_LOCALNODE => "Local",
                IpVs.IP_VS_CONN_F_TUNNEL => "Tunnel",
                IpVs.IP_VS_CONN_F_DROUTE => "Route",
                _ => "(null)", // printf("%s", NULL) in glibc
            };
            _output.Write(string.Create(CultureInfo.InvariantCulture,
                $"  -> {Truncate(AddrPort(e.addr, e.port), 28),-28} {forward,-7} {e.weight,-6} {e.activeconns,-10} {e.inactconns,-10}\n"));
        }
    }

    private static string AddrPort(Be32 addr, Be16 port) => $"{new InAddr { s_addr = addr }}:{port.Value}";

    private static string Truncate(string s, int length) => s.Length > length ? s.Substring(0, length) : s;

    // libipvs's ipvs_cmp_services: differences taken as C ints (fwmark, af, protocol, address in host order, port).
    private static int CompareServices(in IpVsServiceEntry a, in IpVsServiceEntry b)
    {
        int r = unchecked((int)(a.fwmark - b.fwmark));
        if (r == 0)
        {
            r = a.protocol - b.protocol;
        }

        if (r == 0)
        {
            r = unchecked((int)(a.addr.Value - b.addr.Value));
        }

        return r != 0 ? r : a.port.Value - b.port.Value;
    }

    // libipvs's ipvs_cmp_dests: address in host order, then port.
    private static int CompareDests(in IpVsDestEntry a, in IpVsDestEntry b)
    {
        int r = unchecked((int)(a.addr.Value - b.addr.Value));
        return r != 0 ? r : a.port.Value - b.port.Value;
    }

    private static int[] SortedIndexes(int count, Comparison<int> compare)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // Stable for equal keys (qsort would not be, but IPVS has no two services or destinations with equal keys).
        Array.Sort(order, (x, y) => compare(x, y) is int c && c != 0 ? c : x - y);
        return order;
    }
}
