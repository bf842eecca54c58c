using System;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

// Whole-table reads over IPVS's typed GET commands, and the flag values of <linux/ip_vs.h> they report.
public static partial class IpVs
{
    /// <summary><c>IP_VS_SVC_F_PERSISTENT</c>: the service keeps a client on one real server for <c>timeout</c> seconds.</summary>
    public const uint IP_VS_SVC_F_PERSISTENT = 0x0001;

    /// <summary><c>IP_VS_SVC_F_ONEPACKET</c>: one-packet scheduling (UDP).</summary>
    public const uint IP_VS_SVC_F_ONEPACKET = 0x0004;

    /// <summary><c>IP_VS_CONN_F_FWD_MASK</c>: the forwarding-method bits of <c>conn_flags</c>.</summary>
    public const uint IP_VS_CONN_F_FWD_MASK = 0x0007;

    /// <summary><c>IP_VS_CONN_F_MASQ</c>: masquerading (NAT).</summary>
    public const uint IP_VS_CONN_F_MASQ = 0x0000;

    /// <summary><c>IP_VS_CONN_F_LOCALNODE</c>: the real server is this host.</summary>
    public const uint IP_VS_CONN_F_LOCALNODE = 0x0001;

    /// <summary><c>IP_VS_CONN_F_TUNNEL</c>: IP-in-IP tunnelling.</summary>
    public const uint IP_VS_CONN_F_TUNNEL = 0x0002;

    /// <summary><c>IP_VS_CONN_F_DROUTE</c>: direct routing.</summary>
    public const uint IP_VS_CONN_F_DROUTE = 0x0003;

    /// <summary><c>IP_VS_STATE_MASTER</c>: a master sync daemon.</summary>
    public const int IP_VS_STATE_MASTER = 0x0001;

    /// <summary><c>IP_VS_STATE_BACKUP</c>: a backup sync daemon.</summary>
    public const int IP_VS_STATE_BACKUP = 0x0002;

    /// <summary>How many times a whole-table read starts again when the services or destinations changed under it.</summary>
    internal const int MaxReadAttempts = 100;

    /// <summary>
    /// Every IPv4 virtual service (the sockopt interface shows no others): <c>IP_VS_SO_GET_INFO</c> for the count, then
    /// <c>IP_VS_SO_GET_SERVICES</c> with exactly that many entries (the kernel wants the exact length), again when the
    /// count changed in between.
    /// </summary>
    /// <exception cref="SocketOptionException">ENOPROTOOPT: no IPVS; EPERM: no <c>CAP_NET_ADMIN</c>; EAGAIN: the services kept changing.</exception>
    public static IpVsServiceEntry[] ReadServices(int fd)
    {
        for (int attempt = 1; ; attempt++)
        {
            int count = checked((int)GetInfo(fd).num_services);
            byte[] buffer = new byte[IpVsGetServices.SizeFor(count)];
            MemoryMarshal.Write(buffer, new IpVsGetServices { num_services = (uint)count });
            GetServices(fd, buffer);

            // Fewer services than announced leave the tail as it was: read the count again to know the answer is whole.
            if (GetInfo(fd).num_services == (uint)count)
            {
                return MemoryMarshal.Cast<byte, IpVsServiceEntry>(buffer.AsSpan(IpVsGetServices.Offsets.entrytable, count * IpVsServiceEntry.SizeOf)).ToArray();
            }

            if (attempt == MaxReadAttempts)
            {
                throw new SocketOptionException(Errno.EAGAIN, SocketLevel.IP, IP_VS_SO_GET_SERVICES, nameof(IP_VS_SO_GET_SERVICES), SockOptDirection.Get);
            }
        }
    }

    /// <summary>
    /// The real servers of <paramref name="service"/> (found by protocol, address and port, or by fwmark):
    /// <c>IP_VS_SO_GET_SERVICE</c> for the count, then <c>IP_VS_SO_GET_DESTS</c> with exactly that many entries.
    /// </summary>
    /// <exception cref="SocketOptionException">ESRCH: no such service; EAGAIN: its destinations kept changing.</exception>
    public static IpVsDestEntry[] ReadDestinations(int fd, in IpVsServiceEntry service)
    {
        for (int attempt = 1; ; attempt++)
        {
            IpVsServiceEntry current = service;
            GetService(fd, ref current);
            int count = checked((int)current.num_dests);
            byte[] buffer = new byte[IpVsGetDests.SizeFor(count)];
            var header = new IpVsGetDests
            {
                protocol = service.protocol,
                addr = service.addr,
                port = service.port,
                fwmark = service.fwmark,
                num_dests = (uint)count,
            };
            MemoryMarshal.Write(buffer, in header);
            GetDests(fd, buffer);

            IpVsServiceEntry after = service;
            GetService(fd, ref after);
            if (after.num_dests == (uint)count)
            {
                return MemoryMarshal.Cast<byte, IpVsDestEntry>(buffer.AsSpan(IpVsGetDests.Offsets.entrytable, count * IpVsDestEntry.SizeOf)).ToArray();
            }

            if (attempt == MaxReadAttempts)
            {
                throw new SocketOptionException(Errno.EAGAIN, SocketLevel.IP, IP_VS_SO_GET_DESTS, nameof(IP_VS_SO_GET_DESTS), SockOptDirection.Get);
            }
        }
    }

    /// <summary><c>IP_VS_SO_GET_VERSION</c> as text, e.g. <c>IP Virtual Server version 1.2.1 (size=4096)</c>.</summary>
    public static string GetVersion(int fd)
    {
        Span<byte> text = stackalloc byte[IP_VS_VERSION_ARGLEN];
        int length = GetVersion(fd, text);
        return StructHelpers.ReadCString(text.Slice(0, length));
    }
}
