using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

using Arg = KernelStructs.SockOptArgumentRole;

namespace KernelStructs;

// The Socket and SafeHandle forms of every engine method: each holds the handle (DangerousAddRef) for the
// duration of the call, so a concurrent Dispose cannot close or reuse the descriptor under it.
public static partial class SockOpt
{
    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, LengthRule, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static T Get<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        return Get<T>(held.Fd, level, optionName, rule, name);
    }

    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, LengthRule, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static T Get<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Get<T>(socket.SafeHandle, level, optionName, rule, name);
    }

    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, LengthRule, string, out int)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static T Get<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        return Get<T>(held.Fd, level, optionName, rule, name, out length);
    }

    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, LengthRule, string, out int)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static T Get<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Get<T>(socket.SafeHandle, level, optionName, rule, name, out length);
    }

    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static void Get<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        Get<T>(held.Fd, level, optionName, ref value, rule, name);
    }

    /// <inheritdoc cref="Get{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static void Get<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        Get<T>(socket.SafeHandle, level, optionName, ref value, rule, name);
    }

    /// <inheritdoc cref="Get(int, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static int Get([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
    {
        using var held = new HeldDescriptor(socket);
        return Get(held.Fd, level, optionName, buffer, rule, minLength, name);
    }

    /// <inheritdoc cref="Get(int, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static int Get([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return Get(socket.SafeHandle, level, optionName, buffer, rule, minLength, name);
    }

    /// <inheritdoc cref="TryGet{T}(int, SocketLevel, int, LengthRule, string, out T)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        return TryGet<T>(held.Fd, level, optionName, rule, name, out value);
    }

    /// <inheritdoc cref="TryGet{T}(int, SocketLevel, int, LengthRule, string, out T)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TryGet<T>(socket.SafeHandle, level, optionName, rule, name, out value);
    }

    /// <inheritdoc cref="TryGet{T}(int, SocketLevel, int, LengthRule, string, out T, out int)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        return TryGet<T>(held.Fd, level, optionName, rule, name, out value, out length);
    }

    /// <inheritdoc cref="TryGet{T}(int, SocketLevel, int, LengthRule, string, out T, out int)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TryGet<T>(socket.SafeHandle, level, optionName, rule, name, out value, out length);
    }

    /// <inheritdoc cref="TryGet{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        return TryGet<T>(held.Fd, level, optionName, ref value, rule, name);
    }

    /// <inheritdoc cref="TryGet{T}(int, SocketLevel, int, ref T, LengthRule, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TryGet<T>(socket.SafeHandle, level, optionName, ref value, rule, name);
    }

    /// <inheritdoc cref="TryGet(int, SocketLevel, int, Span{byte}, LengthRule, int, string, out int)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
    {
        using var held = new HeldDescriptor(socket);
        return TryGet(held.Fd, level, optionName, buffer, rule, minLength, name, out length);
    }

    /// <inheritdoc cref="TryGet(int, SocketLevel, int, Span{byte}, LengthRule, int, string, out int)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="buffer">The input on entry, the kernel's answer on return; its length is the length passed.</param>
    /// <param name="rule">The option's length rule, checked on the kernel's answer.</param>
    /// <param name="minLength">The length the rule is stated against (payload or header size; for Truncating the shortest acceptable answer).</param>
    /// <param name="name">The option's C name, for error messages.</param>
    /// <param name="length">The length the kernel reported.</param>
    [SockOptCall(SockOptDirection.Get)]
    public static Errno TryGet([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TryGet(socket.SafeHandle, level, optionName, buffer, rule, minLength, name, out length);
    }

    /// <inheritdoc cref="Set{T}(int, SocketLevel, int, in T, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static void Set<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        Set<T>(held.Fd, level, optionName, in value, name);
    }

    /// <inheritdoc cref="Set{T}(int, SocketLevel, int, in T, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static void Set<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        Set<T>(socket.SafeHandle, level, optionName, in value, name);
    }

    /// <inheritdoc cref="Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static void Set([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
    {
        using var held = new HeldDescriptor(socket);
        Set(held.Fd, level, optionName, value, name);
    }

    /// <inheritdoc cref="Set(int, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    /// <param name="name">The option's C name, for error messages.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static void Set([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Set(socket.SafeHandle, level, optionName, value, name);
    }

    /// <inheritdoc cref="TrySet{T}(int, SocketLevel, int, in T)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static Errno TrySet<T>([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
    {
        using var held = new HeldDescriptor(socket);
        return TrySet<T>(held.Fd, level, optionName, in value);
    }

    /// <inheritdoc cref="TrySet{T}(int, SocketLevel, int, in T)"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static Errno TrySet<T>([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TrySet<T>(socket.SafeHandle, level, optionName, in value);
    }

    /// <inheritdoc cref="TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static Errno TrySet([SockOptArgument(Arg.Socket)] SafeHandle socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
    {
        using var held = new HeldDescriptor(socket);
        return TrySet(held.Fd, level, optionName, value);
    }

    /// <inheritdoc cref="TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    [SockOptCall(SockOptDirection.Set)]
    public static Errno TrySet([SockOptArgument(Arg.Socket)] Socket socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TrySet(socket.SafeHandle, level, optionName, value);
    }

    /// <summary>Holds a socket's handle (<see cref="SafeHandle.DangerousAddRef"/>) until disposed, so its descriptor stays valid.</summary>
    private ref struct HeldDescriptor
    {
        private readonly SafeHandle _handle;
        private bool _added;

        public HeldDescriptor(SafeHandle handle)
        {
            ArgumentNullException.ThrowIfNull(handle);
            _handle = handle;
            _added = false;
            handle.DangerousAddRef(ref _added);
            Fd = (int)handle.DangerousGetHandle();
        }

        public int Fd { get; }

        public void Dispose()
        {
            if (_added)
            {
                _added = false;
                _handle.DangerousRelease();
            }
        }
    }
}
