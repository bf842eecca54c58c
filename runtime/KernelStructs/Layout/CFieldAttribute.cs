using System;

namespace KernelStructs;

/// <summary>
/// Describes the C member a field of a <see cref="KernelStructAttribute"/> struct mirrors,
/// where that differs from the defaults (C name = C# name, natural alignment, no expectation).
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class CFieldAttribute : Attribute
{
    /// <summary>The field mirrors the C member of the same name.</summary>
    public CFieldAttribute() { }

    /// <param name="name">The C member's name, when the C# name cannot be the same (e.g. a C# keyword).</param>
    public CFieldAttribute(string name) => Name = name;

    /// <summary>The C member's name; <see langword="null"/> when it is the C# field's name.</summary>
    public string? Name { get; }

    /// <summary>
    /// The offset the member is expected to have on every supported ABI (-1: no expectation).
    /// A computed offset that differs is a compile error (KS1102).
    /// </summary>
    public int ExpectedOffset { get; set; } = -1;

    /// <summary><c>__attribute__((aligned(n)))</c> on the member (a power of two; 0: natural alignment).</summary>
    public int Alignment { get; set; }

    /// <summary>
    /// Whether the field stands for an anonymous struct or union member (<c>union { ... };</c>, no member name): its
    /// members are members of the enclosing C type, which <c>offsetof</c> and the generated <c>Offsets</c> name
    /// directly. The field's type is the unnamed C type, a <see cref="KernelStructAttribute"/> of <c>"struct"</c> or
    /// <c>"union"</c>; the C# name is only for C#.
    /// </summary>
    /// <example>
    /// <code>
    /// // struct __kernel_sockaddr_storage { union { struct { __kernel_sa_family_t ss_family; char __data[126]; }; void *__align; }; };
    /// [KernelStruct("struct __kernel_sockaddr_storage", Header = "linux/socket.h")]
    /// public partial struct KernelSockaddrStorage
    /// {
    ///     [CField(Anonymous = true)] public Storage u;
    ///
    ///     [KernelStruct("union")]
    ///     [StructLayout(LayoutKind.Explicit)]
    ///     public partial struct Storage
    ///     {
    ///         [FieldOffset(0), CField(Anonymous = true)] public Family s;
    ///         [FieldOffset(0)] public nint __align;
    ///     }
    ///
    ///     [KernelStruct("struct")]
    ///     public unsafe partial struct Family
    ///     {
    ///         public ushort ss_family;
    ///         public fixed byte __data[126];
    ///     }
    /// }
    /// </code>
    /// </example>
    public bool Anonymous { get; set; }
}
