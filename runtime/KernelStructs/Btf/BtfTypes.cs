using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;

namespace KernelStructs.Btf;

/// <summary>
/// A parsed BTF blob: the kernel's own type information (<c>/sys/kernel/btf/vmlinux</c>), a module's split BTF on top of
/// it (<c>/sys/kernel/btf/&lt;module&gt;</c>), or any <c>.BTF</c> section. The format is the kernel's
/// <c>Documentation/bpf/btf.rst</c>: a header, a type section read in order (type id 0 is <c>void</c>, the first type is
/// id 1, or the base's count for split BTF) and a string section. Every kind is read, <c>DECL_TAG</c>, <c>TYPE_TAG</c>
/// and <c>ENUM64</c> included, in either byte order.
/// </summary>
/// <remarks>
/// <see cref="Parse(byte[], BtfTypes?, string?)"/> checks the header, the sections and the size of every type record;
/// names and type ids are checked when they are read. Malformed data of any kind is a <see cref="BtfFormatException"/>,
/// never an <see cref="IndexOutOfRangeException"/> or a hang: every read is bounds-checked and every chain of types is
/// followed for at most <see cref="MaxChain"/> steps. The blob is kept, and types are decoded when they are asked for.
/// </remarks>
public sealed class BtfTypes
{
    /// <summary><c>BTF_MAGIC</c>.</summary>
    public const ushort Magic = 0xEB9F;

    /// <summary>The longest chain of typedefs, qualifiers, tags and arrays a lookup follows before it calls the data cyclic.</summary>
    public const int MaxChain = 256;

    private const int HeaderSize = 24;

    private readonly byte[] _data;
    private readonly int _stringStart;
    private readonly int _stringLength;
    private readonly int[] _offsets;
    private Dictionary<string, List<int>>? _byName;
    private int _pointerSize;

    private BtfTypes(byte[] data, bool bigEndian, int stringStart, int stringLength, int[] offsets, BtfTypes? baseTypes, string? source)
    {
        _data = data;
        IsBigEndian = bigEndian;
        _stringStart = stringStart;
        _stringLength = stringLength;
        _offsets = offsets;
        Base = baseTypes;
        Source = source;
    }

    /// <summary>The BTF this one is split from (vmlinux's, for a module), or <see langword="null"/>.</summary>
    public BtfTypes? Base { get; }

    /// <summary>Where the data came from, for messages (a path, or <see langword="null"/>).</summary>
    public string? Source { get; }

    /// <summary>Whether the data is big-endian (BTF of an s390x kernel).</summary>
    public bool IsBigEndian { get; }

    /// <summary>The id of this blob's first type: 1, or the base's <see cref="Count"/> for split BTF.</summary>
    public int FirstId => Base?.Count ?? 1;

    /// <summary>How many type ids there are, <c>void</c> and the base's included: valid ids are 0 to <c>Count - 1</c>.</summary>
    public int Count => FirstId + _offsets.Length;

    /// <summary>The types this blob defines (not the base's), in id order.</summary>
    public IEnumerable<BtfType> Types
    {
        get
        {
            for (var i = 0; i < _offsets.Length; i++)
            {
                yield return new BtfType(this, FirstId + i, _offsets[i]);
            }
        }
    }

    /// <summary>
    /// The size of a pointer in this BTF's target: the size of its <c>long</c> (BTF does not state it; libbpf guesses the
    /// same way), or the running process's when it has no <c>long</c>.
    /// </summary>
    public int PointerSize
    {
        get
        {
            if (_pointerSize == 0)
            {
                var size = IntPtr.Size;
                foreach (var name in new[] { "long int", "long unsigned int", "long", "unsigned long" })
                {
                    if ((Base ?? this).Find(name, BtfKind.Int) is { } type && type.Size is 4 or 8)
                    {
                        size = type.Size;
                        break;
                    }
                }

                _pointerSize = size;
            }

            return _pointerSize;
        }
    }

