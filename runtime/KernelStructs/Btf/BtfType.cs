using System;

namespace KernelStructs.Btf;

/// <summary>
/// One BTF type, decoded from its record when a property is read. Which properties mean something depends on
/// <see cref="Kind"/>, as in the kernel's <c>Documentation/bpf/btf.rst</c>; asking for the members of an integer, say, gives
/// an empty list.
/// </summary>
/// <remarks>A malformed record (a name offset past the strings, say) makes the property that reads it throw <see cref="BtfFormatException"/>.</remarks>
public readonly struct BtfType : IEquatable<BtfType>
{
    private readonly int _offset;

    internal BtfType(BtfTypes types, int id, int offset)
    {
        Types = types;
        Id = id;
        _offset = offset;
    }

    /// <summary>The BTF the type belongs to.</summary>
    public BtfTypes Types { get; }

    /// <summary>The type id (0: <c>void</c>).</summary>
    public int Id { get; }

    /// <summary>The kind.</summary>
    public BtfKind Kind => _offset < 0 ? BtfKind.Void : (BtfKind)((Info >> 24) & 0x1f);

    /// <summary>The name; empty for an anonymous type or member type, and for kinds without one.</summary>
    public string Name => _offset < 0 || NameOffset == 0 ? string.Empty : Types.String(NameOffset);

    /// <summary>Whether the type has a name.</summary>
    public bool HasName => _offset >= 0 && NameOffset != 0;

    /// <summary><c>vlen</c>: the number of members, enum values, parameters or section variables; a function's linkage.</summary>
    public int Vlen => _offset < 0 ? 0 : (int)(Info & 0xffff);

    /// <summary>
    /// <c>kind_flag</c>: for a struct or union, member offsets hold bitfield sizes; for a forward declaration, a union; for an
    /// enum, signed values; for a tag, an attribute rather than a <c>btf_*_tag</c>.
    /// </summary>
    public bool KindFlag => _offset >= 0 && (Info & 0x8000_0000) != 0;

    /// <summary>The size in bytes of an <see cref="BtfKind.Int"/>, <see cref="BtfKind.Struct"/>, <see cref="BtfKind.Union"/>, enum, <see cref="BtfKind.Float"/> or <see cref="BtfKind.DataSec"/>.</summary>
    public int Size => HasSize ? (int)Math.Min(Types.U32(_offset + 8), int.MaxValue) : 0;

    /// <summary>
    /// The type this one refers to: what a pointer points to, what a typedef, qualifier or tag applies to, a function's
    /// prototype, a prototype's return type, a variable's type, a declaration tag's target.
    /// </summary>
    public int Type => HasSize || _offset < 0 ? 0 : (int)Math.Min(Types.U32(_offset + 8), int.MaxValue);

    /// <summary>An <see cref="BtfKind.Int"/>'s encoding: signed, char, bool.</summary>
    public BtfIntEncoding IntEncoding => Kind == BtfKind.Int ? (BtfIntEncoding)((Types.U32(_offset + 12) >> 24) & 0x0f) : BtfIntEncoding.None;

    /// <summary>An <see cref="BtfKind.Int"/>'s <c>BTF_INT_OFFSET</c>: the bit its value starts at (0 in kernel BTF).</summary>
    public int IntOffset => Kind == BtfKind.Int ? (int)((Types.U32(_offset + 12) >> 16) & 0xff) : 0;

    /// <summary>An <see cref="BtfKind.Int"/>'s <c>BTF_INT_BITS</c>: how many bits it holds (a bitfield's width in older encodings).</summary>
    public int IntBits => Kind == BtfKind.Int ? (int)(Types.U32(_offset + 12) & 0xff) : 0;

    /// <summary>An <see cref="BtfKind.Array"/>'s element type, index type and element count.</summary>
    public BtfArray Array => Kind == BtfKind.Array
        ? new BtfArray(Id32(_offset + 12), Id32(_offset + 16), Types.U32(_offset + 20))
        : default;

    /// <summary>A struct's or union's members, in order.</summary>
    public BtfMember[] Members
    {
        get
        {
            if (Kind is not (BtfKind.Struct or BtfKind.Union))
            {
                return System.Array.Empty<BtfMember>();
            }

            var members = new BtfMember[Vlen];
            var bitfields = KindFlag;
            for (var i = 0; i < members.Length; i++)
            {
                var at = _offset + 12 + (12 * i);
                var offset = Types.U32(at + 8);
                members[i] = new BtfMember(
                    Types,
                    Types.U32(at),
                    Id32(at + 4),
                    bitfields ? offset & 0x00ff_ffff : offset,
                    bitfields ? (int)(offset >> 24) : 0);
            }

            return members;
        }
    }

    /// <summary>An enum's values, in order (<see cref="BtfKind.Enum"/> and <see cref="BtfKind.Enum64"/>; signed when <see cref="KindFlag"/> is set).</summary>
    public BtfEnumValue[] EnumValues
    {
        get
        {
            if (Kind == BtfKind.Enum)
            {
                var values = new BtfEnumValue[Vlen];
                for (var i = 0; i < values.Length; i++)
                {
                    var at = _offset + 12 + (8 * i);
                    var raw = Types.U32(at + 4);
                    values[i] = new BtfEnumValue(Types, Types.U32(at), KindFlag ? (int)raw : raw);
                }

                return values;
            }

            if (Kind == BtfKind.Enum64)
            {
                var values = new BtfEnumValue[Vlen];
                for (var i = 0; i < values.Length; i++)
                {
                    var at = _offset + 12 + (12 * i);
                    var raw = ((ulong)Types.U32(at + 8) << 32) | Types.U32(at + 4);
                    values[i] = new BtfEnumValue(Types, Types.U32(at), (long)raw);
                }

                return values;
            }

            return System.Array.Empty<BtfEnumValue>();
        }
    }

    /// <summary>A <see cref="BtfKind.FuncProto"/>'s parameters (the last one has no name and type 0 for a variadic function).</summary>
    public BtfParameter[] Parameters
    {
        get
        {
            if (Kind != BtfKind.FuncProto)
            {
                return System.Array.Empty<BtfParameter>();
            }

            var parameters = new BtfParameter[Vlen];
            for (var i = 0; i < parameters.Length; i++)
            {
                var at = _offset + 12 + (8 * i);
                parameters[i] = new BtfParameter(Types, Types.U32(at), Id32(at + 4));
            }

            return parameters;
        }
    }

    /// <summary>A <see cref="BtfKind.DataSec"/>'s variables, with their offsets and sizes in the section.</summary>
    public BtfSectionVariable[] SectionVariables
    {
        get
        {
            if (Kind != BtfKind.DataSec)
            {
                return System.Array.Empty<BtfSectionVariable>();
            }

            var variables = new BtfSectionVariable[Vlen];
            for (var i = 0; i < variables.Length; i++)
            {
                var at = _offset + 12 + (12 * i);
                variables[i] = new BtfSectionVariable(Id32(at), Types.U32(at + 4), Types.U32(at + 8));
            }

            return variables;
        }
    }

    /// <summary>A <see cref="BtfKind.Var"/>'s linkage (0 static, 1 global, 2 extern); a <see cref="BtfKind.Func"/>'s is its <see cref="Vlen"/>.</summary>
    public int Linkage => Kind == BtfKind.Var ? (int)Math.Min(Types.U32(_offset + 12), int.MaxValue) : Kind == BtfKind.Func ? Vlen : 0;

    /// <summary>A <see cref="BtfKind.DeclTag"/>'s <c>component_idx</c>: -1 for the tagged declaration itself, else the member or parameter it tags.</summary>
    public int ComponentIndex => Kind == BtfKind.DeclTag ? (int)Types.U32(_offset + 12) : -1;

    private uint NameOffset => Types.U32(_offset);

    private uint Info => Types.U32(_offset + 4);

    private bool HasSize => _offset >= 0 && Kind is BtfKind.Int or BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Float or BtfKind.DataSec;

    /// <inheritdoc/>
    public bool Equals(BtfType other) => ReferenceEquals(Types, other.Types) && Id == other.Id;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BtfType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Types, Id);

    /// <summary>Whether two values name the same type of the same BTF.</summary>
    public static bool operator ==(BtfType left, BtfType right) => left.Equals(right);

    /// <summary>Whether two values name different types.</summary>
    public static bool operator !=(BtfType left, BtfType right) => !left.Equals(right);

    /// <summary>The type as <c>[id] KIND name</c>, e.g. <c>[123] STRUCT nf_conntrack_tuple</c>.</summary>
    public override string ToString() => Types is null ? "(none)" : $"[{Id}] {Kind.ToString().ToUpperInvariant()} {(HasName ? Name : "(anon)")}";

    private int Id32(int at) => (int)Math.Min(Types.U32(at), int.MaxValue);
}

