using System;
using System.Net.Sockets;
using System.Runtime.InteropServices;

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
    public static T Get<T>(SafeHandle socket, SocketLevel level, int optionName, LengthRule rule, string name)
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
    public static T Get<T>(Socket socket, SocketLevel level, int optionName, LengthRule rule, string name)
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
    public static T Get<T>(SafeHandle socket, SocketLevel level, int optionName, LengthRule rule, string name, out int length)
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
    public static T Get<T>(Socket socket, SocketLevel level, int optionName, LengthRule rule, string name, out int length)
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
    public static void Get<T>(SafeHandle socket, SocketLevel level, int optionName, ref T value, LengthRule rule, string name)
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
    public static void Get<T>(Socket socket, SocketLevel level, int optionName, ref T value, LengthRule rule, string name)
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
    public static int Get(SafeHandle socket, SocketLevel level, int optionName, Span<byte> buffer, LengthRule rule, int minLength, string name)
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
    public static int Get(Socket socket, SocketLevel level, int optionName, Span<byte> buffer, LengthRule rule, int minLength, string name)
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
    public static Errno TryGet<T>(SafeHandle socket, SocketLevel level, int optionName, LengthRule rule, string name, out T value)
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
    public static Errno TryGet<T>(Socket socket, SocketLevel level, int optionName, LengthRule rule, string name, out T value)
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
    public static Errno TryGet<T>(SafeHandle socket, SocketLevel level, int optionName, LengthRule rule, string name, out T value, out int length)
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
    public static Errno TryGet<T>(Socket socket, SocketLevel level, int optionName, LengthRule rule, string name, out T value, out int length)
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
    public static Errno TryGet<T>(SafeHandle socket, SocketLevel level, int optionName, ref T value, LengthRule rule, string name)
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
    public static Errno TryGet<T>(Socket socket, SocketLevel level, int optionName, ref T value, LengthRule rule, string name)
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
    public static Errno TryGet(SafeHandle socket, SocketLevel level, int optionName, Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
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
    public static Errno TryGet(Socket socket, SocketLevel level, int optionName, Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
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
    public static void Set<T>(SafeHandle socket, SocketLevel level, int optionName, in T value, string name)
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
    public static void Set<T>(Socket socket, SocketLevel level, int optionName, in T value, string name)
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
    public static void Set(SafeHandle socket, SocketLevel level, int optionName, ReadOnlySpan<byte> value, string name)
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
    public static void Set(Socket socket, SocketLevel level, int optionName, ReadOnlySpan<byte> value, string name)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Set(socket.SafeHandle, level, optionName, value, name);
    }

    /// <inheritdoc cref="TrySet{T}(int, SocketLevel, int, in T)"/>
    /// <param name="socket">The socket; held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    public static Errno TrySet<T>(SafeHandle socket, SocketLevel level, int optionName, in T value)
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
    public static Errno TrySet<T>(Socket socket, SocketLevel level, int optionName, in T value)
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
    public static Errno TrySet(SafeHandle socket, SocketLevel level, int optionName, ReadOnlySpan<byte> value)
    {
        using var held = new HeldDescriptor(socket);
        return TrySet(held.Fd, level, optionName, value);
    }

    /// <inheritdoc cref="TrySet(int, SocketLevel, int, ReadOnlySpan{byte})"/>
    /// <param name="socket">The socket; its handle is held for the duration of the call.</param>
    /// <param name="level">The level (<c>SOL_*</c>).</param>
    /// <param name="optionName">The option number.</param>
    /// <param name="value">The payload, or the kernel's answer.</param>
    public static Errno TrySet(Socket socket, SocketLevel level, int optionName, ReadOnlySpan<byte> value)
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
