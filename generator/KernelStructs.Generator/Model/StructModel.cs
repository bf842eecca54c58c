namespace KernelStructs.Generator.Model;

/// <summary>What a C type is, as far as its layout and its accessors are concerned.</summary>
internal enum CTypeKind
{
    /// <summary>A fixed-width integer (<c>__u8</c> ... <c>__s64</c>), an enum's underlying type included.</summary>
    Integer,

    /// <summary>A fixed-width integer stored in a stated byte order (<c>__be16</c>, <c>__le32</c>, ...).</summary>
    ByteOrder,

    /// <summary>A pointer-sized integer: <c>nint</c>/<c>nuint</c> and pointers (<c>void *</c>).</summary>
    Pointer,

    /// <summary>C <c>long</c>/<c>unsigned long</c> (<c>CLong</c>/<c>CULong</c>).</summary>
    Long,

    /// <summary>A nested struct or union.</summary>
    Struct,

    /// <summary>A C array: a fixed buffer or an <c>[InlineArray]</c>.</summary>
    Array,
}

/// <summary>
/// A C type as the layout engine needs it. Sizes that depend on the ABI (pointers, <c>long</c>,
/// structs) are computed by <see cref="Layout.LayoutEngine"/>, not stored here.
/// </summary>
/// <param name="Kind">What the type is.</param>
/// <param name="CSharpName">The C# type, fully qualified with <c>global::</c>.</param>
/// <param name="CName">The C spelling used in layout pictures (<c>__u16</c>, <c>struct in_addr</c>).</param>
/// <param name="Size">The size of an <see cref="CTypeKind.Integer"/> or <see cref="CTypeKind.ByteOrder"/> type; 0 otherwise.</param>
/// <param name="Signed">Whether an integer type is signed.</param>
/// <param name="Struct">The nested struct of a <see cref="CTypeKind.Struct"/> type.</param>
/// <param name="Element">The element type of an <see cref="CTypeKind.Array"/> type.</param>
/// <param name="Length">The element count of an <see cref="CTypeKind.Array"/> type.</param>
internal sealed record CType(
    CTypeKind Kind,
    string CSharpName,
    string CName,
    int Size = 0,
    bool Signed = false,
    StructShape? Struct = null,
    CType? Element = null,
    int Length = 0)
{
    /// <summary>Whether the type is a C# pointer (<c>T*</c>, <c>delegate*</c>), which only unsafe code can touch, rather than <c>nint</c>.</summary>
    public bool IsUnmanagedPointer => Kind == CTypeKind.Pointer && CName == "void *";

    /// <summary>Whether the type is a byte array (a candidate for <c>char name[N]</c>).</summary>
    public bool IsByteArray => Kind == CTypeKind.Array && Element is { Kind: CTypeKind.Integer, Size: 1 };
}

/// <summary>How a field is declared in C#, which decides how generated code reaches it.</summary>
internal enum FieldStorage
{
    /// <summary>An ordinary field.</summary>
    Plain,

    /// <summary>A <c>fixed</c> buffer.</summary>
    FixedBuffer,

    /// <summary>A field of an <c>[InlineArray]</c> struct type.</summary>
    InlineArray,
}

/// <summary>The accessibility a field of a struct can have in C#, most accessible first.</summary>
internal enum FieldAccess
{
    /// <summary><c>public</c>.</summary>
    Public,

    /// <summary><c>internal</c>.</summary>
    Internal,

    /// <summary><c>private</c>.</summary>
    Private,
}

/// <summary>One C bitfield in a storage unit.</summary>
internal sealed record BitFieldModel(string Name, int Width);

