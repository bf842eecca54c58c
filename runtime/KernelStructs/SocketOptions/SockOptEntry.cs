using System;
using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using Arg = KernelStructs.SockOptArgumentRole;

namespace KernelStructs;

/// <summary>
/// The engine's entry points for generated <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> wrappers: one method per payload shape
/// and socket form, none of them overloaded, each the same call of <see cref="SockOpt"/> by another name.
/// </summary>
/// <remarks>
/// A generated wrapper family is six methods, and a project may declare a thousand wrappers. Binding a call of
/// <see cref="SockOpt"/>'s generic overloads (a dozen of each name) makes the compiler weigh every candidate at every call
/// site; a distinctly named method is one candidate. The names read <c>{Get|TryGet|Set|TrySet}{shape}{socket}</c>: the
/// shape is <c>Value</c> (<c>T</c> returned, <c>out</c> or <c>in</c>), <c>ValueWithLength</c>, <c>Ref</c> (<c>ref T</c>,
/// whose bytes are also the call's input), <c>Span</c> (variable length) or <c>None</c> (no payload); the socket is a
/// <see cref="System.Net.Sockets.Socket"/>, a <see cref="System.Runtime.InteropServices.SafeHandle"/> (held for the call)
/// or an <c>int</c> descriptor (<c>Fd</c>). Behaviour, errors and length checks are <see cref="SockOpt"/>'s. Code of your
/// own should call <see cref="SockOpt"/> or a generated wrapper.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class SockOptEntry
{
    // ------------------------------------------------------------------ GetValue
    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, LengthRule, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.Get<T>(socket, level, optionName, rule, name);

    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, LengthRule, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.Get<T>(socket, level, optionName, rule, name);

    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, LengthRule, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.Get<T>(fd, level, optionName, rule, name);

    // ------------------------------------------------------------------ GetValueWithLength
    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, LengthRule, string, out int)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueWithLengthSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
        => SockOpt.Get<T>(socket, level, optionName, rule, name, out length);

    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, LengthRule, string, out int)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueWithLengthHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
        => SockOpt.Get<T>(socket, level, optionName, rule, name, out length);

    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, LengthRule, string, out int)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueWithLengthFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
        => SockOpt.Get<T>(fd, level, optionName, rule, name, out length);

    // ------------------------------------------------------------------ GetRef
    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GetRefSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.Get<T>(socket, level, optionName, ref value, rule, name);

    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GetRefHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.Get<T>(socket, level, optionName, ref value, rule, name);

    /// <inheritdoc cref="SockOpt.Get{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GetRefFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.Get<T>(fd, level, optionName, ref value, rule, name);

    // ------------------------------------------------------------------ GetSpan
    /// <inheritdoc cref="SockOpt.Get(int, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetSpanSocket([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
        => SockOpt.Get(socket, level, optionName, buffer, rule, minLength, name);

    /// <inheritdoc cref="SockOpt.Get(int, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetSpanHandle([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
        => SockOpt.Get(socket, level, optionName, buffer, rule, minLength, name);

    /// <inheritdoc cref="SockOpt.Get(int, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetSpanFd([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
        => SockOpt.Get(fd, level, optionName, buffer, rule, minLength, name);

    // ------------------------------------------------------------------ TryGetValue
    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, LengthRule, string, out T)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
        => SockOpt.TryGet<T>(socket, level, optionName, rule, name, out value);

    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, LengthRule, string, out T)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
        => SockOpt.TryGet<T>(socket, level, optionName, rule, name, out value);

    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, LengthRule, string, out T)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
        => SockOpt.TryGet<T>(fd, level, optionName, rule, name, out value);

    // ------------------------------------------------------------------ TryGetValueWithLength
    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, LengthRule, string, out T, out int)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueWithLengthSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
        => SockOpt.TryGet<T>(socket, level, optionName, rule, name, out value, out length);

    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, LengthRule, string, out T, out int)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueWithLengthHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
        => SockOpt.TryGet<T>(socket, level, optionName, rule, name, out value, out length);

    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, LengthRule, string, out T, out int)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueWithLengthFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
        => SockOpt.TryGet<T>(fd, level, optionName, rule, name, out value, out length);

    // ------------------------------------------------------------------ TryGetRef
    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetRefSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.TryGet<T>(socket, level, optionName, ref value, rule, name);

    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetRefHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.TryGet<T>(socket, level, optionName, ref value, rule, name);

    /// <inheritdoc cref="SockOpt.TryGet{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetRefFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => SockOpt.TryGet<T>(fd, level, optionName, ref value, rule, name);

    // ------------------------------------------------------------------ TryGetSpan
    /// <inheritdoc cref="SockOpt.TryGet(int, SocketLevel, int, Span{byte}, LengthRule, int, string, out int)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetSpanSocket([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
        => SockOpt.TryGet(socket, level, optionName, buffer, rule, minLength, name, out length);

    /// <inheritdoc cref="SockOpt.TryGet(int, SocketLevel, int, Span{byte}, LengthRule, int, string, out int)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetSpanHandle([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
        => SockOpt.TryGet(socket, level, optionName, buffer, rule, minLength, name, out length);

    /// <inheritdoc cref="SockOpt.TryGet(int, SocketLevel, int, Span{byte}, LengthRule, int, string, out int)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetSpanFd([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
        => SockOpt.TryGet(fd, level, optionName, buffer, rule, minLength, name, out length);

    // ------------------------------------------------------------------ SetValue
    /// <inheritdoc cref="SockOpt.Set{T}(int, SocketLevel, int, in T, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetValueSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
        => SockOpt.Set<T>(socket, level, optionName, in value, name);

    /// <inheritdoc cref="SockOpt.Set{T}(int, SocketLevel, int, in T, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetValueHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
        => SockOpt.Set<T>(socket, level, optionName, in value, name);

    /// <inheritdoc cref="SockOpt.Set{T}(int, SocketLevel, int, in T, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetValueFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
        => SockOpt.Set<T>(fd, level, optionName, in value, name);

    // ------------------------------------------------------------------ SetSpan
    /// <inheritdoc cref="SockOpt.Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSpanSocket([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
        => SockOpt.Set(socket, level, optionName, value, name);

    /// <inheritdoc cref="SockOpt.Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSpanHandle([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
        => SockOpt.Set(socket, level, optionName, value, name);

    /// <inheritdoc cref="SockOpt.Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSpanFd([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
        => SockOpt.Set(fd, level, optionName, value, name);

    // ------------------------------------------------------------------ SetNone
    /// <inheritdoc cref="SockOpt.Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <summary>Sets option <paramref name="optionName"/> with no payload (a zero-length option).</summary>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNoneSocket([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, string name)
        => SockOpt.Set(socket, level, optionName, ReadOnlySpan<byte>.Empty, name);

    /// <inheritdoc cref="SockOpt.Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <summary>Sets option <paramref name="optionName"/> with no payload (a zero-length option).</summary>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNoneHandle([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, string name)
        => SockOpt.Set(socket, level, optionName, ReadOnlySpan<byte>.Empty, name);

    /// <inheritdoc cref="SockOpt.Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <summary>Sets option <paramref name="optionName"/> with no payload (a zero-length option).</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNoneFd([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, string name)
        => SockOpt.Set(fd, level, optionName, ReadOnlySpan<byte>.Empty, name);

    // ------------------------------------------------------------------ TrySetValue
    /// <inheritdoc cref="SockOpt.TrySet{T}(int, SocketLevel, int, in T)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetValueSocket<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
        => SockOpt.TrySet<T>(socket, level, optionName, in value);

    /// <inheritdoc cref="SockOpt.TrySet{T}(int, SocketLevel, int, in T)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetValueHandle<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
        => SockOpt.TrySet<T>(socket, level, optionName, in value);

    /// <inheritdoc cref="SockOpt.TrySet{T}(int, SocketLevel, int, in T)"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetValueFd<T>([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
        => SockOpt.TrySet<T>(fd, level, optionName, in value);

    // ------------------------------------------------------------------ TrySetSpan
    /// <inheritdoc cref="SockOpt.TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetSpanSocket([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
        => SockOpt.TrySet(socket, level, optionName, value);

    /// <inheritdoc cref="SockOpt.TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetSpanHandle([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
        => SockOpt.TrySet(socket, level, optionName, value);

    /// <inheritdoc cref="SockOpt.TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetSpanFd([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
        => SockOpt.TrySet(fd, level, optionName, value);

    // ------------------------------------------------------------------ TrySetNone
    /// <inheritdoc cref="SockOpt.TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <summary>Sets option <paramref name="optionName"/> with no payload (a zero-length option).</summary>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetNoneSocket([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName)
        => SockOpt.TrySet(socket, level, optionName, ReadOnlySpan<byte>.Empty);

    /// <inheritdoc cref="SockOpt.TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <summary>Sets option <paramref name="optionName"/> with no payload (a zero-length option).</summary>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetNoneHandle([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName)
        => SockOpt.TrySet(socket, level, optionName, ReadOnlySpan<byte>.Empty);

    /// <inheritdoc cref="SockOpt.TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <summary>Sets option <paramref name="optionName"/> with no payload (a zero-length option).</summary>
    /// <param name="fd">The socket's file descriptor.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetNoneFd([SockOptArgument(Arg.Socket)] int fd, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName)
        => SockOpt.TrySet(fd, level, optionName, ReadOnlySpan<byte>.Empty);
}
