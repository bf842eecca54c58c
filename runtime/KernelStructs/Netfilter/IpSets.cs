using System;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Netfilter;

/// <summary>
/// ipset's socket option (<c>SO_IP_SET</c> at <c>SOL_IP</c>, <c>&lt;linux/netfilter/ipset/ip_set.h&gt;</c>): the
/// interface the <c>set</c> match and <c>SET</c> target use to name sets, which their payloads hold by index.
/// </summary>
public static partial class IpSets
{
    //   command                                  level            direction                 payload
    /// <summary><c>SO_IP_SET</c>: name or index of a set (<see cref="IpSetReqGetSet"/> with <c>IP_SET_OP_GET_BYNAME</c>/<c>_GET_BYINDEX</c>; the request is input).</summary>
    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(IpSetReqGetSet))]
    public const int SO_IP_SET = 83;

    /// <summary><c>SO_IP_SET</c>: fills in <paramref name="request"/> (its <c>op</c>, <c>version</c> and the name or index are input).</summary>
    [GetSockOpt(SO_IP_SET)]
    public static partial Errno TryGetSet(int fd, ref IpSetReqGetSet request);

    /// <summary>
    /// The name of the set at <paramref name="index"/> in the network namespace of <paramref name="fd"/> (any IPv4
    /// socket), as <c>iptables</c> asks it (<c>IP_SET_OP_GET_BYINDEX</c>); <see langword="null"/> when there is no such set.
    /// </summary>
    /// <exception cref="SocketOptionException">The kernel refused (ENOPROTOOPT: no ipset in the kernel; EPERM: no <c>CAP_NET_ADMIN</c>).</exception>
    public static unsafe string? GetName(int fd, ushort index)
    {
        var request = new IpSetReqGetSet { op = XtSetConstants.IP_SET_OP_GET_BYINDEX, version = XtSetConstants.IPSET_PROTOCOL };
        request.set.index = index;
        Errno err = TryGetSet(fd, ref request);
        if (err.IsError)
        {
            throw new SocketOptionException(err, SocketLevel.IP, SO_IP_SET, nameof(SO_IP_SET), SockOptDirection.Get);
        }

        var name = new ReadOnlySpan<byte>(request.set.name, XtSetConstants.IPSET_MAXNAMELEN);
        int nul = name.IndexOf((byte)0);
        return nul == 0 ? null : System.Text.Encoding.ASCII.GetString(nul < 0 ? name : name.Slice(0, nul));
    }
}