    /// <summary>The start of this blob's strings in the offsets names use: 0, or after the base's strings for split BTF.</summary>
    private int StringBase => Base is null ? 0 : Base.StringBase + Base._stringLength;

    /// <summary>Reads a BTF file (e.g. <c>/sys/kernel/btf/vmlinux</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="baseTypes">For a module's split BTF, the BTF it builds on (vmlinux's).</param>
    /// <exception cref="BtfFormatException">The file is not valid BTF.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static BtfTypes Load(string path, BtfTypes? baseTypes = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), baseTypes, path);
    }

    /// <summary>Parses BTF data. The array is kept (not copied): do not change it afterwards.</summary>
    /// <param name="data">The blob: header, types, strings.</param>
    /// <param name="baseTypes">For split BTF, the BTF it builds on; its ids and strings come first.</param>
    /// <param name="source">Where the data came from, for messages.</param>
    /// <exception cref="BtfFormatException">The data is not valid BTF.</exception>
    public static BtfTypes Parse(byte[] data, BtfTypes? baseTypes = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var what = source ?? "the BTF data";
        if (data.Length < HeaderSize)
        {
            throw new BtfFormatException($"{what} is {data.Length} bytes, shorter than a BTF header ({HeaderSize} bytes)");
        }

        var bigEndian = BinaryPrimitives.ReadUInt16LittleEndian(data) switch
        {
            Magic => false,
            0x9FEB => true,
            var magic => throw new BtfFormatException($"{what} does not start with the BTF magic 0xeB9F (it starts with 0x{magic:x4})"),
        };
        if (data[2] != 1)
        {
            throw new BtfFormatException($"{what} is BTF version {data[2]}; this reader knows version 1");
        }

        uint U32(int at) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
        long headerLength = U32(4), typeOff = U32(8), typeLength = U32(12), stringOff = U32(16), stringLength = U32(20);
        if (headerLength < HeaderSize || headerLength > data.Length)
        {
            throw new BtfFormatException($"{what}: header length {headerLength} is outside {HeaderSize}..{data.Length}");
        }

        long typeStart = headerLength + typeOff, stringStart = headerLength + stringOff;
        if (typeStart + typeLength > data.Length || stringStart + stringLength > data.Length)
        {
            throw new BtfFormatException($"{what}: the type section (bytes {typeStart}..{typeStart + typeLength}) or the string section (bytes {stringStart}..{stringStart + stringLength}) ends past the data's {data.Length} bytes");
        }

        if (typeStart < stringStart + stringLength && stringStart < typeStart + typeLength)
        {
            throw new BtfFormatException($"{what}: the type section and the string section overlap");
        }

        if (stringLength > 0 && (data[stringStart] != 0 || data[stringStart + stringLength - 1] != 0))
        {
            throw new BtfFormatException($"{what}: the string section must start with an empty string and end with a NUL");
        }

        if (stringLength == 0 && baseTypes is null)
        {
            throw new BtfFormatException($"{what} has no string section (only split BTF may have none)");
        }

        var offsets = new List<int>((int)Math.Min(typeLength / 12, 1 << 20));
        var at = (int)typeStart;
        var end = (int)(typeStart + typeLength);
        var firstId = baseTypes?.Count ?? 1;
        while (at < end)
        {
            if (end - at < 12)
            {
                throw new BtfFormatException($"{what}: type id {firstId + offsets.Count} at byte {at} is cut off ({end - at} of 12 bytes)");
            }

            var info = U32(at + 4);
            var kind = (BtfKind)((info >> 24) & 0x1f);
            var vlen = (int)(info & 0xffff);
            long extra = kind switch
            {
                BtfKind.Int or BtfKind.Var or BtfKind.DeclTag => 4,
                BtfKind.Ptr or BtfKind.Fwd or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
                    or BtfKind.Func or BtfKind.Float or BtfKind.TypeTag => 0,
                BtfKind.Array => 12,
                BtfKind.Struct or BtfKind.Union or BtfKind.DataSec or BtfKind.Enum64 => 12L * vlen,
                BtfKind.Enum or BtfKind.FuncProto => 8L * vlen,
                _ => throw new BtfFormatException($"{what}: type id {firstId + offsets.Count} at byte {at} has unknown kind {(int)kind}"),
            };
            if (12 + extra > end - at)
            {
                throw new BtfFormatException($"{what}: type id {firstId + offsets.Count} ({kind}) at byte {at} needs {12 + extra} bytes but {end - at} are left");
            }

            if (firstId + offsets.Count == int.MaxValue)
            {
                throw new BtfFormatException($"{what} has more types than a type id can count");
            }

            offsets.Add(at);
            at += 12 + (int)extra;
        }

        return new BtfTypes(data, bigEndian, (int)stringStart, (int)stringLength, offsets.ToArray(), baseTypes, source);
    }

    /// <summary>The type with id <paramref name="id"/> (0 is <c>void</c>), from this blob or its base.</summary>
    /// <exception cref="BtfFormatException">No such id: the data refers to a type it does not have.</exception>
    public BtfType this[int id] => TryGet(id, out var type) ? type : throw new BtfFormatException($"{What}: type id {id} is out of range (ids go up to {Count - 1})");

    /// <summary>The type with id <paramref name="id"/>, if there is one.</summary>
    public bool TryGet(int id, out BtfType type)
    {
        if (id == 0)
        {
            type = new BtfType(this, 0, -1);
            return true;
        }

        if (id >= FirstId && id < Count)
        {
            type = new BtfType(this, id, _offsets[id - FirstId]);
            return true;
        }

        if (Base is not null && id > 0 && id < FirstId)
        {
            return Base.TryGet(id, out type);
        }

        type = default;
        return false;
    }

    /// <summary>
    /// The first type of <paramref name="kind"/> named <paramref name="name"/> that this blob defines (not its base's), or
    /// <see langword="null"/>. Types are indexed by name on the first lookup (a type whose name is malformed is left out).
    /// </summary>
    public BtfType? Find(string name, BtfKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Index().TryGetValue(name, out var ids))
        {
            return null;
        }

        foreach (var id in ids)
        {
            var type = this[id];
            if (type.Kind == kind)
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>Every type this blob defines with <paramref name="name"/>, of any kind, in id order.</summary>
    public IEnumerable<BtfType> FindAll(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Index().TryGetValue(name, out var ids))
        {
            foreach (var id in ids)
            {
                yield return this[id];
            }
        }
    }

    /// <summary>
    /// The type <paramref name="id"/> stands for, past typedefs, <c>const</c>, <c>volatile</c>, <c>restrict</c> and type tags.
    /// </summary>
    /// <exception cref="BtfFormatException">An id is out of range, or the chain loops.</exception>
    public BtfType Resolve(int id)
    {
        var type = this[id];
        for (var step = 0; step < MaxChain; step++)
        {
            if (type.Kind is not (BtfKind.Typedef or BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag))
            {
                return type;
            }

            type = this[type.Type];
        }

        throw new BtfFormatException($"{What}: type id {id} is a chain of more than {MaxChain} typedefs and qualifiers (a cycle?)");
    }

    /// <summary>
    /// The size in bytes of an object of type <paramref name="id"/>, or <see langword="null"/> for a type without one
    /// (<c>void</c>, a forward declaration, a function).
    /// </summary>
    /// <exception cref="BtfFormatException">An id is out of range, a chain loops, or an array's size overflows.</exception>
    public long? SizeOf(int id)
    {
        // One budget for the whole walk through qualifiers, typedefs and array links, so that malformed data costs at most MaxChain steps.
        long multiplier = 1;
        var start = id;
        for (var step = 0; step < MaxChain; step++)
        {
            var type = this[id];
            switch (type.Kind)
            {
                case BtfKind.Typedef or BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag:
                    id = type.Type;
                    continue;
                case BtfKind.Int or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Float or BtfKind.Struct or BtfKind.Union:
                    return Multiply(multiplier, (uint)type.Size, start);
                case BtfKind.Ptr:
                    return Multiply(multiplier, PointerSize, start);
                case BtfKind.Array:
                    var array = type.Array;
                    multiplier = Multiply(multiplier, array.Count, start);
                    id = array.ElementType;
                    continue;
                default:
                    return null;
            }
        }

        throw new BtfFormatException($"{What}: type id {start} is a chain of more than {MaxChain} typedefs, qualifiers and arrays (a cycle?)");
    }

    /// <summary>The C spelling of a type, for messages: <c>struct nf_conntrack_man</c>, <c>__be16</c>, <c>char[126]</c>, <c>void *</c>, <c>union { ... }</c>.</summary>
    /// <exception cref="BtfFormatException">An id is out of range or a name is malformed.</exception>
    public string TypeName(int id)
    {
        var suffix = new StringBuilder();
        for (var step = 0; step < MaxChain; step++)
        {
            var type = this[id];
            switch (type.Kind)
            {
                case BtfKind.Void:
                    return "void" + suffix;
                case BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Fwd:
                    var tag = type.Kind switch { BtfKind.Struct => "struct", BtfKind.Union => "union", BtfKind.Fwd => type.KindFlag ? "union" : "struct", _ => "enum" };
                    return (type.HasName ? $"{tag} {type.Name}" : $"{tag} {{ ... }}") + suffix;
                case BtfKind.Ptr:
                    suffix.Insert(0, " *");
                    id = type.Type;
                    continue;
                case BtfKind.Array:
                    suffix.Append('[').Append(type.Array.Count).Append(']');
                    id = type.Array.ElementType;
                    continue;
                case BtfKind.Const or BtfKind.Volatile or BtfKind.Restrict or BtfKind.TypeTag:
                    id = type.Type;
                    continue;
                case BtfKind.FuncProto:
                    return "function" + suffix;
                default:
                    return type.Name + suffix;
            }
        }

        throw new BtfFormatException($"{What}: type id {id} is a chain of more than {MaxChain} types (a cycle?)");
    }

    /// <summary>How messages name this blob.</summary>
    internal string What => Source ?? "the BTF data";

    internal uint U32(int at) => IsBigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(at, 4));

    /// <summary>The string at <paramref name="offset"/> in the name space this blob shares with its base.</summary>
    internal string String(uint offset)
    {
        if (offset < (uint)StringBase)
        {
            return Base!.String(offset);
        }

        var relative = offset - (uint)StringBase;
        if (relative >= (uint)_stringLength)
        {
            throw new BtfFormatException($"{What}: name offset {offset} is past the string section ({StringBase + _stringLength} bytes)");
        }

        var start = _stringStart + (int)relative;
        var length = _data.AsSpan(start, _stringLength - (int)relative).IndexOf((byte)0);
        if (length < 0)
        {
            throw new BtfFormatException($"{What}: the string at offset {offset} has no terminating NUL");
        }

        return Encoding.UTF8.GetString(_data, start, length);
    }

    private static long Multiply(long a, long b, int id)
    {
        try
        {
            return checked(a * b);
        }
        catch (OverflowException e)
        {
            throw new BtfFormatException($"the size of type id {id} overflows", e);
        }
    }

    private Dictionary<string, List<int>> Index()
    {
        var index = Volatile.Read(ref _byName);
        if (index is not null)
        {
            return index;
        }

        index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _offsets.Length; i++)
        {
            var nameOffset = U32(_offsets[i]);
            if (nameOffset == 0)
            {
                continue;
            }

            string name;
            try
            {
                name = String(nameOffset);
            }
            catch (BtfFormatException)
            {
                // A type whose name is malformed cannot be found by name; reading its name says why.
                continue;
            }

            if (!index.TryGetValue(name, out var ids))
            {
                index[name] = ids = new List<int>(1);
            }

            ids.Add(FirstId + i);
        }

        Interlocked.CompareExchange(ref _byName, index, null);
        return _byName!;
    }
}