/// <summary>One field of a mirrored struct, in C order.</summary>
/// <param name="Name">The C# field name.</param>
/// <param name="CName">The C member name.</param>
/// <param name="Type">The C type.</param>
/// <param name="Storage">How the field is declared in C#.</param>
/// <param name="ExpectedOffset">The stated offset expectation, or -1.</param>
/// <param name="Alignment"><c>__attribute__((aligned(n)))</c> on the member, or 0.</param>
/// <param name="ClrOffset">The <c>[FieldOffset]</c> value under explicit layout, or -1.</param>
/// <param name="IsCString">Whether the field is a <c>char name[N]</c> string.</param>
/// <param name="BitFields">The bitfields this storage unit holds, in C order (empty for a plain member).</param>
/// <param name="IsAnonymous">
/// Whether the field stands for an anonymous struct or union member (<c>union { ... };</c>): it has no C name, and C
/// reaches the members of its (unnamed) type as members of the enclosing type.
/// </param>
/// <param name="IsReadOnly">Whether the C# field is <c>readonly</c>: generated code reads it and never assigns it.</param>
/// <param name="Access">
/// The field's declared accessibility, which bounds the references the generator adds to members of anonymous members.
/// </param>
internal sealed record FieldModel(
    string Name,
    string CName,
    CType Type,
    FieldStorage Storage,
    int ExpectedOffset,
    int Alignment,
    int ClrOffset,
    bool IsCString,
    EquatableArray<BitFieldModel> BitFields,
    bool IsAnonymous = false,
    bool IsReadOnly = false,
    FieldAccess Access = FieldAccess.Public)
{
    /// <summary>Whether the field stands for a storage unit of bitfields rather than a named C member.</summary>
    public bool IsBitFieldUnit => BitFields.Count > 0;

    /// <summary>Whether the field's type is a struct or union without a C name, whose members verification reaches through the field.</summary>
    public bool HasUnnamedType => Type is { Kind: CTypeKind.Struct, Struct.IsUnnamed: true };
}

/// <summary>The flexible array member that follows the last field.</summary>
/// <param name="CName">The member's C name.</param>
/// <param name="Element">The element type.</param>
/// <param name="Alignment"><c>aligned(n)</c> on the member, 0 for none, or <see cref="PointerAlignment"/>.</param>
internal sealed record FlexibleArrayModel(string CName, CType Element, int Alignment)
{
    /// <summary><c>FlexibleArrayAttribute.PointerAlignment</c>: aligned like a pointer on each ABI.</summary>
    public const int PointerAlignment = -1;
}

/// <summary>How the CLR lays out the C# declaration, from its <c>[StructLayout]</c>.</summary>
/// <param name="Explicit">Whether the struct uses <c>LayoutKind.Explicit</c>.</param>
/// <param name="Pack">The <c>Pack</c> value (0: default).</param>
/// <param name="Size">The <c>Size</c> value (0: none).</param>
/// <param name="GeneratorOwnsLayout">
/// Whether the generator writes the <c>[StructLayout]</c>: a <c>[KernelStruct]</c> without one of its own. The generator
/// then states <c>Pack</c> for packed structs and <c>Size</c> where C pads past the last field (see <see cref="Layout.LayoutEngine.GeneratedClrSize"/>).
/// </param>
/// <param name="FromMetadata">
/// Whether the type comes from a referenced assembly, whose <c>[StructLayout]</c> and <c>[FieldOffset]</c> metadata does not
/// show: its CLR layout is taken to be its C layout, which the analyzers checked where it was compiled.
/// </param>
internal sealed record ClrLayoutModel(bool Explicit, int Pack, int Size, bool GeneratorOwnsLayout, bool FromMetadata = false);

