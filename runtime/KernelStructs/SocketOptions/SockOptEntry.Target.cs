using System;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

using Arg = KernelStructs.SockOptArgumentRole;

namespace KernelStructs;

// The entry points of the forms a generated family adds beside the declared method: one throwing and one Try form,
// taking a SocketTarget (a Socket, a SafeHandle or an int descriptor). A descriptor goes straight to the int engine
// method; a Socket or SafeHandle to the one that holds the handle for the call.
public static partial class SockOptEntry
{
    /// <inheritdoc cref="GetValueSocket{T}(Socket, SocketLevel, int, LengthRule, string)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name)
        where T : unmanaged
        => socket.IsDescriptor ? SockOpt.Get<T>(socket.Descriptor, level, optionName, rule, name) : SockOpt.Get<T>(socket.Handle, level, optionName, rule, name);

    /// <inheritdoc cref="GetValueWithLengthSocket{T}(Socket, SocketLevel, int, LengthRule, string, out int)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T GetValueWithLengthTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, out int length)
        where T : unmanaged
        => socket.IsDescriptor ? SockOpt.Get<T>(socket.Descriptor, level, optionName, rule, name, out length) : SockOpt.Get<T>(socket.Handle, level, optionName, rule, name, out length);

    /// <inheritdoc cref="GetRefSocket{T}(Socket, SocketLevel, int, ref T, LengthRule, string)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GetRefTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
    {
        if (socket.IsDescriptor)
        {
            SockOpt.Get<T>(socket.Descriptor, level, optionName, ref value, rule, name);
        }
        else
        {
            SockOpt.Get<T>(socket.Handle, level, optionName, ref value, rule, name);
        }
    }

    /// <inheritdoc cref="GetSpanSocket(Socket, SocketLevel, int, Span{byte}, LengthRule, int, string)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetSpanTarget([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name)
        => socket.IsDescriptor ? SockOpt.Get(socket.Descriptor, level, optionName, buffer, rule, minLength, name) : SockOpt.Get(socket.Handle, level, optionName, buffer, rule, minLength, name);

    /// <inheritdoc cref="TryGetValueSocket{T}(Socket, SocketLevel, int, LengthRule, string, out T)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value)
        where T : unmanaged
        => socket.IsDescriptor ? SockOpt.TryGet<T>(socket.Descriptor, level, optionName, rule, name, out value) : SockOpt.TryGet<T>(socket.Handle, level, optionName, rule, name, out value);

    /// <inheritdoc cref="TryGetValueWithLengthSocket{T}(Socket, SocketLevel, int, LengthRule, string, out T, out int)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetValueWithLengthTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, LengthRule rule, string name, [SockOptArgument(Arg.Value)] out T value, out int length)
        where T : unmanaged
        => socket.IsDescriptor ? SockOpt.TryGet<T>(socket.Descriptor, level, optionName, rule, name, out value, out length) : SockOpt.TryGet<T>(socket.Handle, level, optionName, rule, name, out value, out length);

    /// <inheritdoc cref="TryGetRefSocket{T}(Socket, SocketLevel, int, ref T, LengthRule, string)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetRefTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ref T value, LengthRule rule, string name)
        where T : unmanaged
        => socket.IsDescriptor ? SockOpt.TryGet<T>(socket.Descriptor, level, optionName, ref value, rule, name) : SockOpt.TryGet<T>(socket.Handle, level, optionName, ref value, rule, name);

    /// <inheritdoc cref="TryGetSpanSocket(Socket, SocketLevel, int, Span{byte}, LengthRule, int, string, out int)"/>
    [SockOptCall(SockOptDirection.Get)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TryGetSpanTarget([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] Span<byte> buffer, LengthRule rule, int minLength, string name, out int length)
        => socket.IsDescriptor ? SockOpt.TryGet(socket.Descriptor, level, optionName, buffer, rule, minLength, name, out length) : SockOpt.TryGet(socket.Handle, level, optionName, buffer, rule, minLength, name, out length);

    /// <inheritdoc cref="SetValueSocket{T}(Socket, SocketLevel, int, in T, string)"/>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetValueTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value, string name)
        where T : unmanaged
    {
        if (socket.IsDescriptor)
        {
            SockOpt.Set<T>(socket.Descriptor, level, optionName, in value, name);
        }
        else
        {
            SockOpt.Set<T>(socket.Handle, level, optionName, in value, name);
        }
    }

    /// <inheritdoc cref="SetSpanSocket(Socket, SocketLevel, int, ReadOnlySpan{byte}, string)"/>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSpanTarget([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value, string name)
    {
        if (socket.IsDescriptor)
        {
            SockOpt.Set(socket.Descriptor, level, optionName, value, name);
        }
        else
        {
            SockOpt.Set(socket.Handle, level, optionName, value, name);
        }
    }

    /// <inheritdoc cref="SetNoneSocket(Socket, SocketLevel, int, string)"/>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetNoneTarget([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, string name)
    {
        if (socket.IsDescriptor)
        {
            SockOpt.Set(socket.Descriptor, level, optionName, ReadOnlySpan<byte>.Empty, name);
        }
        else
        {
            SockOpt.Set(socket.Handle, level, optionName, ReadOnlySpan<byte>.Empty, name);
        }
    }

    /// <inheritdoc cref="TrySetValueSocket{T}(Socket, SocketLevel, int, in T)"/>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetValueTarget<T>([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] in T value)
        where T : unmanaged
        => socket.IsDescriptor ? SockOpt.TrySet<T>(socket.Descriptor, level, optionName, in value) : SockOpt.TrySet<T>(socket.Handle, level, optionName, in value);

    /// <inheritdoc cref="TrySetSpanSocket(Socket, SocketLevel, int, ReadOnlySpan{byte})"/>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetSpanTarget([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName, [SockOptArgument(Arg.Value)] ReadOnlySpan<byte> value)
        => socket.IsDescriptor ? SockOpt.TrySet(socket.Descriptor, level, optionName, value) : SockOpt.TrySet(socket.Handle, level, optionName, value);

    /// <inheritdoc cref="TrySetNoneSocket(Socket, SocketLevel, int)"/>
    [SockOptCall(SockOptDirection.Set)]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Errno TrySetNoneTarget([SockOptArgument(Arg.Socket)] SocketTarget socket, [SockOptArgument(Arg.Level)] SocketLevel level, [SockOptArgument(Arg.OptionName)] int optionName)
        => socket.IsDescriptor ? SockOpt.TrySet(socket.Descriptor, level, optionName, ReadOnlySpan<byte>.Empty) : SockOpt.TrySet(socket.Handle, level, optionName, ReadOnlySpan<byte>.Empty);
}
