using KernelStructs;
using KernelStructs.Netfilter;

namespace Consumer;

/// <summary>Constants that stand for commands, in another file of the same project.</summary>
internal static class LocalNames
{
    public const int OriginalDst = Conntrack.SO_ORIGINAL_DST;
    public const int GetInfo = IpTables.IPT_SO_GET_INFO;
    public const int SetReplace = IpTables.IPT_SO_SET_REPLACE;
    public const int Transparent = IPOptions.IP_TRANSPARENT;
    public static readonly int Mark = SocketLayer.SO_MARK;
}
