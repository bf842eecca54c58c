using System;

namespace KernelStructs.Btf;

/// <summary>
/// BTF data is malformed: truncated, a bad magic or version, a section out of bounds, an unknown kind, a type id or name
/// offset out of range, or a chain of types that loops. The message says what and where (byte offset or type id).
/// </summary>
public sealed class BtfFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public BtfFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public BtfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
