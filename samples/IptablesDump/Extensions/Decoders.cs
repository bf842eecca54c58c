using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>What a save function may need besides its payload: the table family, the revision and the rule's protocol.</summary>
internal readonly struct SaveContext
{
    public SaveContext(XtFamily family, byte revision, ushort protocol, SetNames? sets)
    {
        Family = family;
        Revision = revision;
        Protocol = protocol;
        Sets = sets;
    }

    /// <summary>The table family.</summary>
    public XtFamily Family { get; }

    /// <summary>The extension revision (<c>u.user.revision</c>).</summary>
    public byte Revision { get; }

    /// <summary>The rule's <c>-p</c> protocol (0: any).</summary>
    public ushort Protocol { get; }

    /// <summary>Set names by index (<c>set</c>, <c>SET</c>); <see langword="null"/> without a socket to ask.</summary>
    public SetNames? Sets { get; }

    /// <summary>Whether the table is ip6_tables.</summary>
    public bool IsIPv6 => Family == XtFamily.IPv6;
}

/// <summary>A save function: writes an extension's options from its payload, viewed through its mirror.</summary>
internal delegate void SaveFunc<T>(SaveText o, in T info, in SaveContext c)
    where T : unmanaged;

/// <summary>The name a rule shows for an extension whose payload says it was written under another name (<c>state</c>, <c>NOTRACK</c>).</summary>
internal delegate string? AliasFunc<T>(in T info)
    where T : unmanaged;

/// <summary>How one catalog entry (<see cref="XtExtension"/>) is written: its payload's mirror and its save function.</summary>
internal abstract class Decoder
{
    protected Decoder(XtExtension extension) => Extension = extension;

    /// <summary>The catalog entry.</summary>
    public XtExtension Extension { get; }

    /// <summary>Writes the options; false when the payload is too short for the mirror (written as unsupported).</summary>
    public abstract bool Write(SaveText o, ReadOnlySpan<byte> data, in SaveContext c);

    /// <summary>Whether <see cref="Alias"/> may answer a name (few extensions have an alias).</summary>
    public bool HasAlias { get; protected init; }

    /// <summary>The name to show instead of the extension's, or <see langword="null"/>.</summary>
    public abstract string? Alias(ReadOnlySpan<byte> data);
}

internal sealed class Decoder<T> : Decoder
    where T : unmanaged
{
    private readonly SaveFunc<T> _save;
    private readonly AliasFunc<T>? _alias;

    public Decoder(XtExtension extension, SaveFunc<T> save, AliasFunc<T>? alias)
        : base(extension)
    {
        _save = save;
        _alias = alias;
        HasAlias = alias is not null;
    }

    public override bool Write(SaveText o, ReadOnlySpan<byte> data, in SaveContext c)
    {
        if (data.Length < Unsafe.SizeOf<T>())
        {
            return false;
        }

        _save(o, in MemoryMarshal.AsRef<T>(data), c);
        return true;
    }

    public override string? Alias(ReadOnlySpan<byte> data)
        => _alias is not null && data.Length >= Unsafe.SizeOf<T>() ? _alias(in MemoryMarshal.AsRef<T>(data)) : null;
}

/// <summary>An extension without a payload (<c>NOTRACK</c>, <c>TRACE</c>, <c>socket</c> revision 0): nothing to write.</summary>
internal sealed class EmptyDecoder : Decoder
{
    public EmptyDecoder(XtExtension extension)
        : base(extension)
    {
    }

    public override bool Write(SaveText o, ReadOnlySpan<byte> data, in SaveContext c) => true;

    public override string? Alias(ReadOnlySpan<byte> data) => null;
}

