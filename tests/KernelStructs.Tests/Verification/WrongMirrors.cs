using KernelStructs;

namespace KernelStructs.Tests.Verification;

// Mirrors the header verification tests expect to fail; the build itself does not verify headers.

/// <summary><c>struct sockaddr_in</c> with <c>sin_port</c> declared 4 bytes wide instead of <c>__be16</c>.</summary>
[KernelStruct("struct sockaddr_in", Header = "linux/in.h")]
public unsafe partial struct WideSinPort
{
    public ushort sin_family;
    public uint sin_port;
    public Be32 sin_addr;
    public fixed byte __pad[8];
}

/// <summary><c>struct sockaddr_in</c> with a member name the header does not have.</summary>
[KernelStruct("struct sockaddr_in", Header = "linux/in.h")]
public unsafe partial struct MisspelledSinPort
{
    public ushort sin_family;
    public Be16 sin_prot;
    public Be32 sin_addr;
    public fixed byte __pad[8];
}

/// <summary>A struct from a header no compiler has.</summary>
[KernelStruct("struct ks_missing", Header = "linux/kernelstructs_no_such_header.h")]
public partial struct FromMissingHeader
{
    public uint value;
}

/// <summary>A struct without a header: nothing to verify it against.</summary>
[KernelStruct("struct ks_private")]
public partial struct WithoutHeader
{
    public uint value;
}

/// <summary>
/// <c>struct nf_conntrack_tuple</c> with <c>dst.protonum</c> and <c>dst.dir</c> in the wrong order, as a module's user side
/// might write it by mistake: BTF verification names both members with the kernel's offsets.
/// </summary>
[KernelStruct("struct nf_conntrack_tuple", Header = "net/netfilter/nf_conntrack_tuple.h", Internal = true)]
public partial struct SwappedTuple
{
    public KernelStructs.Netfilter.NfConntrackMan src;
    public Dst dst;

    [KernelStruct("struct")]
    public partial struct Dst
    {
        public KernelStructs.Netfilter.NfInetAddr u3;
        public Be16 u;
        public byte dir;
        public byte protonum;
    }
}
