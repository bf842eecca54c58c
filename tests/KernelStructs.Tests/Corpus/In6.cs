using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KernelStructs;

namespace KernelStructs.Tests.Corpus;

// linux/in6.h

/// <summary>The anonymous union <c>in6_u</c> of <c>struct in6_addr</c>.</summary>
[KernelStruct("union in6_u", Header = "linux/in6.h")]
[StructLayout(LayoutKind.Explicit)]
public unsafe partial struct In6AddrUnion
{
    [FieldOffset(0)] public fixed byte u6_addr8[16];
    [FieldOffset(0)] public Be16x8 u6_addr16;
    [FieldOffset(0)] public Be32x4 u6_addr32;
}

[InlineArray(8)]
public struct Be16x8
{
    private Be16 _element;
}

[InlineArray(4)]
public struct Be32x4
{
    private Be32 _element;
}

[KernelStruct("struct in6_addr", Header = "linux/in6.h")]
public partial struct In6Addr
{
    public In6AddrUnion in6_u;
}

[KernelStruct("struct sockaddr_in6", Header = "linux/in6.h")]
public partial struct SockAddrIn6
{
    public ushort sin6_family;
    public Be16 sin6_port;
    public Be32 sin6_flowinfo;
    public In6Addr sin6_addr;
    public uint sin6_scope_id;
}

[KernelStruct("struct ipv6_mreq", Header = "linux/in6.h")]
public partial struct Ipv6Mreq
{
    public In6Addr ipv6mr_multiaddr;
    public int ipv6mr_ifindex;
}

[KernelStruct("struct in6_flowlabel_req", Header = "linux/in6.h")]
public partial struct In6FlowlabelReq
{
    public In6Addr flr_dst;
    public Be32 flr_label;
    public byte flr_action;
    public byte flr_share;
    public ushort flr_flags;
    public ushort flr_expires;
    public ushort flr_linger;
    public uint __flr_pad;
}