/// <summary>
/// The decoders of one table family and kind, by name and revision. Every decoder is bound to a catalog entry
/// (<see cref="XtExtensions"/>): the payload type of its save function must be the one the catalog names, so
/// the dump never reads a payload through another struct than the kernel's.
/// </summary>
internal sealed class DecoderTable
{
    private readonly Dictionary<string, Decoder?[]> _byName = new(NameComparer.Instance);
    private readonly Dictionary<string, Decoder?[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly XtFamily _family;
    private readonly XtExtensionKind _kind;

    public DecoderTable(XtFamily family, XtExtensionKind kind)
    {
        _family = family;
        _kind = kind;
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Every decoder, for listing and tests.</summary>
    public IEnumerable<Decoder> All
    {
        get
        {
            foreach (var revisions in _byName.Values)
            {
                foreach (var d in revisions)
                {
                    if (d is not null)
                    {
                        yield return d;
                    }
                }
            }
        }
    }

    /// <summary>Binds <paramref name="save"/> to the catalog entry of <paramref name="name"/> revision <paramref name="revision"/> in this family.</summary>
    /// <exception cref="InvalidOperationException">The catalog has no such entry, or its payload is not <typeparamref name="T"/>.</exception>
    public void Add<T>(string name, byte revision, SaveFunc<T> save, AliasFunc<T>? alias = null)
        where T : unmanaged
    {
        var extension = Entry(name, revision);
        if (extension.Payload != typeof(T))
        {
            throw new InvalidOperationException($"{extension}: the catalog's payload is {extension.Payload?.Name ?? "none"}, not {typeof(T).Name}.");
        }

        Put(new Decoder<T>(extension, save, alias));
    }

    /// <summary>Binds an extension without a payload.</summary>
    public void AddEmpty(string name, byte revision)
    {
        var extension = Entry(name, revision);
        if (extension.Payload is not null)
        {
            throw new InvalidOperationException($"{extension}: the catalog's payload is {extension.Payload.Name}.");
        }

        Put(new EmptyDecoder(extension));
    }

    /// <summary>The decoder of <paramref name="name"/> at <paramref name="revision"/>, or <see langword="null"/>.</summary>
    public Decoder? Find(ReadOnlySpan<byte> name, byte revision)
        => _lookup.TryGetValue(name, out var revisions) && revision < revisions.Length ? revisions[revision] : null;

    private XtExtension Entry(string name, byte revision)
        => XtExtensions.Find(_family, _kind, name, revision)
           ?? throw new InvalidOperationException($"The catalog has no {_kind} {name} revision {revision} for {_family}.");

    private void Put(Decoder decoder)
    {
        var e = decoder.Extension;
        if (!_byName.TryGetValue(e.Name, out var revisions) || revisions.Length <= e.Revision)
        {
            var grown = new Decoder?[e.Revision + 1];
            revisions?.CopyTo(grown, 0);
            _byName[e.Name] = revisions = grown;
        }

        if (revisions[e.Revision] is not null)
        {
            throw new InvalidOperationException($"{e} has two decoders.");
        }

        revisions[e.Revision] = decoder;
    }
}

/// <summary>
/// Extension names compared as the kernel stores them, ASCII bytes: the dump looks a rule's match and target names up
/// without turning them into strings first.
/// </summary>
internal sealed class NameComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>
{
    public static readonly NameComparer Instance = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj)
    {
        uint hash = 2166136261;
        foreach (char c in obj)
        {
            hash = (hash ^ (byte)c) * 16777619;
        }

        return (int)hash;
    }

    public bool Equals(ReadOnlySpan<byte> alternate, string other)
    {
        if (alternate.Length != other.Length)
        {
            return false;
        }

        for (int i = 0; i < alternate.Length; i++)
        {
            if (alternate[i] != other[i])
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        uint hash = 2166136261;
        foreach (byte b in alternate)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)hash;
    }

    public string Create(ReadOnlySpan<byte> alternate) => System.Text.Encoding.ASCII.GetString(alternate);
}

/// <summary>
/// The decoders a writer looked up last, by the name field and revision a rule holds (the 30 bytes after
/// <c>match_size</c>/<c>target_size</c>, compared whole, as one 32-byte vector with the size masked out): a table
/// repeats a handful of extensions, and comparing them with the last ones costs less than finding the name's NUL and
/// hashing it for <see cref="DecoderTable.Find"/> on every match and target. Two fields that differ only after the
/// name's NUL take two slots and find the same decoder.
/// </summary>
internal sealed class RecentDecoders
{
    private const int Size = 8;

    // struct xt_entry_match/xt_entry_target as user space sees them: u16 size, the name, the revision.
    private const int HeaderLength = sizeof(ushort) + XTables.XT_EXTENSION_MAXNAMELEN + 1;

    // Every byte of the header but the size.
    private static readonly Vector256<byte> KeyMask = Vector256.Create((byte)0xFF).WithElement(0, (byte)0).WithElement(1, (byte)0);

    private readonly DecoderTable _table;
    private readonly Vector256<byte>[] _keys = new Vector256<byte>[Size];
    private readonly Decoder?[] _decoders = new Decoder?[Size];
    private int _count;
    private int _next;

    public RecentDecoders(DecoderTable table)
    {
        Debug.Assert(HeaderLength == Vector256<byte>.Count, "The extension header is one 32-byte vector.");
        _table = table;
    }

    /// <summary>What <see cref="DecoderTable.Find"/> answers for the name and revision of <paramref name="extension"/> (a match's or target's bytes, header included).</summary>
    public Decoder? Find(ReadOnlySpan<byte> extension)
    {
        var key = Vector256.Create(extension.Slice(0, HeaderLength)) & KeyMask;
        var keys = _keys.AsSpan(0, _count);
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] == key)
            {
                return _decoders[i];
            }
        }

        var name = extension.Slice(sizeof(ushort), XTables.XT_EXTENSION_MAXNAMELEN);
        int nul = name.IndexOf((byte)0);
        var decoder = _table.Find(nul < 0 ? name : name.Slice(0, nul), extension[HeaderLength - 1]);
        int slot = _count < Size ? _count++ : _next;
        _next = (slot + 1) % Size;
        _keys[slot] = key;
        _decoders[slot] = decoder;
        return decoder;
    }
}
