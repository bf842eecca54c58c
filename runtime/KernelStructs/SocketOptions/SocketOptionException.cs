using System;
using System.Globalization;
using System.IO;

namespace KernelStructs;

/// <summary>
/// A <c>getsockopt</c> or <c>setsockopt</c> call failed: carries the <see cref="Errno"/> (name and number), the
/// option's <see cref="Level"/>, number and C name, and the <see cref="Direction"/>.
/// </summary>
/// <remarks>
/// The message reads like the call: <c>getsockopt(SOL_IP, SO_ORIGINAL_DST=80) failed: ENOENT (2) No such file or directory</c>.
/// </remarks>
public class SocketOptionException : IOException
{
    /// <summary>Creates the exception for a call the kernel failed with <paramref name="errno"/>.</summary>
    /// <param name="errno">The error the kernel returned.</param>
    /// <param name="level">The option's level.</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="optionCName">The option's C name (e.g. <c>SO_ORIGINAL_DST</c>).</param>
    /// <param name="direction">The system call that failed.</param>
    public SocketOptionException(Errno errno, SocketLevel level, int optionName, string optionCName, SockOptDirection direction)
        : this(errno, level, optionName, optionCName, direction, FormatFailure(errno, level, optionName, optionCName, direction))
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="errno">The error the kernel returned, or <see cref="Errno.None"/> when the call succeeded but its answer broke a rule.</param>
    /// <param name="level">The option's level.</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="optionCName">The option's C name.</param>
    /// <param name="direction">The system call.</param>
    /// <param name="message">The message.</param>
    protected SocketOptionException(Errno errno, SocketLevel level, int optionName, string optionCName, SockOptDirection direction, string message)
        : base(message)
    {
        Errno = errno;
        Level = level;
        OptionName = optionName;
        OptionCName = optionCName;
        Direction = direction;
        HResult = errno.Number;
    }

    /// <summary>The error the kernel returned (<see cref="Errno.None"/> for a <see cref="SocketOptionLengthException"/>).</summary>
    public Errno Errno { get; }

    /// <summary>The option's level.</summary>
    public SocketLevel Level { get; }

    /// <summary>The option number (<c>optname</c>).</summary>
    public int OptionName { get; }

    /// <summary>The option's C name, e.g. <c>SO_ORIGINAL_DST</c>.</summary>
    public string OptionCName { get; }

    /// <summary>Whether <c>getsockopt</c> or <c>setsockopt</c> failed.</summary>
    public SockOptDirection Direction { get; }

    /// <summary>The C name of a level: <c>SOL_IP</c>, <c>SOL_SOCKET</c>, ...; the number for other levels.</summary>
    public static string LevelName(SocketLevel level) => SockOptFacts.LevelCName(level);

    /// <summary>The call as C would write it: <c>getsockopt(SOL_IP, SO_ORIGINAL_DST=80)</c>.</summary>
    protected static string FormatCall(SocketLevel level, int optionName, string optionCName, SockOptDirection direction)
        => string.Create(CultureInfo.InvariantCulture, $"{SockOptFacts.SystemCall(direction)}({LevelName(level)}, {optionCName}={optionName})");

    private static string FormatFailure(Errno errno, SocketLevel level, int optionName, string optionCName, SockOptDirection direction)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"{FormatCall(level, optionName, optionCName, direction)} failed: {errno} {errno.Message}");
        if (errno == Errno.EPERM)
        {
            text += ". The calling thread lacks a capability this command needs: netfilter table and IPVS commands need "
                + "CAP_NET_ADMIN in the user namespace that owns the socket's network namespace (run as root or grant the capability)";
        }

        return text;
    }
}

/// <summary>
/// The kernel answered, but its length broke the option's <see cref="LengthRule"/>: the payload type does not match
/// what this kernel copies (a wrong mirror or a wrong rule in the declaration). Reading the answer would read garbage.
/// </summary>
public sealed class SocketOptionLengthException : SocketOptionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="level">The option's level.</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="optionCName">The option's C name.</param>
    /// <param name="direction">The system call.</param>
    /// <param name="rule">The rule the answer broke.</param>
    /// <param name="expectedLength">The length the rule is stated against (the payload's size, or the header's).</param>
    /// <param name="actualLength">The length the kernel reported.</param>
    /// <param name="bufferLength">The length of the caller's buffer.</param>
    public SocketOptionLengthException(SocketLevel level, int optionName, string optionCName, SockOptDirection direction, LengthRule rule, int expectedLength, int actualLength, int bufferLength)
        : base(Errno.None, level, optionName, optionCName, direction, FormatMessage(level, optionName, optionCName, direction, rule, expectedLength, actualLength, bufferLength))
    {
        Rule = rule;
        ExpectedLength = expectedLength;
        ActualLength = actualLength;
        BufferLength = bufferLength;
    }

    /// <summary>The rule the answer broke.</summary>
    public LengthRule Rule { get; }

    /// <summary>The length the rule is stated against.</summary>
    public int ExpectedLength { get; }

    /// <summary>The length the kernel reported.</summary>
    public int ActualLength { get; }

    /// <summary>The length of the caller's buffer.</summary>
    public int BufferLength { get; }

    private static string FormatMessage(SocketLevel level, int optionName, string optionCName, SockOptDirection direction, LengthRule rule, int expected, int actual, int buffer)
    {
        string expectation = SockOptFacts.AnswerExpectation(rule, expected, buffer);
        return string.Create(CultureInfo.InvariantCulture,
            $"{FormatCall(level, optionName, optionCName, direction)} answered {actual} bytes into a {buffer}-byte buffer; its {rule} length rule expects {expectation}. The payload type does not match what this kernel copies.");
    }
}
