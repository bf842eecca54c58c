using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace KernelStructs.Netfilter;

/// <summary>
/// Finds a table's chains entry by entry, for a reader that walks the entries once for its own purposes (a writer that
/// renders the rules as it goes): <see cref="XtTableSnapshot.GetChains{TEntry}"/> is this walk on its own. A chain starts
/// at a hook's entry or at an ERROR entry (the head of a user-defined chain); its last entry is its policy (built-in) or
/// RETURN (user-defined); the table ends with an ERROR entry named "ERROR", which is not a chain.
/// </summary>
/// <typeparam name="TEntry"><see cref="IptEntry"/>, <see cref="Ip6tEntry"/> or <see cref="ArptEntry"/>.</typeparam>
public sealed class XtChainFinder<TEntry>
    where TEntry : unmanaged, IXtEntry
{
    private readonly XtTableSnapshot _table;
    private readonly long[] _hookEntries;
    private readonly List<XtChain> _chains = new();
    private string? _name;
    private int _hook;
    private int _head = -1;
    private int _rules;
    private int _previous = -1;

    /// <summary>Starts a walk of <paramref name="table"/>'s entries.</summary>
    public XtChainFinder(XtTableSnapshot table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (Unsafe.SizeOf<TEntry>() != table.Family.EntrySize)
        {
            throw new ArgumentException($"{typeof(TEntry).Name} is not the entry type of {table.Family.Name}.");
        }

        _table = table;
        _hookEntries = new long[table.Family.NumHooks];
        for (int h = 0; h < _hookEntries.Length; h++)
        {
            _hookEntries[h] = table.HasHook(h) ? table.HookEntry[h] : -1;
        }
    }

    /// <summary>How many chains have started so far (the ERROR entry that ends the table included).</summary>
    public int Started { get; private set; }

    /// <summary>The name of the chain the last entry belongs to (empty before the first chain).</summary>
    public string Current => _name ?? string.Empty;

    /// <summary>
    /// Takes the next entry of the walk (in the entries' order, every entry); true when it starts a chain. The chain
    /// before it is checked and closed.
    /// </summary>
    /// <exception cref="XtTableFormatException">The chain it closes has no policy or RETURN entry, or a built-in chain's policy is not at its <c>underflow</c>.</exception>
    public bool Enter(XtEntry<TEntry> entry)
    {
        int hook = HookAt(entry.Offset);
        bool starts = hook >= 0 || entry.Target.IsError;
        if (starts)
        {
            if (_head >= 0)
            {
                Close(entry.Offset);
            }

            _hook = hook;
            _head = entry.Offset;
            _name = hook >= 0 ? _table.Family.HookNames[hook] : Encoding.ASCII.GetString(entry.Target.ErrorName);
            _rules = hook >= 0 ? entry.Offset : entry.Offset + entry.Length;
            Started++;
        }

        _previous = entry.Offset;
        return starts;
    }

    /// <summary>
    /// Whether <paramref name="entry"/>, just entered, is one of its chain's rules: after the chain's head, and not its last
    /// entry (the entry after it, read ahead in <paramref name="entries"/>, does not start a chain).
    /// </summary>
    public bool IsRule(ReadOnlySpan<byte> entries, XtEntry<TEntry> entry)
        => _head >= 0 && entry.Offset >= _rules && !StartsChain(entries, entry.Offset + entry.Length);

    /// <summary>The chains in the entries' order, once every entry has been entered.</summary>
    /// <exception cref="XtTableFormatException">The table does not end with an ERROR entry.</exception>
    public ReadOnlySpan<XtChain> Finish()
    {
        // The table ends with an ERROR entry named "ERROR", which is not a chain.
        if (_head < 0 || _hook >= 0 || _head != _previous)
        {
            throw new XtTableFormatException("The table does not end with an ERROR entry", Math.Max(_previous, 0));
        }

        return CollectionsMarshal.AsSpan(_chains);
    }

    /// <summary>
    /// The indexes of <paramref name="chains"/> (in the entries' order) in the order <c>*tables-save</c> prints them:
    /// built-in chains in the entries' order, then user-defined chains sorted by name (byte order, as libiptc keeps them).
    /// </summary>
    public static int[] SaveOrder(ReadOnlySpan<XtChain> chains)
    {
        var order = new int[chains.Length];
        var names = new string[chains.Length];
        int builtins = 0;
        foreach (var c in chains)
        {
            builtins += c.IsBuiltin ? 1 : 0;
        }

        int b = 0, u = builtins;
        for (int i = 0; i < chains.Length; i++)
        {
            int at = chains[i].IsBuiltin ? b++ : u++;
            order[at] = i;
            names[at] = chains[i].Name;
        }

        Array.Sort(names, order, builtins, chains.Length - builtins, StringComparer.Ordinal);
        return order;
    }

    // The previous entry is the open chain's policy or RETURN; the chain ends at `end`.
    private void Close(int end)
    {
        if (_previous < _rules)
        {
            throw new XtTableFormatException("Chain has no policy or RETURN entry", _head);
        }

        if (_hook >= 0 && _table.Underflow[_hook] != (uint)_previous)
        {
            throw new XtTableFormatException($"underflow[{_hook}] is {_table.Underflow[_hook]}, but the chain's last entry is at {_previous}", _previous);
        }

        _chains.Add(new XtChain(_name!, _hook, _head, _rules, _previous, end));
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

    // Whether the entry at `offset` starts a chain. An entry that does not fit is not a chain start here; the walk throws
    // when it reaches it.
    private bool StartsChain(ReadOnlySpan<byte> entries, int offset)
    {
        if (offset >= entries.Length || HookAt(offset) >= 0)
        {
            return true;
        }

        int header = Unsafe.SizeOf<TEntry>();
        if (offset > entries.Length - header)
        {
            return false;
        }

        int target = offset + MemoryMarshal.AsRef<TEntry>(entries.Slice(offset, header)).TargetOffset;
        return target <= entries.Length - XtEntryTarget.SizeOf && XtTarget.IsErrorName(entries.Slice(target));
    }
}
