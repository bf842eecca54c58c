using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// <c>struct __kernel_sockaddr_storage</c> from <c>linux/socket.h</c>: room for any socket address, 128 bytes, aligned like a
/// pointer (the payload part of <c>group_req</c>, <c>group_source_req</c> and <c>tcp_md5sig</c>).
/// </summary>
/// <remarks>
/// In C, every member is inside an anonymous union (<see cref="Storage"/>) of an anonymous struct (<see cref="FamilyAndData"/>)
/// and <c>void *__align</c>: C names them <c>ss_family</c>, <c>__data</c> and <c>__align</c> directly, as <c>Offsets</c> does;
/// in C# they are <c>u.s.ss_family</c>, or <see cref="ss_family"/> and <see cref="__align"/> through the generated references.
/// </remarks>
[KernelStruct("struct __kernel_sockaddr_storage", Header = "linux/socket.h", ExpectedSize = 128)]
public partial struct KernelSockaddrStorage
{
    /// <summary>The anonymous <c>union { struct { ss_family; __data; }; void *__align; }</c>.</summary>
    [CField(Anonymous = true)]
    public Storage u;

    /// <summary>The unnamed union of the anonymous member <see cref="u"/>.</summary>
    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct Storage
    {
        /// <summary>The anonymous <c>struct { __kernel_sa_family_t ss_family; char __data[126]; }</c>.</summary>
        [FieldOffset(0)]
        [CField(Anonymous = true)]
        public FamilyAndData s;

        /// <summary><c>void *__align</c>: gives the struct a pointer's alignment.</summary>
        [FieldOffset(0)]
        public nint __align;
    }

    /// <summary>The unnamed struct of the anonymous member <see cref="Storage.s"/>.</summary>
    [KernelStruct("struct")]
    public unsafe partial struct FamilyAndData
    {
        /// <summary><c>__kernel_sa_family_t ss_family</c>: the address family.</summary>
        public ushort ss_family;

        /// <summary><c>char __data[126]</c>: the address, as the family lays it out (a <c>sockaddr_in</c>'s bytes after its family, ...).</summary>
        public fixed byte __data[126];
    }
}

/// <summary><c>struct group_req</c> from <c>linux/in.h</c>: the payload of <c>MCAST_JOIN_GROUP</c>/<c>MCAST_LEAVE_GROUP</c>.</summary>
[KernelStruct("struct group_req", Header = "linux/in.h")]
public partial struct GroupReq
{
    /// <summary>The interface index (0: let the kernel choose).</summary>
    public uint gr_interface;

    /// <summary>The group address (a <c>sockaddr_in</c> or <c>sockaddr_in6</c>).</summary>
    public KernelSockaddrStorage gr_group;
}

/// <summary><c>struct group_source_req</c> from <c>linux/in.h</c>: the payload of <c>MCAST_JOIN_SOURCE_GROUP</c>, <c>MCAST_BLOCK_SOURCE</c>, ...</summary>
[KernelStruct("struct group_source_req", Header = "linux/in.h")]
public partial struct GroupSourceReq
{
    /// <summary>The interface index (0: let the kernel choose).</summary>
    public uint gsr_interface;

    /// <summary>The group address.</summary>
    public KernelSockaddrStorage gsr_group;

    /// <summary>The source address.</summary>
    public KernelSockaddrStorage gsr_source;
}

/// <summary><c>struct tcp_md5sig</c> from <c>linux/tcp.h</c>: the payload of <c>TCP_MD5SIG</c>/<c>TCP_MD5SIG_EXT</c> (RFC 2385 keys).</summary>
[KernelStruct("struct tcp_md5sig", Header = "linux/tcp.h", ExpectedSize = 216)]
public unsafe partial struct TcpMd5Sig
{
    /// <summary><c>TCP_MD5SIG_MAXKEYLEN</c>: the longest key.</summary>
    public const int TCP_MD5SIG_MAXKEYLEN = 80;

    /// <summary>The peer's address.</summary>
    public KernelSockaddrStorage tcpm_addr;

    /// <summary><c>TCP_MD5SIG_FLAG_PREFIX</c> (1), <c>TCP_MD5SIG_FLAG_IFINDEX</c> (2).</summary>
    public byte tcpm_flags;

    /// <summary>The address prefix length, with <c>TCP_MD5SIG_FLAG_PREFIX</c>.</summary>
    public byte tcpm_prefixlen;

    /// <summary>The key's length.</summary>
    public ushort tcpm_keylen;

    /// <summary>The device index, with <c>TCP_MD5SIG_FLAG_IFINDEX</c>.</summary>
    public int tcpm_ifindex;

    /// <summary>The key.</summary>
    public fixed byte tcpm_key[TCP_MD5SIG_MAXKEYLEN];
}
