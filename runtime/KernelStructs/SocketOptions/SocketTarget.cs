using System;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// The socket a generated socket-option method acts on: a <see cref="System.Net.Sockets.Socket"/>, a
/// <see cref="System.Runtime.InteropServices.SafeHandle"/> (a <see cref="SafeSocketHandle"/> or any other) or an
/// <c>int</c> file descriptor, each converted implicitly, so that one method takes all three.
/// </summary>
/// <remarks>
/// <para>
/// A <c>[GetSockOpt]</c>/<c>[SetSockOpt]</c> declaration yields the declared method, taking the socket as declared, and a
/// throwing and a <c>Try</c> form taking a <see cref="SocketTarget"/>: <c>Conntrack.GetOriginalDestination(socket)</c>,
/// <c>Conntrack.GetOriginalDestination(socket.SafeHandle)</c>, <c>Conntrack.GetOriginalDestination(fd)</c> and
/// <c>Conntrack.TryGetOriginalDestination(fd, out var destination)</c> all compile; a call whose argument is of the declared
/// socket type binds the declared method (an exact match beats a user-defined conversion).
/// </para>
/// <para>
/// A <see cref="System.Net.Sockets.Socket"/> or <see cref="System.Runtime.InteropServices.SafeHandle"/> is held
/// (<see cref="SafeHandle.DangerousAddRef"/>) for the duration of the call, as the methods taking them directly do; a
/// descriptor is passed to the kernel as it is. A <see langword="null"/> socket or handle, and <c>default</c>, throw
/// <see cref="ArgumentNullException"/> when used. The conversions only store the reference or the number: they neither
/// allocate nor throw.
/// </para>
/// </remarks>
public readonly struct SocketTarget
{
    // A Socket or a SafeHandle (null for a descriptor, or for a null socket or handle); resolved when the call is made.
    private readonly object? _owner;
    private readonly int _fd;
    private readonly bool _isDescriptor;

    private SocketTarget(object? owner, int fd, bool isDescriptor)
    {
        _owner = owner;
        _fd = fd;
        _isDescriptor = isDescriptor;
    }

    /// <summary>A socket, held for the duration of each call.</summary>
    /// <param name="socket">The socket.</param>
    public static implicit operator SocketTarget(Socket? socket) => new(socket, -1, false);

    /// <summary>A socket's handle, held for the duration of each call.</summary>
    /// <param name="handle">The handle (<see cref="SafeSocketHandle"/> or another <see cref="SafeHandle"/> of a socket).</param>
    public static implicit operator SocketTarget(SafeHandle? handle) => new(handle, -1, false);

    /// <summary>A socket's file descriptor, passed to the kernel as it is.</summary>
    /// <param name="fd">The file descriptor.</param>
    public static implicit operator SocketTarget(int fd) => new(null, fd, true);

    /// <inheritdoc cref="op_Implicit(Socket)"/>
    public static SocketTarget FromSocket(Socket? socket) => socket;

    /// <inheritdoc cref="op_Implicit(SafeHandle)"/>
    public static SocketTarget FromSafeHandle(SafeHandle? handle) => handle;

    /// <inheritdoc cref="op_Implicit(int)"/>
    public static SocketTarget FromInt32(int fd) => fd;

    /// <summary>Whether the target is a file descriptor, used as it is; otherwise <see cref="Handle"/> is held for the call.</summary>
    internal bool IsDescriptor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _isDescriptor;
    }

    /// <summary>The file descriptor, when <see cref="IsDescriptor"/>.</summary>
    internal int Descriptor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _fd;
    }

    /// <summary>The handle to hold for the call: the socket's, or the handle given.</summary>
    /// <exception cref="ArgumentNullException">The socket or handle was <see langword="null"/>, or the target is <c>default</c>.</exception>
    internal SafeHandle Handle => _owner switch
    {
        Socket socket => socket.SafeHandle,
        SafeHandle handle => handle,
        _ => throw new ArgumentNullException("socket"),
    };

    /// <inheritdoc/>
    public override string ToString() => _isDescriptor ? "fd " + _fd.ToString(System.Globalization.CultureInfo.InvariantCulture) : _owner?.ToString() ?? "(null)";
}
