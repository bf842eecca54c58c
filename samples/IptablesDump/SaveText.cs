using System;
using System.Globalization;
using System.IO;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump;

/// <summary>
/// The text primitives of <c>iptables-save</c> and its extensions (<c>printf</c> formats, libxtables' address,
/// mask and string writers), over a <see cref="TextWriter"/>. Bytes from the kernel go out as Latin-1 characters,
/// so that a Latin-1 writer reproduces them unchanged.
/// </summary>
internal sealed class SaveText
{
    private readonly TextWriter _out;

    public SaveText(TextWriter output) => _out = output;

    public void Write(string text) => _out.Write(text);

    public void Write(char c) => _out.Write(c);

    public void Write(ReadOnlySpan<char> text) => _out.Write(text);

    /// <summary><c>%u</c>, <c>%llu</c>.</summary>
    public void Num(ulong value)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture);
        _out.Write(buffer.Slice(0, n));
    }

    /// <summary><c>%d</c>.</summary>
    public void Int(long value)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture);
        _out.Write(buffer.Slice(0, n));
    }

    /// <summary><c>%x</c>.</summary>
    public void Hex(ulong value)
    {
        Span<char> buffer = stackalloc char[16];
        value.TryFormat(buffer, out int n, "x", CultureInfo.InvariantCulture);
        _out.Write(buffer.Slice(0, n));
    }

    /// <summary><c>%0Nx</c> (or <c>%0NX</c> with <paramref name="upper"/>).</summary>
    public void Hex(ulong value, int width, bool upper = false)
    {
        Span<char> buffer = stackalloc char[16];
        value.TryFormat(buffer, out int n, upper ? "X" : "x", CultureInfo.InvariantCulture);
        for (int i = n; i < width; i++)
        {
            _out.Write('0');
        }

        _out.Write(buffer.Slice(0, n));
    }

    /// <summary><c>%02u</c>, <c>%04u</c>.</summary>
    public void Num(ulong value, int width)
    {
        Span<char> buffer = stackalloc char[20];
        value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture);
        for (int i = n; i < width; i++)
        {
            _out.Write('0');
        }

        _out.Write(buffer.Slice(0, n));
    }

    /// <summary><c>%.Nf</c> as glibc prints it: the exact binary value rounded to <paramref name="decimals"/> places, ties to even; <c>inf</c> for infinity.</summary>
    public void Fixed(double value, int decimals)
    {
        if (double.IsPositiveInfinity(value))
        {
            _out.Write("inf");
            return;
        }

        _out.Write(CFormat.Fixed(value, decimals));
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
        foreach (byte b in bytes)
        {
            _out.Write((char)b);
        }
    }

    /// <summary><c>xtables_ipaddr_to_numeric</c>: dotted quad.</summary>
    public void Ip(Be32 address)
    {
        Span<char> text = stackalloc char[InAddr.MaxFormattedLength];
        new InAddr(address).TryFormat(text, out int length);
        _out.Write(text.Slice(0, length));
    }

    /// <summary><c>xtables_ipmask_to_numeric</c>: nothing for /32, <c>/n</c> for a prefix, else <c>/a.b.c.d</c>.</summary>
    public void IpMask(Be32 mask)
    {
        int cidr = Cidr(mask.Value);
        if (cidr == 32)
        {
            return;
        }

        _out.Write('/');
        if (cidr >= 0)
        {
            Num((uint)cidr);
        }
        else
        {
            Ip(mask);
        }
    }

    /// <summary><c>xtables_ipmask_to_cidr</c>: the prefix length, or -1.</summary>
    public static int Cidr(uint hostMask)
    {
        uint bits = uint.MaxValue;
        for (int i = 32; i >= 0; i--, bits <<= 1)
        {
            if (bits == hostMask)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>inet_ntop(AF_INET6)</c> as glibc writes it (<c>xtables_ip6addr_to_numeric</c>).</summary>
    public void Ip6(ReadOnlySpan<byte> address)
    {
        Span<char> text = stackalloc char[46];
        _out.Write(text.Slice(0, Inet6.Ntop(address, text)));
    }

    /// <summary><c>xtables_ip6mask_to_numeric</c>: nothing for /128, <c>/n</c> for a prefix, else <c>/</c> and the mask.</summary>
    public void Ip6Mask(ReadOnlySpan<byte> mask)
    {
        int cidr = Inet6.Cidr(mask);
        if (cidr == 128)
        {
            return;
        }

        _out.Write('/');
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
        bool bare = !value.IsEmpty;
        foreach (byte c in value)
        {
            if (!(c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            {
                bare = false;
                break;
            }
        }

        _out.Write(bare ? " " : " \"");
        foreach (byte c in value)
        {
            if (!bare && (c == '"' || c == '\\' || c == '\''))
            {
                _out.Write('\\');
            }

            _out.Write((char)c);
        }

        if (!bare)
        {
            _out.Write('"');
        }
    }

    /// <summary><c>xtables_print_mac</c>: six <c>%02x</c> separated by colons.</summary>
    public void Mac(ReadOnlySpan<byte> mac)
    {
        for (int i = 0; i < 6; i++)
        {
            if (i != 0)
            {
                _out.Write(':');
            }

            Hex(mac[i], 2);
        }
    }

    /// <summary><c>xtables_print_val_mask</c>: <c> 0xV/0xM</c>, or <c> 0xV</c> (or a name) when the mask is all ones.</summary>
    public void ValMask(uint value, uint mask, NameMap? names = null)
    {
        if (mask != uint.MaxValue)
        {
            _out.Write(" 0x");
            Hex(value);
            _out.Write("/0x");
            Hex(mask);
            return;
        }

        if (names?.Name(value) is string name)
        {
            _out.Write(' ');
            _out.Write(name);
            return;
        }

        _out.Write(" 0x");
        Hex(value);
    }

    /// <summary><c>[unsupported: revision N, data hex]</c>: what the dump cannot decode, with its bytes.</summary>
    public void Unsupported(byte revision, ReadOnlySpan<byte> data)
    {
        _out.Write(" [unsupported: revision ");
        Num(revision);
        _out.Write(", data ");
        foreach (byte b in data)
        {
            Hex(b, 2);
        }

        _out.Write(']');
    }
}