/// <summary>Everything that decides a struct's layout: the input of <see cref="Layout.LayoutEngine"/>.</summary>
/// <param name="CName">The C type with its tag keyword.</param>
/// <param name="CSharpName">The C# type, fully qualified with <c>global::</c>.</param>
/// <param name="IsUnion">Whether the C type is a union.</param>
/// <param name="Packed"><c>__attribute__((packed))</c>.</param>
/// <param name="Pack"><c>#pragma pack(n)</c>, or 0.</param>
/// <param name="Alignment"><c>__attribute__((aligned(n)))</c> on the type, or 0.</param>
/// <param name="Fields">The fields in C order.</param>
/// <param name="Flexible">The flexible array member, if any.</param>
/// <param name="Clr">How the CLR lays the declaration out.</param>
/// <param name="HasLayout">Whether the type is a <c>[KernelStruct]</c> with a generated <c>Layout</c> that other mirrors can refer to.</param>
internal sealed record StructShape(
    string CName,
    string CSharpName,
    bool IsUnion,
    bool Packed,
    int Pack,
    int Alignment,
    EquatableArray<FieldModel> Fields,
    FlexibleArrayModel? Flexible,
    ClrLayoutModel Clr,
    bool HasLayout = false)
{
    /// <summary>Whether the C type has no name (<c>struct { ... }</c>): <see cref="CName"/> is the tag keyword alone.</summary>
    public bool IsUnnamed => CName is "struct" or "union";
}

/// <summary>A type that contains the mirrored struct, redeclared <c>partial</c> around the generated code.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>How much of the C type a mirror declares (<c>KernelStructs.StructExtent</c>).</summary>
internal enum StructExtent
{
    /// <summary>Every member.</summary>
    Complete = 0,

    /// <summary>The first members only.</summary>
    Prefix = 1,

    /// <summary>The whole struct of one kernel version, for a struct that grows at its end.</summary>
    Growing = 2,
}

/// <summary>What header verification needs to compile a mirror's C type: the header, what goes before it, and where it is found.</summary>
/// <param name="Header">The header that declares the type, or <see langword="null"/>.</param>
/// <param name="Includes">Headers included before <paramref name="Header"/>.</param>
/// <param name="Defines">Macros defined before any include (<c>NAME</c> or <c>NAME=value</c>).</param>
/// <param name="Internal">Whether the header is kernel-internal (compiled with kbuild) rather than uapi.</param>
internal sealed record HeaderModel(string? Header, EquatableArray<string> Includes, EquatableArray<string> Defines, bool Internal);

/// <summary>One <c>[KernelStruct]</c> declaration: the unit the generator caches and emits from.</summary>
/// <param name="Namespace">The namespace as source text (keywords escaped), or <see langword="null"/> for the global namespace.</param>
/// <param name="MetadataName">The type's metadata name with its namespace (<c>A.Outer+Name</c>): unique in the assembly, the root of hint names.</param>
/// <param name="ContainingTypes">Containing types, outermost first, their names as source text.</param>
/// <param name="TypeName">The struct's C# name (unescaped: <see cref="Parsing.Names.Escape"/> writes it).</param>
/// <param name="Headers">The C header and what compiling it needs.</param>
/// <param name="ExpectedSize">The stated size expectation, or 0.</param>
/// <param name="Extent">How much of the C type the mirror declares.</param>
/// <param name="Shape">The layout input.</param>
/// <param name="HasStructLayout">Whether the declaration has its own <c>[StructLayout]</c>.</param>
/// <param name="IsReadOnly">Whether the struct is declared <c>readonly</c>.</param>
/// <param name="IsAccessible">Whether code elsewhere in the assembly can name the type (no private or protected type on its path).</param>
/// <param name="DeclaredMembers">Names of members the user declared, which the generator does not emit again.</param>
/// <param name="Problems">What is wrong with the declaration.</param>
internal sealed record StructModel(
    string? Namespace,
    string MetadataName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string TypeName,
    HeaderModel Headers,
    int ExpectedSize,
    StructExtent Extent,
    StructShape Shape,
    bool HasStructLayout,
    bool IsReadOnly,
    bool IsAccessible,
    EquatableArray<string> DeclaredMembers,
    EquatableArray<Problem> Problems)
{
    /// <summary>The C header, if stated.</summary>
    public string? Header => Headers.Header;
}
