using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>One chain of a table as the writer walks it: where its entries are, and where its rules' text is.</summary>
internal struct ChainText
{
    public ChainText(string name, int hook, int headOffset, int rulesOffset, int textStart, int firstJump)
    {
        Name = name;
        Hook = hook;
        HeadOffset = headOffset;
        RulesOffset = rulesOffset;
        TextStart = textStart;
        FirstJump = firstJump;
    }

    /// <summary>The chain's name (the hook's name for a built-in chain).</summary>
    public string Name { get; }

    /// <summary>The hook of a built-in chain; -1 for a user-defined chain.</summary>
    public int Hook { get; }

    /// <summary>Whether the chain is built in.</summary>
    public readonly bool IsBuiltin => Hook >= 0;

    /// <summary>Offset of the chain's first entry (the ERROR head of a user-defined chain).</summary>
    public int HeadOffset { get; }

    /// <summary>Offset of the first rule.</summary>
    public int RulesOffset { get; }

    /// <summary>Offset of the policy (built-in) or RETURN (user-defined) entry that ends the chain.</summary>
    public int PolicyOffset { get; set; }

    /// <summary>Offset just past the chain.</summary>
    public int EndOffset { get; set; }

    /// <summary>Where the text of the chain's rules starts in the held text.</summary>
    public int TextStart { get; }

    /// <summary>Where it ends.</summary>
    public int TextEnd { get; set; }

    /// <summary>The first of the chain's jumps in the writer's <see cref="JumpList"/>.</summary>
    public int FirstJump { get; }

    /// <summary>One past the last.</summary>
    public int EndJump { get; set; }
}

