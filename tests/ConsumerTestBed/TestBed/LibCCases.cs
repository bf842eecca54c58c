using KernelStructs;
using KernelStructs.Netfilter;
using Tmds.Linux;
using Consumer.Commands;
using static KernelStructs.Conntrack;
using CT = KernelStructs.Conntrack;
using IPT = KernelStructs.Netfilter.IpTables;

namespace Consumer;

/// <summary>Tmds.LibC's getsockopt/setsockopt.</summary>
public static unsafe class LibCCases
{
    public static void Run(int fd)
    {
        SockAddrIn dst = default; SockAddrIn6 dst6 = default; sockaddr_in tdst = default; sockaddr_in6 tdst6 = default;
        MySockAddrIn mine = default; PeerAddress peer = default; MyPair pair = default; TwoInts two = default;
        IptGetInfo info = default; int flag = 1; uint mark = 7; long wide = 0;

        // SO_ORIGINAL_DST: get, SOL_IP, struct sockaddr_in, at least 16 bytes
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &dst, &l); } // good [LibC; alias; package]
        { socklen_t l = (uint)sizeof(SockAddrIn); LibC.getsockopt(fd, LibC.IPPROTO_IP, SO_ORIGINAL_DST, &dst, &l); } // good [LibC; using static; package]
        { socklen_t l = (uint)sizeof(sockaddr_in); LibC.getsockopt(fd, LibC.SOL_IP, Conntrack.SO_ORIGINAL_DST, &tdst, &l); } // good [LibC; catalog constant; Tmds.Linux]
        { socklen_t l = (uint)sizeof(sockaddr_in6); LibC.getsockopt(fd, LibC.SOL_IPV6, Conntrack.IP6T_SO_ORIGINAL_DST, &tdst6, &l); } // good [LibC; catalog constant; Tmds.Linux]
        { socklen_t l = (uint)sizeof(MySockAddrIn); LibC.getsockopt(fd, LibC.SOL_IP, LocalNames.OriginalDst, &mine, &l); } // good [LibC; const in another file; user mirror]
        { socklen_t l = (uint)sizeof(PeerAddress); LibC.getsockopt(fd, LibC.SOL_IP, SharedNames.OriginalDst, &peer, &l); } // good [LibC; const in another assembly; user mirror]
        { const int cmd = CT.SO_ORIGINAL_DST; socklen_t l = 16; LibC.getsockopt(fd, 0, cmd, &dst, &l); } // good [LibC; const local; package]
        { var cmd = CT.SO_ORIGINAL_DST; socklen_t l = 16; LibC.getsockopt(fd, 0, cmd, &dst, &l); } // good [LibC; var local; package]
        { socklen_t l = 8; LibC.getsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &dst, &l); } // bad [LibC; alias; package] KS2004
        { socklen_t l = 8; LibC.getsockopt(fd, LibC.SOL_IP, SharedNames.OriginalDst, &peer, &l); } // bad [LibC; const in another assembly; user mirror] KS2004
        { socklen_t l = 8; LibC.getsockopt(fd, LibC.SOL_IP, LocalNames.OriginalDst, &tdst, &l); } // bad [LibC; const in another file; Tmds.Linux] KS2004
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &tdst6, &l); } // bad [LibC; alias; Tmds.Linux] KS2005
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &dst6, &l); } // bad [LibC; alias; package] KS2005
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &pair, &l); } // bad [LibC; alias; user mirror] KS2005
        { socklen_t l = 8; LibC.getsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &two, &l); } // bad [LibC; alias; user struct] KS2004
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_IPV6, CT.SO_ORIGINAL_DST, &dst, &l); } // bad [LibC; alias; package] KS2003
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_SOCKET, SO_ORIGINAL_DST, &dst, &l); } // bad [LibC; using static; package] KS2003
        { socklen_t l = 16; LibC.setsockopt(fd, LibC.SOL_IP, CT.SO_ORIGINAL_DST, &dst, l); } // bad [LibC; alias; package] KS2001
        { socklen_t l = 16; LibC.setsockopt(fd, LibC.SOL_IP, LocalNames.OriginalDst, &dst, l); } // bad [LibC; const in another file; package] KS2001
        { socklen_t l = 16; LibC.getsockopt(fd, LibC.SOL_IP, 80, &dst, &l); } // good [LibC; literal; package] KS2002

        // IPT_SO_GET_INFO (64, get) and IPT_SO_SET_REPLACE (64, set): one number, two commands
        { socklen_t l = (uint)sizeof(IptGetInfo); LibC.getsockopt(fd, LibC.SOL_IP, IPT.IPT_SO_GET_INFO, &info, &l); } // good [LibC; alias; package]
        { socklen_t l = (uint)IptGetInfo.SizeOf; LibC.getsockopt(fd, LibC.SOL_IP, SharedNames.GetInfo, &info, &l); } // good [LibC; const in another assembly; package]
        { socklen_t l = 100; LibC.getsockopt(fd, LibC.SOL_IP, IPT.IPT_SO_GET_INFO, &info, &l); } // bad [LibC; alias; package] KS2004
        { socklen_t l = 100; LibC.getsockopt(fd, LibC.SOL_IP, LocalNames.GetInfo, &info, &l); } // bad [LibC; const in another file; package] KS2004
        { LibC.setsockopt(fd, LibC.SOL_IP, IPT.IPT_SO_GET_INFO, &info, (uint)sizeof(IptGetInfo)); } // bad [LibC; alias; package] KS2001
        { LibC.setsockopt(fd, LibC.SOL_IP, LocalNames.GetInfo, &info, (uint)sizeof(IptGetInfo)); } // bad [LibC; const in another file; package] KS2001
        { LibC.setsockopt(fd, LibC.SOL_IP, SharedNames.GetInfo, &info, (uint)sizeof(IptGetInfo)); } // bad [LibC; const in another assembly; package] KS2001
        { var cmd = IPT.IPT_SO_GET_INFO; LibC.setsockopt(fd, LibC.SOL_IP, cmd, &info, (uint)sizeof(IptGetInfo)); } // bad [LibC; var local; package] KS2001
        { const int cmd = IpTables.IPT_SO_GET_INFO; LibC.setsockopt(fd, LibC.SOL_IP, cmd, &info, (uint)sizeof(IptGetInfo)); } // bad [LibC; const local; package] KS2001
        { byte* raw = stackalloc byte[10]; LibC.setsockopt(fd, LibC.SOL_IP, IPT.IPT_SO_SET_REPLACE, raw, 10); } // bad [LibC; alias; plain bytes] KS2004
        { byte* raw = stackalloc byte[10]; LibC.setsockopt(fd, LibC.SOL_IP, SharedNames.GetInfo, raw, 10); } // bad [LibC; const in another assembly; plain bytes] KS2001
        { LibC.getsockopt(fd, LibC.SOL_IP, 64, &info, null); } // good [LibC; literal; package] KS2002

        // int options: IP_TRANSPARENT (19, both), SO_MARK (36, both, uint)
        { LibC.setsockopt(fd, LibC.SOL_IP, IPOptions.IP_TRANSPARENT, &flag, sizeof(int)); } // good [LibC; catalog constant; plain integers] KS2009
        { LibC.setsockopt(fd, LibC.SOL_IP, LibC.IP_TRANSPARENT, &flag, sizeof(int)); } // good [LibC; LibC property; plain integers] KS2009
        { LibC.setsockopt(fd, LibC.SOL_IP, LocalNames.Transparent, &flag, 4); } // good [LibC; const in another file; plain integers]
        { LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_MARK, &mark, sizeof(uint)); } // good [LibC; LibC property; plain integers] KS2009
        { LibC.setsockopt(fd, LibC.SOL_SOCKET, LocalNames.Mark, &mark, sizeof(uint)); } // good [LibC; readonly field; plain integers] KS2009
        { LibC.setsockopt(fd, LibC.SOL_SOCKET, SharedNames.Mark, &mark, 4); } // good [LibC; const in another assembly; plain integers]
        { LibC.setsockopt(fd, LibC.SOL_IP, IPOptions.IP_TRANSPARENT, &flag, 2); } // bad [LibC; catalog constant; plain integers] KS2004
        { LibC.setsockopt(fd, LibC.SOL_IP, LibC.IP_TRANSPARENT, &flag, 2); } // bad [LibC; LibC property; plain integers] KS2004
        { LibC.setsockopt(fd, LibC.SOL_SOCKET, IPOptions.IP_TRANSPARENT, &flag, 4); } // bad [LibC; catalog constant; plain integers] KS2003
        { LibC.setsockopt(fd, LibC.SOL_IPV6, LibC.IP_TRANSPARENT, &flag, 4); } // bad [LibC; LibC property; plain integers] KS2003
        { LibC.setsockopt(fd, LibC.SOL_IP, SocketLayer.SO_MARK, &mark, 4); } // bad [LibC; catalog constant; plain integers] KS2003
        { LibC.setsockopt(fd, LibC.SOL_SOCKET, SocketLayer.SO_MARK, &wide, sizeof(long)); } // bad [LibC; catalog constant; plain integers] KS2004
        { LibC.setsockopt(fd, LibC.SOL_SOCKET, SocketLayer.SO_MARK, &dst, 16); } // bad [LibC; catalog constant; package] KS2005
    }
}
