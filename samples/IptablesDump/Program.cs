using System;
using System.Net.Sockets;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// <c>iptables-save</c>, <c>ip6tables-save</c> and <c>arptables-save</c> for the legacy tables, read through
/// <c>*_SO_GET_INFO</c> and <c>*_SO_GET_ENTRIES</c>. Usage: <c>IptablesDump [--family ip|ip6|arp] [-c] [-t table] [--extensions]</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the dump (or <c>--append</c>); reports kernel refusals on standard error.</summary>
    public static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (SocketOptionException e)
        {
            // EPERM: not root / no CAP_NET_ADMIN; ENOENT: no such table; EAGAIN on replace: the table changed.
            Console.Error.WriteLine($"IptablesDump: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is XtTableFormatException or ArgumentException or SocketException)
        {
            Console.Error.WriteLine($"IptablesDump: {e.Message}");
            return 1;
        }
    }

    private static int Run(string[] args)
    {
        bool counters = false, extensions = false;
        string? table = null;
        XtFamily family = XtFamily.IPv4;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-c" or "--counters":
                    counters = true;
                    break;
                case "-t" or "--table" when i + 1 < args.Length:
                    table = args[++i];
                    break;
                case "-f" or "--family" when i + 1 < args.Length && DumpCommand.ParseFamily(args[i + 1]) is XtFamily f:
                    family = f;
                    i++;
                    break;
                case "--extensions":
                    extensions = true;
                    break;
                case "--append":
                    return AppendCommand.Run(args.AsSpan(i + 1));
                default:
                    Console.Error.WriteLine("usage: IptablesDump [--family ip|ip6|arp] [-c] [-t table] [--extensions]\n       IptablesDump --append [-t table] CHAIN [-s addr[/len]] [-d addr[/len]] [-p tcp|udp|icmp] [-j ACCEPT|DROP|RETURN|CHAIN]");
                    return 2;
            }
        }

        return extensions ? DumpCommand.ListExtensions(family, table) : DumpCommand.Run(family, table, counters);
    }
}
