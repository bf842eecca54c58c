using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace KernelStructs;

/// <summary>
/// Checks and formatting shared by the code the KernelStructs generator emits. Not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StructHelpers
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws when a buffer of <paramref name="actual"/> bytes cannot hold <paramref name="required"/> bytes of <paramref name="cName"/>.</summary>
    /// <exception cref="ArgumentException">The buffer is too short.</exception>
    public static void CheckLength(int actual, int required, string cName)
    {
        if (actual < required)
        {
            ThrowTooShort(actual, required, cName);
        }
    }

    /// <summary><c>max(sizeof, offsetof(flexible) + count × sizeof(element))</c>, checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="OverflowException">The size does not fit an <see cref="int"/>.</exception>
    public static int SizeForFlexibleArray(int sizeOf, int offset, int elementSize, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Math.Max(sizeOf, checked(offset + (count * elementSize)));
    }

    /// <summary>The bytes of <paramref name="field"/> before its first NUL (all of them if none), decoded as UTF-8.</summary>
    public static string ReadCString(ReadOnlySpan<byte> field)
    {
        var length = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(length < 0 ? field : field[..length]);
    }

    /// <summary>
    /// Writes <paramref name="value"/> into <paramref name="field"/> as UTF-8 followed by a NUL, and zeroes the rest.
    /// Never truncates: a value that does not fit with its NUL is an error, and <paramref name="field"/> is left as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not fit, holds a NUL, or is not valid UTF-16.</exception>
    public static void WriteCString(Span<byte> field, ReadOnlySpan<char> value, string member)
    {
        if (value.Contains('\0'))
        {
            throw new ArgumentException($"{member} is a C string: the value must not contain a NUL character.", nameof(value));
        }

        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{member}: the value is not valid UTF-16 and cannot be encoded as UTF-8.", nameof(value), e);
        }

        if (length > field.Length - 1)
        {
            throw new ArgumentException(
                $"{member} holds at most {field.Length - 1} bytes and a NUL, but the value takes {length} bytes in UTF-8; it is not truncated.",
                nameof(value));
        }

        var written = StrictUtf8.GetBytes(value, field);
        field[written..].Clear();
    }

    /// <summary>Throws the error for a value that does not fit a bitfield.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowBitFieldRange(string paramName, object value, string bitField, int width, long min, long max)
        => throw new ArgumentOutOfRangeException(
            paramName,
            value,
            string.Create(CultureInfo.InvariantCulture, $"{bitField} is a {width}-bit field: it holds {min} to {max}."));

    /// <summary>Appends bytes as <c>[0a 00 ff]</c>.</summary>
    public static void AppendBytes(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        text.Append('[');
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        text.Append(']');
    }

    /// <summary>Appends a C string member as a quoted string.</summary>
    public static void AppendCString(StringBuilder text, ReadOnlySpan<byte> field)
        => text.Append('"').Append(ReadCString(field)).Append('"');

    /// <summary>Bytes as <c>[0a 00 ff]</c>: what <see cref="AppendBytes"/> appends, as one string.</summary>
    public static string FormatBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "[]";
        }

        var text = (bytes.Length * 3) + 1 <= 512 ? stackalloc char[(bytes.Length * 3) + 1] : new char[(bytes.Length * 3) + 1];
        text[0] = '[';
        for (var i = 0; i < bytes.Length; i++)
        {
            text[(i * 3) + 1] = HexDigit(bytes[i] >> 4);
            text[(i * 3) + 2] = HexDigit(bytes[i] & 0xf);
            text[(i * 3) + 3] = i == bytes.Length - 1 ? ']' : ' ';
        }

        return new string(text);
    }

    /// <summary>A C string member as a quoted string: what <see cref="AppendCString"/> appends.</summary>
    public static string FormatCString(ReadOnlySpan<byte> field) => "\"" + ReadCString(field) + "\"";

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    [DoesNotReturn]
    private static void ThrowTooShort(int actual, int required, string cName)
        => throw new ArgumentException($"A buffer of {actual} bytes is shorter than {cName} ({required} bytes).");
}
