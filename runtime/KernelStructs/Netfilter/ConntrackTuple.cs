using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs.Netfilter;

// Connection-tracking tuples: the uapi unions (<linux/netfilter.h>, <linux/netfilter/nf_conntrack_tuple_common.h>)
// and the kernel-internal structs of <net/netfilter/nf_conntrack_tuple.h> that a module's nf_sockopt_ops handler
// copies to user space. Each member of a C type without a name is a nested type named after the member.

/// <summary>
/// <c>union nf_inet_addr</c> from <c>linux/netfilter.h</c>: an IPv4 or IPv6 address as netfilter stores it, 16 bytes,
/// network order (an IPv4 address in the first 4 bytes).
/// </summary>
[KernelStruct("union nf_inet_addr", Header = "linux/netfilter.h", ExpectedSize = 16)]
[StructLayout(LayoutKind.Explicit)]
public unsafe partial struct NfInetAddr
{
    /// <summary><c>__u32 all[4]</c>: the 16 bytes as four words (netfilter compares addresses this way).</summary>
    [FieldOffset(0)] public fixed uint all[4];

    /// <summary><c>__be32 ip</c>: the IPv4 address.</summary>
    [FieldOffset(0)] public Be32 ip;

    /// <summary><c>__be32 ip6[4]</c>: the IPv6 address as four big-endian words.</summary>
    [FieldOffset(0)] public Ip6Words ip6;

    /// <summary><c>struct in_addr in</c>: the IPv4 address, formatted as <c>%pI4</c>.</summary>
    [FieldOffset(0)] public InAddr @in;

    /// <summary><c>struct in6_addr in6</c>: the IPv6 address, formatted as <c>%pI6c</c>.</summary>
    [FieldOffset(0)] public In6Addr in6;

    /// <summary>The <c>__be32 ip6[4]</c> array.</summary>
    [InlineArray(4)]
    public struct Ip6Words
    {
        private Be32 _element;
    }
}

/// <summary>
/// <c>union nf_conntrack_man_proto</c> from <c>linux/netfilter/nf_conntrack_tuple_common.h</c>: the part of a tuple
/// that NAT may change, by protocol (ports, ICMP id, GRE key), network order.
/// </summary>
[KernelStruct("union nf_conntrack_man_proto", Header = "linux/netfilter/nf_conntrack_tuple_common.h", ExpectedSize = 2)]
[StructLayout(LayoutKind.Explicit)]
public partial struct NfConntrackManProto
{
    /// <summary><c>__be16 all</c>: the two bytes, whatever the protocol.</summary>
    [FieldOffset(0)] public Be16 all;

    /// <summary><c>struct { __be16 port; } tcp</c>.</summary>
    [FieldOffset(0)] public Port tcp;

    /// <summary><c>struct { __be16 port; } udp</c>.</summary>
    [FieldOffset(0)] public Port udp;

    /// <summary><c>struct { __be16 id; } icmp</c>.</summary>
    [FieldOffset(0)] public Icmp icmp;

    /// <summary><c>struct { __be16 port; } dccp</c>.</summary>
    [FieldOffset(0)] public Port dccp;

    /// <summary><c>struct { __be16 port; } sctp</c>.</summary>
    [FieldOffset(0)] public Port sctp;

    /// <summary><c>struct { __be16 key; } gre</c>.</summary>
    [FieldOffset(0)] public Gre gre;

    /// <summary>The unnamed <c>struct { __be16 port; }</c> of <c>tcp</c>, <c>udp</c>, <c>dccp</c> and <c>sctp</c> (four C types with the same member).</summary>
    [KernelStruct("struct")]
    public partial struct Port
    {
        /// <summary>The port, network order.</summary>
        public Be16 port;
    }

    /// <summary>The unnamed <c>struct { __be16 id; }</c> of <c>icmp</c>.</summary>
    [KernelStruct("struct")]
    public partial struct Icmp
    {
        /// <summary>The ICMP echo id, network order.</summary>
        public Be16 id;
    }

    /// <summary>The unnamed <c>struct { __be16 key; }</c> of <c>gre</c>.</summary>
    [KernelStruct("struct")]
    public partial struct Gre
    {
        /// <summary>The GRE key (PPTP's call id), network order.</summary>
        public Be16 key;
    }
}