/// <summary>
/// Finds a table's chains while the writer walks its entries once, by the rules of <see cref="XtTableSnapshot.GetChains{TEntry}"/>
/// (a chain starts at a hook's entry or at an ERROR entry, and its last entry is its policy or RETURN; the table ends with an
/// ERROR entry), with the same checks, and tells the writer which entries are rules.
/// </summary>
internal sealed class ChainWalk<TEntry>
    where TEntry : unmanaged, IXtEntry
{
    private readonly XtTableSnapshot _table;
    private readonly long[] _hookEntries;
    private readonly List<ChainText> _chains = new();
    private ChainText _open;
    private bool _isOpen;
    private int _last = -1;

    public ChainWalk(XtTableSnapshot table)
    {
        _table = table;
        _hookEntries = new long[table.Family.NumHooks];
        for (int h = 0; h < _hookEntries.Length; h++)
        {
            _hookEntries[h] = table.HasHook(h) ? table.HookEntry[h] : -1;
        }
    }

    /// <summary>The chain the last entry belongs to (<see cref="Enter"/> returned true).</summary>
    public string CurrentName => _open.Name;

    /// <summary>
    /// Takes the next entry of the walk; true when it is a rule to write (<paramref name="text"/> and <paramref name="jumps"/>:
    /// how much text and how many jumps the writer holds so far).
    /// </summary>
    public bool Enter(ReadOnlySpan<byte> blob, XtEntry<TEntry> e, int text, int jumps)
    {
        int hook = HookAt(e.Offset);
        if (hook >= 0 || e.Target.IsError)
        {
            if (_isOpen)
            {
                Close(e.Offset, text, jumps);
            }

            _open = hook >= 0
                ? new ChainText(_table.Family.HookNames[hook], hook, e.Offset, e.Offset, text, jumps)
                : new ChainText(Encoding.ASCII.GetString(e.Target.ErrorName), -1, e.Offset, e.Offset + e.Length, text, jumps);
            _isOpen = true;
        }

        _open.PolicyOffset = e.Offset;
        _last = e.Offset;
        return _isOpen && e.Offset >= _open.RulesOffset && !StartsChain(blob, e.Offset + e.Length);
    }

    /// <summary>The chains in the entries' order, once the walk has reached the end.</summary>
    /// <exception cref="XtTableFormatException">The table does not end with an ERROR entry.</exception>
    public ReadOnlySpan<ChainText> Finish()
    {
        // The table ends with an ERROR entry named "ERROR", which is not a chain.
        if (!_isOpen || _open.IsBuiltin || _open.HeadOffset != _last)
        {
            throw new XtTableFormatException("The table does not end with an ERROR entry", Math.Max(_last, 0));
        }

        return CollectionsMarshal.AsSpan(_chains);
    }

    /// <summary>The chains' indexes in the order <c>*tables-save</c> prints them: built-in chains in the entries' order, then user chains by name (byte order, as libiptc keeps them).</summary>
    public int[] Order()
    {
        var chains = CollectionsMarshal.AsSpan(_chains);
        var order = new int[chains.Length];
        int builtins = 0;
        foreach (var c in chains)
        {
            builtins += c.IsBuiltin ? 1 : 0;
        }

        var names = new string[chains.Length];
        int b = 0, u = 0;
        for (int i = 0; i < chains.Length; i++)
        {
            if (chains[i].IsBuiltin)
            {
                order[b++] = i;
            }
            else
            {
                names[builtins + u] = chains[i].Name;
                order[builtins + u++] = i;
            }
        }

        Array.Sort(names, order, builtins, u, StringComparer.Ordinal);
        return order;
    }

    // The previous entry (the open chain's PolicyOffset so far) is its policy or RETURN; the chain ends at `end`.
    private void Close(int end, int text, int jumps)
    {
        if (_open.PolicyOffset < _open.RulesOffset)
        {
            throw new XtTableFormatException("Chain has no policy or RETURN entry", _open.HeadOffset);
        }

        if (_open.IsBuiltin && _table.Underflow[_open.Hook] != (uint)_open.PolicyOffset)
        {
            throw new XtTableFormatException($"underflow[{_open.Hook}] is {_table.Underflow[_open.Hook]}, but the chain's last entry is at {_open.PolicyOffset}", _open.PolicyOffset);
        }

        _open.EndOffset = end;
        _open.TextEnd = text;
        _open.EndJump = jumps;
        _chains.Add(_open);
    }

    private int HookAt(int offset)
    {
        for (int h = 0; h < _hookEntries.Length; h++)
        {
            if (_hookEntries[h] == offset)
            {
                return h;
            }
        }

        return -1;
    }

    // Whether the entry at `offset` starts a chain, read ahead so that a chain's last entry (its policy) is known before it
    // is written. An entry that does not fit is not a chain start here; the walk throws when it reaches it.
    private bool StartsChain(ReadOnlySpan<byte> blob, int offset)
    {
        if (offset >= blob.Length || HookAt(offset) >= 0)
        {
            return true;
        }

        int header = Unsafe.SizeOf<TEntry>();
        if (offset > blob.Length - header)
        {
            return false;
        }

        int target = offset + MemoryMarshal.AsRef<TEntry>(blob.Slice(offset, header)).TargetOffset;
        return target <= blob.Length - XtEntryTarget.SizeOf && blob.Slice(target + 2, 6).SequenceEqual("ERROR\0"u8);
    }
}

/// <summary>Where a rule's jump goes in the held text: its chain's name is written in when the chains are known.</summary>
internal readonly record struct Jump(int Position, int Verdict, bool IsGoto);

/// <summary>The jumps of a table, in a pooled array.</summary>
internal struct JumpList
{
    private Jump[]? _items;

    public int Count { get; private set; }

    public readonly Jump this[int index] => _items![index];

    public void Add(Jump jump)
    {
        if (_items is null || Count == _items.Length)
        {
            var grown = ArrayPool<Jump>.Shared.Rent(Math.Max(256, Count * 2));
            _items?.AsSpan(0, Count).CopyTo(grown);
            if (_items is not null)
            {
                ArrayPool<Jump>.Shared.Return(_items);
            }

            _items = grown;
        }

        _items[Count++] = jump;
    }

    public void Release()
    {
        if (_items is not null)
        {
            ArrayPool<Jump>.Shared.Return(_items);
            _items = null;
        }

        Count = 0;
    }
}
