using System;
using System.Buffers;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>Where a chain's text starts in the held text, and its first jump.</summary>
internal readonly record struct TextMark(int Text, int Jump);

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
            if (_items is not null)
            {
                _items.AsSpan(0, Count).CopyTo(grown);
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