/// <summary>The encoding bits of a BTF integer.</summary>
[Flags]
public enum BtfIntEncoding
{
    /// <summary>Unsigned, no special meaning.</summary>
    None = 0,

    /// <summary><c>BTF_INT_SIGNED</c>.</summary>
    Signed = 1,

    /// <summary><c>BTF_INT_CHAR</c>.</summary>
    Char = 2,

    /// <summary><c>BTF_INT_BOOL</c>.</summary>
    Bool = 4,
}

/// <summary>An array's element type, index type and element count (<c>struct btf_array</c>).</summary>
public readonly record struct BtfArray(int ElementType, int IndexType, uint Count);

/// <summary>
/// A member of a struct or union (<c>struct btf_member</c>): its name (empty for an anonymous member), type, offset in
/// bits from the start of the struct, and bitfield width (0 when it is no bitfield, or when the older encoding keeps the
/// width in an <see cref="BtfKind.Int"/>'s <see cref="BtfType.IntBits"/>).
/// </summary>
public readonly struct BtfMember
{
    private readonly BtfTypes _types;
    private readonly uint _nameOffset;

    internal BtfMember(BtfTypes types, uint nameOffset, int type, uint bitOffset, int bitFieldSize)
    {
        _types = types;
        _nameOffset = nameOffset;
        Type = type;
        BitOffset = bitOffset;
        BitFieldSize = bitFieldSize;
    }

    /// <summary>The member's name; empty for an anonymous struct or union member.</summary>
    public string Name => _nameOffset == 0 ? string.Empty : _types.String(_nameOffset);

    /// <summary>Whether the member has a name.</summary>
    public bool HasName => _nameOffset != 0;

    /// <summary>The member's type id.</summary>
    public int Type { get; }

    /// <summary>The member's offset in bits from the start of the struct.</summary>
    public uint BitOffset { get; }

    /// <summary>The bitfield width in bits, when the struct's kind flag is set; 0 otherwise.</summary>
    public int BitFieldSize { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{(HasName ? Name : "(anon)")} type {Type} bit {BitOffset}{(BitFieldSize > 0 ? ":" + BitFieldSize : "")}";
}

/// <summary>One value of an enum (<c>struct btf_enum</c>, <c>struct btf_enum64</c>).</summary>
public readonly struct BtfEnumValue
{
    private readonly BtfTypes _types;
    private readonly uint _nameOffset;

    internal BtfEnumValue(BtfTypes types, uint nameOffset, long value)
    {
        _types = types;
        _nameOffset = nameOffset;
        Value = value;
    }

    /// <summary>The enumerator's name.</summary>
    public string Name => _nameOffset == 0 ? string.Empty : _types.String(_nameOffset);

    /// <summary>Its value (an unsigned 64-bit value reads as its bits).</summary>
    public long Value { get; }
}

/// <summary>One parameter of a function prototype (<c>struct btf_param</c>).</summary>
public readonly struct BtfParameter
{
    private readonly BtfTypes _types;
    private readonly uint _nameOffset;

    internal BtfParameter(BtfTypes types, uint nameOffset, int type)
    {
        _types = types;
        _nameOffset = nameOffset;
        Type = type;
    }

    /// <summary>The parameter's name (empty in a prototype that is no function's, and for <c>...</c>).</summary>
    public string Name => _nameOffset == 0 ? string.Empty : _types.String(_nameOffset);

    /// <summary>Its type id (0 for <c>...</c>).</summary>
    public int Type { get; }
}

/// <summary>A variable in a data section (<c>struct btf_var_secinfo</c>).</summary>
public readonly record struct BtfSectionVariable(int Type, uint Offset, uint Size);