/// <summary>
/// <c>struct nf_conntrack_man</c> from the kernel-internal <c>net/netfilter/nf_conntrack_tuple.h</c>: the source half of
/// a tuple, the part NAT manipulates (address, protocol part, layer-3 protocol).
/// </summary>
[KernelStruct("struct nf_conntrack_man", Header = "net/netfilter/nf_conntrack_tuple.h", Internal = true, ExpectedSize = 20)]
public partial struct NfConntrackMan
{
    /// <summary><c>union nf_inet_addr u3</c>: the address.</summary>
    public NfInetAddr u3;

    /// <summary><c>union nf_conntrack_man_proto u</c>: the port, ICMP id or GRE key.</summary>
    public NfConntrackManProto u;

    /// <summary><c>u_int16_t l3num</c>: the layer-3 protocol, an address family (<c>AF_INET</c> 2, <c>AF_INET6</c> 10).</summary>
    public ushort l3num;
}

/// <summary>
/// <c>struct nf_conntrack_tuple</c> from the kernel-internal <c>net/netfilter/nf_conntrack_tuple.h</c>: what identifies a
/// connection in one direction. A module's <c>nf_sockopt_ops</c> handler can <c>copy_to_user</c> it as it is.
/// </summary>
/// <remarks>
/// <c>dst</c> is a member of a struct without a name (<see cref="Dst"/>), and its <c>u</c> a union without a name
/// (<see cref="Dst.U"/>): C reaches them as <c>dst.u3</c> and <c>dst.u.tcp.port</c>, C# as <c>dst.u3</c> and
/// <c>dst.u.tcp.port</c>; <c>Dst.Offsets.u3</c> is relative to <c>dst</c>. Newer kernels add an empty
/// <c>struct { } __nfct_hash_offsetend</c> before <c>dir</c>, which takes no bytes and has no C# counterpart.
/// </remarks>
[KernelStruct("struct nf_conntrack_tuple", Header = "net/netfilter/nf_conntrack_tuple.h", Internal = true, ExpectedSize = 40)]
public partial struct NfConntrackTuple
{
    /// <summary><c>struct nf_conntrack_man src</c>: the source address, port and layer-3 protocol.</summary>
    public NfConntrackMan src;

    /// <summary><c>struct { ... } dst</c>: the destination address, port, layer-4 protocol and direction.</summary>
    public Dst dst;

    /// <summary>The unnamed struct of <c>dst</c>.</summary>
    [KernelStruct("struct")]
    public partial struct Dst
    {
        /// <summary><c>union nf_inet_addr u3</c>: the destination address.</summary>
        public NfInetAddr u3;

        /// <summary><c>union { ... } u</c>: the destination port, ICMP type and code, or GRE key.</summary>
        public U u;

        /// <summary><c>u_int8_t protonum</c>: the layer-4 protocol (<c>IPPROTO_TCP</c> 6, <c>IPPROTO_UDP</c> 17, ...).</summary>
        public byte protonum;

        /// <summary><c>u_int8_t dir</c>: <c>IP_CT_DIR_ORIGINAL</c> (0) or <c>IP_CT_DIR_REPLY</c> (1).</summary>
        public byte dir;

        /// <summary>The unnamed union of <c>dst.u</c>.</summary>
        [KernelStruct("union")]
        [StructLayout(LayoutKind.Explicit)]
        public partial struct U
        {
            /// <summary><c>__be16 all</c>: the two bytes, whatever the protocol.</summary>
            [FieldOffset(0)] public Be16 all;

            /// <summary><c>struct { __be16 port; } tcp</c>.</summary>
            [FieldOffset(0)] public NfConntrackManProto.Port tcp;

            /// <summary><c>struct { __be16 port; } udp</c>.</summary>
            [FieldOffset(0)] public NfConntrackManProto.Port udp;

            /// <summary><c>struct { u_int8_t type, code; } icmp</c>.</summary>
            [FieldOffset(0)] public Icmp icmp;

            /// <summary><c>struct { __be16 port; } dccp</c>.</summary>
            [FieldOffset(0)] public NfConntrackManProto.Port dccp;

            /// <summary><c>struct { __be16 port; } sctp</c>.</summary>
            [FieldOffset(0)] public NfConntrackManProto.Port sctp;

            /// <summary><c>struct { __be16 key; } gre</c>.</summary>
            [FieldOffset(0)] public NfConntrackManProto.Gre gre;

            /// <summary>The unnamed struct of <c>dst.u.icmp</c>.</summary>
            [KernelStruct("struct")]
            public partial struct Icmp
            {
                /// <summary>The ICMP type.</summary>
                public byte type;

                /// <summary>The ICMP code.</summary>
                public byte code;
            }
        }
    }
}
