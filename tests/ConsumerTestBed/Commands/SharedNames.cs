using KernelStructs;
using KernelStructs.Netfilter;

namespace Consumer.Commands;

/// <summary>Constants that stand for the package's commands, compiled into this assembly: TestBed sees only metadata.</summary>
public static class SharedNames
{
    public const int OriginalDst = Conntrack.SO_ORIGINAL_DST;
    public const int GetInfo = IpTables.IPT_SO_GET_INFO;
    public const int SetReplace = IpTables.IPT_SO_SET_REPLACE;
    public const int Mark = SocketLayer.SO_MARK;
    public static readonly int Transparent = IPOptions.IP_TRANSPARENT;
}

/// <summary>A user's own mirror of <c>struct sockaddr_in</c>, from another assembly.</summary>
[KernelStruct("struct sockaddr_in")]
public partial struct PeerAddress
{
    public ushort sin_family;
    public ushort sin_port;
    public uint sin_addr;
    public ulong sin_zero;
}

/// <summary>A plain blittable struct of the user's (no mirror): the kernel reads its 8 bytes.</summary>
public struct TwoInts
{
    public int A;
    public int B;
}
