using System;

namespace KernelStructs;

/// <summary>
/// Marks a <c>partial struct</c> as a mirror of a C struct or union from a kernel header.
/// The source generator computes the struct's C layout for every supported ABI and emits
/// <c>SizeOf</c>, <c>Offsets</c>, zero-copy views, accessors and a layout picture.
/// </summary>
/// <remarks>
/// Fields are declared in C order; each field's C name is its C# name unless
/// <see cref="CFieldAttribute"/> gives another. A C type name that starts with <c>union </c>
/// declares a union: every member starts at offset 0 and the struct must use
/// <c>[StructLayout(LayoutKind.Explicit)]</c> with <c>[FieldOffset(0)]</c> on every field.
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
    /// <param name="cName">The C type, with its tag keyword: <c>"struct ipt_getinfo"</c>, <c>"union nf_inet_addr"</c>.</param>
    public KernelStructAttribute(string cName) => CName = cName;

    /// <summary>The C type, with its tag keyword (<c>struct</c> or <c>union</c>).</summary>
    public string CName { get; }

    /// <summary>The header that declares the C type, as it is written in <c>#include &lt;...&gt;</c>, e.g. <c>linux/in.h</c>.</summary>
    public string? Header { get; set; }

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
