namespace KernelStructs;

/// <summary>
/// <c>struct ucred</c> (<c>sys/socket.h</c> with <c>_GNU_SOURCE</c>; the kernel's <c>include/linux/socket.h</c>):
/// the credentials of the peer of a Unix socket or socket pair (<c>SO_PEERCRED</c>).
/// </summary>
[KernelStruct("struct ucred", Header = "sys/socket.h", Defines = new[] { "_GNU_SOURCE" }, ExpectedSize = 12)]
public partial struct UCred
{
    /// <summary>The peer's process id (<c>pid_t</c>).</summary>
    public int pid;

    /// <summary>The peer's effective user id (<c>uid_t</c>).</summary>
    public uint uid;

    /// <summary>The peer's effective group id (<c>gid_t</c>).</summary>
    public uint gid;
}

/// <summary><c>struct linger</c> (<c>sys/socket.h</c>; the kernel's <c>include/linux/socket.h</c>): the payload of <c>SO_LINGER</c>.</summary>
[KernelStruct("struct linger", Header = "sys/socket.h", ExpectedSize = 8)]
public partial struct Linger
{
    /// <summary>Non-zero: <c>close</c> lingers while unsent data remains.</summary>
    public int l_onoff;

    /// <summary>How long to linger, in seconds.</summary>
    public int l_linger;
}

/// <summary>
/// <c>struct __kernel_old_timeval</c> from <c>linux/time_types.h</c>: <c>{ long tv_sec; long tv_usec; }</c>, the
/// payload of <c>SO_RCVTIMEO_OLD</c>/<c>SO_SNDTIMEO_OLD</c> (what <c>SO_RCVTIMEO</c>/<c>SO_SNDTIMEO</c> mean on
/// 64-bit ABIs, and on 32-bit ABIs with a 32-bit <c>time_t</c>). C <c>long</c> is <see cref="System.Runtime.InteropServices.CLong"/>,
/// so the layout follows the ABI: 16 bytes on LP64, 8 on ILP32.
/// </summary>
[KernelStruct("struct __kernel_old_timeval", Header = "linux/time_types.h")]
public partial struct KernelOldTimeval
{
    /// <summary>Seconds.</summary>
    public System.Runtime.InteropServices.CLong tv_sec;

    /// <summary>Microseconds.</summary>
    public System.Runtime.InteropServices.CLong tv_usec;
}
