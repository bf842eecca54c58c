using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// The text primitives of <c>iptables-save</c> and its extensions (<c>printf</c> formats, libxtables' address,
/// mask and string writers), over a <see cref="TextWriter"/>. Bytes from the kernel go out as Latin-1 characters,
/// so that a Latin-1 writer reproduces them unchanged.
/// </summary>
internal sealed class SaveText
{
    // Text is gathered here and handed to the writer in blocks: a TextWriter call per character or number costs more
    // than formatting it (a 10,000-rule table is about a million characters).
    private const int BlockSize = 8192;
    private const int MaxNumberLength = 20;

    // The longest text Write copies without the general copy (CopyShort).
    private const int ShortText = 32;

    // Characters that xtables_save_string writes without quotes, and those it escapes inside them.
    private static readonly SearchValues<byte> BareCharacters = SearchValues.Create("_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"u8);
    private static readonly SearchValues<byte> EscapedCharacters = SearchValues.Create("\"\\'"u8);

    private static readonly Encoding Latin1 = Encoding.Latin1;

    private readonly TextWriter _out;

    // The block, made when text is first written without being held (a writer that only holds never makes it).
    private char[]? _block;
    private char[] _buffer = Array.Empty<char>();
    private int _length;

    public SaveText(TextWriter output) => _out = output;

    /// <summary>Whether the text is held (<see cref="Hold"/>) rather than handed to the writer block by block.</summary>
    public bool Holding { get; private set; }

    /// <summary>The length of the text not yet handed to the writer: a position for <see cref="Emit"/> and <see cref="Truncate"/>.</summary>
    public int Length => _length;

    /// <summary>Hands the text gathered so far to the writer (the owner calls it when a table or a piece is written); nothing while held.</summary>
    public void Flush()
    {
        if (_length != 0 && !Holding)
        {
            _out.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    /// <summary>
    /// Keeps the text from here on in a pooled buffer of at least <paramref name="expected"/> characters, grown as needed,
    /// until <see cref="Release"/>: the owner hands pieces of it to the writer with <see cref="Emit"/>, in its own order.
    /// </summary>
    public void Hold(int expected)
    {
        Flush();
        if (!Holding)
        {
            _buffer = ArrayPool<char>.Shared.Rent(Math.Max(expected, BlockSize));
            Holding = true;
        }
    }

    /// <summary>Hands characters <paramref name="start"/>..<paramref name="end"/> of the held text to the writer.</summary>
    public void Emit(int start, int end)
    {
        if (end > start)
        {
            _out.Write(_buffer, start, end - start);
        }
    }

    /// <summary>Drops the text after position <paramref name="length"/>.</summary>
    public void Truncate(int length) => _length = length;

    /// <summary>Drops the held text (the owner has emitted what it wanted of it) and goes back to writing block by block.</summary>
    public void Release()
    {
        if (Holding)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = _block ?? Array.Empty<char>();
            Holding = false;
            _length = 0;
        }
    }

    public void Write(string text) => Write(text.AsSpan());

    public void Write(char c)
    {
        if (_length == _buffer.Length)
        {
            MakeRoom(1);
        }

        _buffer[_length++] = c;
    }

    public void Write(ReadOnlySpan<char> text)
    {
        // Most of the text is short literals (" -m ", " --dport "): copied as two overlapping loads and stores, which
        // costs less than a call to the general copy.
        if (text.Length <= ShortText && _buffer.Length - _length >= ShortText)
        {
            CopyShort(ref MemoryMarshal.GetReference(text), ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _length), text.Length);
            _length += text.Length;
            return;
        }

        if (text.Length > _buffer.Length - _length)
        {
            if (!MakeRoom(text.Length))
            {
                _out.Write(text);
                return;
            }
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary><c>%u</c>, <c>%llu</c>.</summary>
    public void Num(ulong value)
    {
        // The runtime's unsigned formatting (no sign, no culture: the digits only, as printf writes them).
        bool done = value <= uint.MaxValue
            ? ((uint)value).TryFormat(Reserve(MaxNumberLength), out int n, default, CultureInfo.InvariantCulture)
            : value.TryFormat(Reserve(MaxNumberLength), out n, default, CultureInfo.InvariantCulture);
        Debug.Assert(done, "A 64-bit number has at most 20 digits.");
        _length += n;
    }

    /// <summary><c>%d</c>.</summary>
    public void Int(long value)
    {
        if (value < 0)
        {
            Write('-');
            Num(unchecked((ulong)-value));
        }
        else
        {
            Num((ulong)value);
        }
    }

    /// <summary><c>%x</c>.</summary>
    public void Hex(ulong value) => Hex(value, 1);

    /// <summary><c>%0Nx</c> (or <c>%0NX</c> with <paramref name="upper"/>).</summary>
    public void Hex(ulong value, int width, bool upper = false)
    {
        int n = 1;
        for (ulong v = value; v >= 16; v >>= 4)
        {
            n++;
        }

        n = Math.Max(n, width);
        var text = Reserve(n);
        string digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        for (int i = n - 1; i >= 0; i--, value >>= 4)
        {
            text[i] = digits[(int)(value & 0xF)];
        }

        _length += n;
    }

    /// <summary><c>%02u</c>, <c>%04u</c>.</summary>
    public void Num(ulong value, int width)
    {
        int n = 1;
        for (ulong v = value; v >= 10; v /= 10)
        {
            n++;
        }

        for (int i = n; i < width; i++)
        {
            Write('0');
        }

        Num(value);
    }

    /// <summary><c>%.Nf</c> as glibc prints it: the exact binary value rounded to <paramref name="decimals"/> places, ties to even; <c>inf</c> for infinity.</summary>
    public void Fixed(double value, int decimals)
    {
        if (double.IsPositiveInfinity(value))
        {
            Write("inf");
            return;
        }

        Write(CFormat.Fixed(value, decimals));
    }

    /// <summary><c>%s</c> of a NUL-terminated buffer.</summary>
    public void CString(ReadOnlySpan<byte> buffer)
    {
        int nul = buffer.IndexOf((byte)0);
        Bytes(nul < 0 ? buffer : buffer.Slice(0, nul));
    }

    /// <summary>Raw bytes, as Latin-1 characters.</summary>
    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var text = Reserve(Math.Min(bytes.Length, _buffer.Length));
            int n = Math.Min(bytes.Length, text.Length);
            Latin1.GetChars(bytes.Slice(0, n), text);
            _length += n;
            bytes = bytes.Slice(n);
        }
    }

