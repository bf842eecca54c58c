using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace KernelStructs;

/// <summary>
/// The text of a mirror's generated <c>ToString()</c>, <c>struct x { a = 1, b = [00 01] }</c>, a member at a time.
/// Not meant to be called directly.
/// </summary>
/// <remarks>
/// <para>
/// Generated code calls one method per member, chosen by the member's type, each with a single candidate: the compiler
/// binds a plain call instead of resolving <c>AppendFormatted</c>'s overloads for an interpolated string's hole.
/// </para>
/// <para>
/// Every value goes through <see cref="DefaultInterpolatedStringHandler"/>, as a hole of an interpolated string does:
/// integers in the current culture, a type's own <see cref="ISpanFormattable"/>, <see cref="IFormattable"/> or
/// <see cref="object.ToString"/>, no boxing. The text starts in the caller's buffer (<c>stackalloc</c>) and moves to a
/// pooled array when it outgrows it; the only allocation is the resulting string.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct StructText
{
    private DefaultInterpolatedStringHandler _text;
    private bool _first;

    /// <summary>Starts the text of <paramref name="cName"/> (<c>struct x</c>) in <paramref name="buffer"/>.</summary>
    public StructText(string cName, Span<char> buffer)
    {
        _text = new DefaultInterpolatedStringHandler(0, 0, null, buffer);
        _text.AppendLiteral(cName);
        _text.AppendLiteral(" { ");
        _first = true;
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void Byte(string name, byte value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void SByte(string name, sbyte value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void UInt16(string name, ushort value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void Int16(string name, short value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void UInt32(string name, uint value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void Int32(string name, int value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void UInt64(string name, ulong value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void Int64(string name, long value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void UIntPtr(string name, nuint value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c>.</summary>
    public void IntPtr(string name, nint value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = 0x</c> and the address in lowercase hex.</summary>
    public void Pointer(string name, nuint address)
    {
        Name(name);
        _text.AppendLiteral("0x");
        _text.AppendFormatted(address, "x");
    }

    /// <summary>Appends <c>name = value</c> (host order).</summary>
    public void Be16(string name, Be16 value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c> (host order).</summary>
    public void Be32(string name, Be32 value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c> (host order).</summary>
    public void Be64(string name, Be64 value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c> (host order).</summary>
    public void Le16(string name, Le16 value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c> (host order).</summary>
    public void Le32(string name, Le32 value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = value</c> (host order).</summary>
    public void Le64(string name, Le64 value)
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>
    /// Appends <c>name = value</c> for any other type (an enum, a nested struct, <see cref="System.Runtime.InteropServices.CLong"/>): as an
    /// interpolated string's hole formats it.
    /// </summary>
    public void Value<T>(string name, T value)
        where T : struct
    {
        Name(name);
        _text.AppendFormatted(value);
    }

    /// <summary>Appends an anonymous member's own text (<c>union { ... }</c>), without a name.</summary>
    public void Anonymous<T>(T value)
        where T : struct
    {
        Separator();
        _text.AppendFormatted(value);
    }

    /// <summary>Appends <c>name = [0a 00 ff]</c>.</summary>
    public void Bytes(string name, scoped ReadOnlySpan<byte> bytes)
    {
        Name(name);
        _text.AppendLiteral("[");
        Span<char> chunk = stackalloc char[3 * 64];
        var length = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (length > chunk.Length - 3)
            {
                _text.AppendFormatted((ReadOnlySpan<char>)chunk[..length]);
                length = 0;
            }

            if (i > 0)
            {
                chunk[length++] = ' ';
            }

            chunk[length++] = HexDigit(bytes[i] >> 4);
            chunk[length++] = HexDigit(bytes[i] & 0xf);
        }

        _text.AppendFormatted((ReadOnlySpan<char>)chunk[..length]);
        _text.AppendLiteral("]");
    }

    /// <summary>
    /// Appends <c>name = "text"</c>: the bytes of a C string member before its first NUL, decoded as UTF-8 (as
    /// <see cref="StructHelpers.ReadCString"/> decodes them).
    /// </summary>
    public void CString(string name, scoped ReadOnlySpan<byte> field)
    {
        Name(name);
        _text.AppendLiteral("\"");
        var length = field.IndexOf((byte)0);
        var text = length < 0 ? field : field[..length];
        if (text.Length < 256)
        {
            Span<char> chars = stackalloc char[256];
            _text.AppendFormatted((ReadOnlySpan<char>)chars[..Encoding.UTF8.GetChars(text, chars)]);
        }
        else
        {
            _text.AppendLiteral(Encoding.UTF8.GetString(text));
        }

        _text.AppendLiteral("\"");
    }

    /// <summary>Closes the braces and returns the text; the instance must not be used afterwards.</summary>
    public string ToStringAndClear()
    {
        _text.AppendLiteral(" }");
        return _text.ToStringAndClear();
    }

    private void Name(string name)
    {
        Separator();
        _text.AppendLiteral(name);
        _text.AppendLiteral(" = ");
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private void Separator()
    {
        if (!_first)
        {
            _text.AppendLiteral(", ");
        }

        _first = false;
    }
}
