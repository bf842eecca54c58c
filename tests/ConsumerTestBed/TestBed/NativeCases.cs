using System.Runtime.InteropServices;
using KernelStructs;
using KernelStructs.Netfilter;
using Consumer.Commands;
using CT = KernelStructs.Conntrack;
using IPT = KernelStructs.Netfilter.IpTables;

namespace Consumer;

/// <summary>The consumer's own imports of libc's getsockopt/setsockopt, under other names.</summary>
internal static unsafe partial class Native
{
    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static extern int GetOpt(int fd, int level, int name, void* value, uint* length);

    [DllImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static extern int SetOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int ReadOption(int fd, int level, int name, void* value, uint* length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int WriteOption(int fd, int level, int name, void* value, uint length);
}

/// <summary>DllImport and LibraryImport calls.</summary>
public static unsafe class NativeCases
{
    private const int Level = 0;

    public static void Run(int fd)
    {
        SockAddrIn dst = default; IptGetInfo info = default; Tmds.Linux.sockaddr_in tdst = default; int flag = 1;

        { uint l = 16; Native.GetOpt(fd, Level, CT.SO_ORIGINAL_DST, &dst, &l); } // good [DllImport; alias; package]
        { uint l = (uint)sizeof(Tmds.Linux.sockaddr_in); Native.GetOpt(fd, Level, SharedNames.OriginalDst, &tdst, &l); } // good [DllImport; const in another assembly; Tmds.Linux]
        { uint l = 8; Native.GetOpt(fd, Level, CT.SO_ORIGINAL_DST, &dst, &l); } // bad [DllImport; alias; package] KS2004
        { uint l = 84; Native.GetOpt(fd, 41, CT.SO_ORIGINAL_DST, &dst, &l); } // bad [DllImport; alias; package] KS2003
        { Native.SetOpt(fd, Level, IPT.IPT_SO_GET_INFO, &info, (uint)sizeof(IptGetInfo)); } // bad [DllImport; alias; package] KS2001
        { Native.SetOpt(fd, Level, SharedNames.GetInfo, &info, 84); } // bad [DllImport; const in another assembly; package] KS2001
        { Native.SetOpt(fd, Level, IPOptions.IP_TRANSPARENT, &flag, sizeof(int)); } // good [DllImport; catalog constant; plain integers] KS2009
        { Native.SetOpt(fd, Level, IPOptions.IP_TRANSPARENT, &flag, 1); } // bad [DllImport; catalog constant; plain integers] KS2004

        { uint l = (uint)SockAddrIn.SizeOf; Native.ReadOption(fd, Level, CT.SO_ORIGINAL_DST, &dst, &l); } // good [LibraryImport; alias; package]
        { uint l = (uint)sizeof(IptGetInfo); Native.ReadOption(fd, Level, LocalNames.GetInfo, &info, &l); } // good [LibraryImport; const in another file; package]
        { uint l = 4; Native.ReadOption(fd, Level, CT.SO_ORIGINAL_DST, &dst, &l); } // bad [LibraryImport; alias; package] KS2004
        { uint l = 100; Native.ReadOption(fd, Level, SharedNames.GetInfo, &info, &l); } // bad [LibraryImport; const in another assembly; package] KS2004
        { Native.WriteOption(fd, Level, LocalNames.GetInfo, &info, 84); } // bad [LibraryImport; const in another file; package] KS2001
        { var cmd = SharedNames.GetInfo; Native.WriteOption(fd, Level, cmd, &info, 84); } // bad [LibraryImport; var local; package] KS2001
        { Native.WriteOption(fd, 1, IPOptions.IP_TRANSPARENT, &flag, 4); } // bad [LibraryImport; catalog constant; plain integers] KS2003
        { Native.WriteOption(fd, Level, IPOptions.IP_TRANSPARENT, &flag, 4); } // good [LibraryImport; catalog constant; plain integers]
    }
}