    /// <summary><c>xtables_ipaddr_to_numeric</c>: dotted quad.</summary>
    public void Ip(Be32 address)
    {
        new InAddr(address).TryFormat(Reserve(InAddr.MaxFormattedLength), out int length);
        _length += length;
    }

    /// <summary><c>xtables_ipmask_to_numeric</c>: nothing for /32, <c>/n</c> for a prefix, else <c>/a.b.c.d</c>.</summary>
    public void IpMask(Be32 mask)
    {
        int cidr = Cidr(mask.Value);
        if (cidr == 32)
        {
            return;
        }

        Write('/');
        if (cidr >= 0)
        {
            Num((uint)cidr);
        }
        else
        {
            Ip(mask);
        }
    }

    // Room for at least `length` characters at the end of the text (length is at most the block size).
    private Span<char> Reserve(int length)
    {
        if (_buffer.Length - _length < length)
        {
            MakeRoom(length);
        }

        return _buffer.AsSpan(_length);
    }

    // Room for `length` more characters: the block handed to the writer, or the held buffer grown. False when the
    // text is not held and `length` is larger than a block (the caller writes it straight through).
    private bool MakeRoom(int length)
    {
        if (!Holding)
        {
            Flush();
            _buffer = _block ??= new char[BlockSize];
            return length <= _buffer.Length;
        }

        var grown = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + length));
        _buffer.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = grown;
        return true;
    }

    // Copies `length` (0 to ShortText) characters from `source` to `destination`, which has room for ShortText: for each
    // size class, one load and store from the start and one ending at the last character, overlapping in between.
    private static void CopyShort(ref char source, ref char destination, int length)
    {
        ref byte s = ref Unsafe.As<char, byte>(ref source);
        ref byte d = ref Unsafe.As<char, byte>(ref destination);
        nuint bytes = (nuint)length * sizeof(char);
        if (length >= 8)
        {
            if (length > 16)
            {
                Vector128.LoadUnsafe(ref s, 16).StoreUnsafe(ref d, 16);
                Vector128.LoadUnsafe(ref s, bytes - 32).StoreUnsafe(ref d, bytes - 32);
            }

            Vector128.LoadUnsafe(ref s).StoreUnsafe(ref d);
            Vector128.LoadUnsafe(ref s, bytes - 16).StoreUnsafe(ref d, bytes - 16);
        }
        else if (length >= 4)
        {
            Unsafe.WriteUnaligned(ref d, Unsafe.ReadUnaligned<ulong>(ref s));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, bytes - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, bytes - 8)));
        }
        else if (length >= 2)
        {
            Unsafe.WriteUnaligned(ref d, Unsafe.ReadUnaligned<uint>(ref s));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, bytes - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, bytes - 4)));
        }
        else if (length == 1)
        {
            destination = source;
        }
    }

    /// <summary><c>xtables_ipmask_to_cidr</c>: the prefix length, or -1.</summary>
    public static int Cidr(uint hostMask)
    {
        // A prefix's complement is a run of low ones: adding one to it clears them all.
        uint host = ~hostMask;
        return (host & (host + 1)) == 0 ? BitOperations.PopCount(hostMask) : -1;
    }

    /// <summary><c>inet_ntop(AF_INET6)</c> as glibc writes it (<c>xtables_ip6addr_to_numeric</c>).</summary>
    public void Ip6(ReadOnlySpan<byte> address)
    {
        _length += Inet6.Ntop(address, Reserve(Inet6.MaxLength));
    }

    /// <summary><c>xtables_ip6mask_to_numeric</c>: nothing for /128, <c>/n</c> for a prefix, else <c>/</c> and the mask.</summary>
    public void Ip6Mask(ReadOnlySpan<byte> mask)
    {
        int cidr = Inet6.Cidr(mask);
        if (cidr == 128)
        {
            return;
        }

        Write('/');
        if (cidr >= 0)
        {
            Num((uint)cidr);
        }
        else
        {
            Ip6(mask);
        }
    }

    /// <summary><c>xtables_save_string</c>: bare when only <c>[_-0-9a-zA-Z]</c>, else quoted with <c>\</c> before <c>" \ '</c>; preceded by a space.</summary>
    public void SaveString(ReadOnlySpan<byte> buffer)
    {
        int nul = buffer.IndexOf((byte)0);
        var value = nul < 0 ? buffer : buffer.Slice(0, nul);
        if (!value.IsEmpty && !value.ContainsAnyExcept(BareCharacters))
        {
            Write(' ');
            Bytes(value);
            return;
        }

        Write(" \"");
        while (true)
        {
            int escaped = value.IndexOfAny(EscapedCharacters);
            if (escaped < 0)
            {
                Bytes(value);
                break;
            }

            Bytes(value.Slice(0, escaped));
            Write('\\');
            Write((char)value[escaped]);
            value = value.Slice(escaped + 1);
        }

        Write('"');
    }

    /// <summary><c>xtables_print_mac</c>: six <c>%02x</c> separated by colons.</summary>
    public void Mac(ReadOnlySpan<byte> mac)
    {
        for (int i = 0; i < 6; i++)
        {
            if (i != 0)
            {
                Write(':');
            }

            Hex(mac[i], 2);
        }
    }

    /// <summary><c>xtables_print_val_mask</c>: <c> 0xV/0xM</c>, or <c> 0xV</c> (or a name) when the mask is all ones.</summary>
    public void ValMask(uint value, uint mask, NameMap? names = null)
    {
        if (mask != uint.MaxValue)
        {
            Write(" 0x");
            Hex(value);
            Write("/0x");
            Hex(mask);
            return;
        }

        if (names?.Name(value) is string name)
        {
            Write(' ');
            Write(name);
            return;
        }

        Write(" 0x");
        Hex(value);
    }

    /// <summary><c>[unsupported: revision N, data hex]</c>: what the dump cannot decode, with its bytes.</summary>
    public void Unsupported(byte revision, ReadOnlySpan<byte> data)
    {
        Write(" [unsupported: revision ");
        Num(revision);
        Write(", data ");
        foreach (byte b in data)
        {
            Hex(b, 2);
        }

        Write(']');
    }
}
