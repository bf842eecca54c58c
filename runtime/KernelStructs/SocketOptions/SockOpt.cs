using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using Arg = KernelStructs.SockOptArgumentRole;

namespace KernelStructs;

/// <summary>
/// The engine behind every typed socket option: <c>getsockopt</c>/<c>setsockopt</c> (bound with <c>LibraryImport</c>) with
/// <c>EINTR</c> retried, the kernel's answer checked against the option's <see cref="LengthRule"/>, and
/// failures thrown as <see cref="SocketOptionException"/> (or returned as <see cref="Errno"/> by the <c>Try</c> forms).
/// </summary>
/// <remarks>
/// <para>
/// Each generated <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> method is one call of this class's methods, with what its command
/// states, e.g. <c>SockOpt.Get&lt;SockAddrIn&gt;(socket, SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, LengthRule.AtLeast, "SO_ORIGINAL_DST")</c>,
/// made through <see cref="SockOptEntry"/>, which gives each shape and socket form a name of its own for the compiler to bind.
/// Its methods carry <see cref="SockOptCallAttribute"/> and their parameters <see cref="SockOptArgumentAttribute"/>, by
/// which the analyzers check calls of it.
/// Every method comes in three forms of socket: <see cref="Socket"/>, <see cref="SafeHandle"/> (held with
/// <see cref="SafeHandle.DangerousAddRef"/> for the duration of the call) and a raw <c>int</c> descriptor.
/// </para>
/// <para>
/// Fixed-size payloads (<c>T : unmanaged</c>) allocate nothing on success: the payload lives on the stack and is
/// passed by address. Length rules are checked on the length the kernel reports back:
/// <see cref="LengthRule.Exact"/> requires it to equal <c>sizeof(T)</c>; <see cref="LengthRule.AtLeast"/> and
/// <see cref="LengthRule.HeaderPlusEntries"/> require at least <c>sizeof(T)</c> (or the header length given);
/// <see cref="LengthRule.Truncating"/> accepts a shorter answer and leaves the bytes past it zero.
/// A broken rule throws <see cref="SocketOptionLengthException"/>, also from the <c>Try</c> forms: it means the
/// declaration does not match the kernel, not a run-time condition.
/// </para>
/// <para>
/// <c>T</c> must be the C payload mirrored byte for byte (a <c>[KernelStruct]</c>, a primitive or a byte-order type).
/// </para>
/// </remarks>
[SkipLocalsInit]
public static unsafe partial class SockOpt
{
    private const int EINTR = 4;

    // ------------------------------------------------------------------ int descriptor: GET

    /// <summary>Reads option <paramref name="optionName"/> as a <typeparamref name="T"/>.</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <exception cref="SocketOptionException">The kernel failed the call.</exception>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static T Get<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
    {
        T value = default;
        int length = sizeof(T);
        int errno = GetCore(fd, level, optionName, &value, ref length);
        if (errno != 0)
        {
            ThrowFailed(errno, level, optionName, name, SockOptDirection.Get);
        }

        CheckLength(rule, length, MinLength(rule, sizeof(T)), sizeof(T), level, optionName, name, SockOptDirection.Get);
        return value;
    }

    /// <summary>
    /// Reads option <paramref name="optionName"/> as a <typeparamref name="T"/> and reports the length the kernel wrote
    /// (for <see cref="LengthRule.Truncating"/> options such as <c>TCP_INFO</c>: fields past it are zero).
    /// </summary>
    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, LengthRule, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static T Get<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
    {
        T value = default;
        length = sizeof(T);
        int errno = GetCore(fd, level, optionName, &value, ref length);
        if (errno != 0)
        {
            ThrowFailed(errno, level, optionName, name, SockOptDirection.Get);
        }

        CheckLength(rule, length, MinLength(rule, sizeof(T)), sizeof(T), level, optionName, name, SockOptDirection.Get);
        return value;
    }

