using KernelStructs;

namespace Consumer;

/// <summary>The consumer's own mirror of <c>struct sockaddr_in</c>: the same C struct as the package's <c>SockAddrIn</c>.</summary>
[KernelStruct("struct sockaddr_in")]
public unsafe partial struct MySockAddrIn
{
    public ushort sin_family;
    public ushort sin_port;
    public uint sin_addr;
    public fixed byte sin_zero[8];
}

/// <summary>The consumer's mirror of another C struct, of the same size as <c>struct sockaddr_in</c>.</summary>
[KernelStruct("struct my_pair")]
public partial struct MyPair
{
    public ulong first;
    public ulong second;
}
