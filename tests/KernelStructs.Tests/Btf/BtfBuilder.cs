using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using KernelStructs.Btf;

namespace KernelStructs.Tests.Btf;

/// <summary>
/// Writes BTF blobs by hand, record by record as <c>Documentation/bpf/btf.rst</c> lays them out, so that tests know every
/// number the reader should find (gcc and pahole write no <c>DECL_TAG</c> or <c>TYPE_TAG</c>).
/// </summary>
internal sealed class BtfBuilder
{
    private readonly MemoryStream _types = new();
    private readonly MemoryStream _strings = new();
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);
    private readonly bool _bigEndian;
    private int _next;

    /// <param name="firstId">1, or the base's type count for split BTF.</param>
    /// <param name="stringBase">0, or the base's string section length for split BTF.</param>
    public BtfBuilder(bool bigEndian = false, int firstId = 1, uint stringBase = 0)
    {
        _bigEndian = bigEndian;
        _next = firstId;
        StringBase = stringBase;
        _strings.WriteByte(0);
    }

    public uint StringBase { get; }

    /// <summary>The length of the string section so far (what split BTF's names start after).</summary>
    public uint StringLength => (uint)_strings.Length;

    /// <summary>The offset of a name in the string section (0 for none).</summary>
    public uint Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return 0;
        }

        if (!_offsets.TryGetValue(name, out var offset))
        {
            offset = StringBase + (uint)_strings.Length;
            var bytes = Encoding.UTF8.GetBytes(name);
            _strings.Write(bytes);
            _strings.WriteByte(0);
            _offsets[name] = offset;
        }

        return offset;
    }

    /// <summary>Writes a type record (<c>struct btf_type</c>) and returns its id; the kind's extra words follow with <see cref="U32"/>.</summary>
    public int Type(string? name, BtfKind kind, int vlen, uint sizeOrType, bool kindFlag = false)
    {
        U32(Name(name));
        U32(((uint)kind << 24) | (uint)vlen | (kindFlag ? 0x8000_0000u : 0));
        U32(sizeOrType);
        return _next++;
    }

    public void U32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        _types.Write(bytes);
    }

    public int Int(string name, int size, int bits, BtfIntEncoding encoding = BtfIntEncoding.None)
    {
        var id = Type(name, BtfKind.Int, 0, (uint)size);
        U32(((uint)encoding << 24) | (uint)bits);
        return id;
    }

    public int Struct(string? name, int size, params (string? Name, int Type, uint BitOffset, int BitFieldSize)[] members) => Aggregate(BtfKind.Struct, name, size, members);

    public int Union(string? name, int size, params (string? Name, int Type, uint BitOffset, int BitFieldSize)[] members) => Aggregate(BtfKind.Union, name, size, members);

    public int Array(int element, int index, uint count)
    {
        var id = Type(null, BtfKind.Array, 0, 0);
        U32((uint)element);
        U32((uint)index);
        U32(count);
        return id;
    }

    /// <summary>The blob: header, types, strings.</summary>
    public byte[] Build()
    {
        var types = _types.ToArray();
        var strings = _strings.ToArray();
        var blob = new byte[24 + types.Length + strings.Length];
        void Put(int at, uint value)
        {
            if (_bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(at), value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(at), value);
            }
        }

        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(blob, BtfTypes.Magic);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(blob, BtfTypes.Magic);
        }

        blob[2] = 1;
        Put(4, 24);
        Put(8, 0);
        Put(12, (uint)types.Length);
        Put(16, (uint)types.Length);
        Put(20, (uint)strings.Length);
        types.CopyTo(blob, 24);
        strings.CopyTo(blob, 24 + types.Length);
        return blob;
    }

    private int Aggregate(BtfKind kind, string? name, int size, (string? Name, int Type, uint BitOffset, int BitFieldSize)[] members)
    {
        var kindFlag = System.Array.Exists(members, m => m.BitFieldSize > 0);
        var id = Type(name, kind, members.Length, (uint)size, kindFlag);
        foreach (var (memberName, type, bitOffset, bitFieldSize) in members)
        {
            U32(Name(memberName));
            U32((uint)type);
            U32(kindFlag ? ((uint)bitFieldSize << 24) | bitOffset : bitOffset);
        }

        return id;
    }
}