    /// <summary>
    /// Reads option <paramref name="optionName"/> into <paramref name="value"/>, whose bytes are also the call's
    /// input (e.g. <c>IPT_SO_GET_INFO</c> reads the table name from the buffer it answers in).
    /// </summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The input on entry, the kernel's answer on return.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <exception cref="SocketOptionException">The kernel failed the call.</exception>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static void Get<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        Errno errno = TryGet(fd, level, optionName, ref value, rule, name);
        if (errno.IsError)
        {
            ThrowFailed(errno.Number, level, optionName, name, SockOptDirection.Get);
        }
    }

    /// <summary>
    /// Reads a variable-length option into <paramref name="buffer"/> (whose bytes are also the call's input) and
    /// returns the length the kernel reported. With <see cref="LengthRule.Truncating"/> the bytes past it are cleared.
    /// </summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer against <paramref name="minLength"/>.</param>
    /// <param name="minLength">
    /// The length the rule is stated against: the payload's size for <see cref="LengthRule.Exact"/> and
    /// <see cref="LengthRule.AtLeast"/>, the header's size for <see cref="LengthRule.HeaderPlusEntries"/>, the
    /// shortest acceptable answer for <see cref="LengthRule.Truncating"/> (usually 0).
    /// </param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <returns>The length the kernel reported (never more than <paramref name="buffer"/>'s length).</returns>
    /// <exception cref="SocketOptionException">The kernel failed the call.</exception>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static int Get([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
    {
        Errno errno = TryGet(fd, level, optionName, buffer, rule, minLength, name, out int length);
        if (errno.IsError)
        {
            ThrowFailed(errno.Number, level, optionName, name, SockOptDirection.Get);
        }

        return length;
    }

    /// <summary>Reads option <paramref name="optionName"/> as a <typeparamref name="T"/>, returning the error instead of throwing it.</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The answer; <see langword="default"/> on failure.</param>
    /// <returns><see cref="Errno.None"/> on success, else the kernel's error.</returns>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
        => TryGet(fd, level, optionName, rule, name, out value, out _);

    /// <summary>
    /// Reads option <paramref name="optionName"/> as a <typeparamref name="T"/> and the length the kernel wrote,
    /// returning the error instead of throwing it.
    /// </summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The answer; <see langword="default"/> on failure.</param>
    /// <param name="length">The length the kernel reported; 0 on failure.</param>
    /// <returns><see cref="Errno.None"/> on success, else the kernel's error.</returns>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
    {
        value = default;
        length = sizeof(T);
        fixed (T* p = &value)
        {
            int errno = GetCore(fd, level, optionName, p, ref length);
            if (errno != 0)
            {
                length = 0;
                return new Errno(errno);
            }
        }

        CheckLength(rule, length, MinLength(rule, sizeof(T)), sizeof(T), level, optionName, name, SockOptDirection.Get);
        return default;
    }

    /// <summary>
    /// Reads option <paramref name="optionName"/> into <paramref name="value"/>, whose bytes are also the call's
    /// input, returning the error instead of throwing it.
    /// </summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The input on entry, the kernel's answer on return (unchanged by a failed call unless the kernel wrote to it).</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <returns><see cref="Errno.None"/> on success, else the kernel's error.</returns>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        int length = sizeof(T);
        fixed (T* p = &value)
        {
            int errno = GetCore(fd, level, optionName, p, ref length);
            if (errno != 0)
            {
                return new Errno(errno);
            }

            CheckLength(rule, length, MinLength(rule, sizeof(T)), sizeof(T), level, optionName, name, SockOptDirection.Get);
            if (length < sizeof(T))
            {
                // Truncating: the input bytes past the answer would read as stale fields.
                new Span<byte>((byte*)p + length, sizeof(T) - length).Clear();
            }
        }

        return default;
    }

    /// <summary>
    /// Reads a variable-length option into <paramref name="buffer"/>, returning the error instead of throwing it.
    /// </summary>
    /// <inheritdoc cref="Get(int, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return.</param>
    /// <param name="rule">The option's length rule.</param>
    /// <param name="minLength">The length the rule is stated against.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported; 0 on failure.</param>
    /// <returns><see cref="Errno.None"/> on success, else the kernel's error.</returns>
    /// <exception cref="SocketOptionLengthException">The kernel's answer broke <paramref name="rule"/>.</exception>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
    {
        length = buffer.Length;
        fixed (byte* p = buffer)
        {
            int errno = GetCore(fd, level, optionName, p, ref length);
            if (errno != 0)
            {
                length = 0;
                return new Errno(errno);
            }
        }

        CheckLength(rule, length, minLength, buffer.Length, level, optionName, name, SockOptDirection.Get);
        if (rule == LengthRule.Truncating)
        {
            buffer.Slice(length).Clear();
        }

        return default;
    }

    // ------------------------------------------------------------------ int descriptor: SET

    /// <summary>Sets option <paramref name="optionName"/> to <paramref name="value"/> (length <c>sizeof(T)</c>).</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <exception cref="SocketOptionException">The kernel failed the call.</exception>
    [SockOptCall(SockOptDirection.Set)]
    public static void Set<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
    {
        int errno;
        fixed (T* p = &value)
        {
            errno = SetCore(fd, level, optionName, p, sizeof(T));
        }

        if (errno != 0)
        {
            ThrowFailed(errno, level, optionName, name, SockOptDirection.Set);
        }
    }

    /// <summary>Sets option <paramref name="optionName"/> to the bytes of <paramref name="value"/>.</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload; its length is the length passed.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <exception cref="SocketOptionException">The kernel failed the call.</exception>
    [SockOptCall(SockOptDirection.Set)]
    public static void Set([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
    {
        int errno;
        fixed (byte* p = value)
        {
            errno = SetCore(fd, level, optionName, p, value.Length);
        }

        if (errno != 0)
        {
            ThrowFailed(errno, level, optionName, name, SockOptDirection.Set);
        }
    }

    /// <summary>Sets option <paramref name="optionName"/> to <paramref name="value"/>, returning the error instead of throwing it.</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload.</param>
    /// <returns><see cref="Errno.None"/> on success, else the kernel's error.</returns>
    [SockOptCall(SockOptDirection.Set)]
    public static Errno TrySet<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
    {
        fixed (T* p = &value)
        {
            return new Errno(SetCore(fd, level, optionName, p, sizeof(T)));
        }
    }

    /// <summary>Sets option <paramref name="optionName"/> to the bytes of <paramref name="value"/>, returning the error instead of throwing it.</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload; its length is the length passed.</param>
    /// <returns><see cref="Errno.None"/> on success, else the kernel's error.</returns>
    [SockOptCall(SockOptDirection.Set)]
    public static Errno TrySet([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            return new Errno(SetCore(fd, level, optionName, p, value.Length));
        }
    }

    // ------------------------------------------------------------------ core

    // getsockopt with EINTR retried; returns 0 or the errno. `length` is the buffer length in, the kernel's length out.
    // errno is read first thing after a failed call: see Native.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GetCore(int fd, SocketLevel level, int optionName, void* buffer, ref int length)
    {
        while (true)
        {
            int len = length;
            if (Native.GetSockOpt(fd, (int)level, optionName, buffer, &len) == 0)
            {
                length = len;
                return 0;
            }

            int errno = Marshal.GetLastSystemError();
            if (errno != EINTR)
            {
                return errno;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SetCore(int fd, SocketLevel level, int optionName, void* value, int length)
    {
        while (true)
        {
            if (Native.SetSockOpt(fd, (int)level, optionName, value, length) == 0)
            {
                return 0;
            }

            int errno = Marshal.GetLastSystemError();
            if (errno != EINTR)
            {
                return errno;
            }
        }
    }

    // The rule's check (SockOptFacts, shared with the generator and analyzers) on the length the kernel reported.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLength(LengthRule rule, int actual, int expected, int bufferLength, SocketLevel level, int optionName, string name, SockOptDirection direction)
    {
        if (!SockOptFacts.AnswerFits(rule, actual, expected, bufferLength))
        {
            ThrowLength(rule, expected, actual, bufferLength, level, optionName, name, direction);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MinLength(LengthRule rule, int size) => SockOptFacts.ShortestAnswer(rule, size);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFailed(int errno, SocketLevel level, int optionName, string name, SockOptDirection direction)
        => throw new SocketOptionException(new Errno(errno), level, optionName, name, direction);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(LengthRule rule, int expected, int actual, int bufferLength, SocketLevel level, int optionName, string name, SockOptDirection direction)
        => throw new SocketOptionLengthException(level, optionName, name, direction, rule, expected, actual, bufferLength);
}
