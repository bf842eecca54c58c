using System;

namespace KernelStructs;

/// <summary>
/// Marks a <c>partial struct</c> as a mirror of a C struct or union from a kernel header.
/// The source generator computes the struct's C layout for every supported ABI and emits
/// <c>SizeOf</c>, <c>Offsets</c>, zero-copy views, accessors and a layout picture.
/// </summary>
/// <remarks>
/// <para>
/// Fields are declared in C order; each field's C name is its C# name unless
/// <see cref="CFieldAttribute"/> gives another. A C type name that starts with <c>union </c>
/// declares a union: every member starts at offset 0 and the struct must use
/// <c>[StructLayout(LayoutKind.Explicit)]</c> with <c>[FieldOffset(0)]</c> on every field.
/// </para>
/// <para>
/// <c>"struct"</c> or <c>"union"</c> alone declares a C type without a name: the type of a member such as
/// <c>struct nf_conntrack_tuple</c>'s <c>dst</c> (<c>struct { ... } dst;</c>), or of an anonymous member
/// (<c>union { ... };</c>, a field marked <see cref="CFieldAttribute.Anonymous"/>). Such a mirror is checked
/// through the struct that contains it; nest it in that struct's C# type.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [KernelStruct("struct sockaddr_in", Header = "linux/in.h", ExpectedSize = 16)]
/// public partial struct SockAddrIn
/// {
///     public ushort sin_family;
///     public Be16 sin_port;
///     public Be32 sin_addr;
///     public unsafe fixed byte __pad[8];
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class KernelStructAttribute : Attribute
{
    /// <param name="cName">
    /// The C type, with its tag keyword: <c>"struct ipt_getinfo"</c>, <c>"union nf_inet_addr"</c>; or the tag keyword
    /// alone (<c>"struct"</c>, <c>"union"</c>) for a type without a name.
    /// </param>
    public KernelStructAttribute(string cName) => CName = cName;

    /// <summary>The C type, with its tag keyword (<c>struct</c> or <c>union</c>); the keyword alone for an unnamed type.</summary>
    public string CName { get; }

    /// <summary>The header that declares the C type, as it is written in <c>#include &lt;...&gt;</c>, e.g. <c>linux/in.h</c>.</summary>
    public string? Header { get; set; }

    /// <summary>
    /// Headers that header verification includes before <see cref="Header"/>, in order (e.g. <c>sys/types.h</c>
    /// for a header that does not include what it uses).
    /// </summary>
    public string[]? Includes { get; set; }

    /// <summary>
    /// Macros that header verification defines before any include: <c>NAME</c> or <c>NAME=value</c>
    /// (e.g. <c>_GNU_SOURCE</c>, under which <c>&lt;sys/socket.h&gt;</c> declares <c>struct ucred</c>).
    /// </summary>
    public string[]? Defines { get; set; }

    /// <summary>
    /// Whether <see cref="Header"/> is a kernel-internal header (<c>net/netfilter/nf_conntrack_tuple.h</c>), found in
    /// the kernel's build tree rather than in the uapi headers: header verification compiles it with kbuild (the
    /// kernel's include paths and flags) for the build machine's ABI. BTF verification treats it like any other type.
    /// </summary>
    public bool Internal { get; set; }

    /// <summary>
    /// How much of the C type the mirror declares (<see cref="StructExtent.Complete"/> by default):
    /// <see cref="StructExtent.Prefix"/> for its first members only, <see cref="StructExtent.Growing"/> for a struct
    /// that gains members at its end from one kernel version to the next.
    /// </summary>
    public StructExtent Extent { get; set; }

    /// <summary>
    /// The size the C type is expected to have on every supported ABI (0: no expectation).
    /// A computed size that differs is a compile error (KS1101).
    /// </summary>
    public int ExpectedSize { get; set; }

    /// <summary>
    /// <c>__attribute__((packed))</c>: every member is aligned to 1 byte unless it states its own alignment.
    /// </summary>
    public bool Packed { get; set; }

    /// <summary>
    /// <c>#pragma pack(n)</c>: members are aligned to at most <c>n</c> bytes (1, 2, 4, 8 or 16; 0: no packing).
    /// </summary>
    public int Pack { get; set; }

    /// <summary>
    /// <c>__attribute__((aligned(n)))</c> on the type: its alignment is at least <c>n</c> bytes (a power of two; 0: natural).
    /// </summary>
    public int Alignment { get; set; }
}
