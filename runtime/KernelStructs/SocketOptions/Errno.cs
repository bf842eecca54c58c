using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace KernelStructs;

/// <summary>
/// A Linux error number (<c>errno</c>), as a failed system call reports it: the number, its symbolic
/// <see cref="Name"/> (<c>ENOENT</c>) and its <see cref="Message"/> (<c>No such file or directory</c>).
/// </summary>
/// <remarks>
/// Constructing one allocates nothing; <see cref="Name"/> returns an interned literal for every number Linux
/// defines (the numbering of <c>asm-generic/errno-base.h</c> and <c>asm-generic/errno.h</c>, which x86, arm,
/// arm64, riscv and s390 use; MIPS, SPARC, Alpha and PA-RISC number some errors differently and are not supported).
/// <see cref="None"/> (0) is success.
/// </remarks>
public readonly struct Errno : IEquatable<Errno>
{
    /// <summary>Wraps an error number.</summary>
    /// <param name="number">The error number (positive; 0 is success).</param>
    public Errno(int number) => Number = number;

    /// <summary>The error number.</summary>
    public int Number { get; }

    /// <summary><see langword="true"/> for a failure (any number but 0).</summary>
    public bool IsError => Number != 0;

    /// <summary>
    /// The symbolic name, e.g. <c>ENOENT</c>; <c>"0"</c> for success and <c>"errno N"</c> for a number Linux does not define.
    /// </summary>
    public string Name => NameOf(Number) ?? (Number == 0 ? "0" : "errno " + Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The C library's description of the error (<c>strerror</c>), e.g. <c>No such file or directory</c>.</summary>
    public string Message => Marshal.GetPInvokeErrorMessage(Number);

    /// <summary>The error of the last P/Invoke call on this thread that set it (<see cref="Marshal.GetLastPInvokeError"/>).</summary>
    public static Errno FromLastPInvokeError() => new(Marshal.GetLastPInvokeError());

    /// <summary>Success (0).</summary>
    public static Errno None => default;

    /// <summary><c>EPERM</c> (1): operation not permitted — typically a missing capability such as <c>CAP_NET_ADMIN</c>.</summary>
    public static Errno EPERM => new(1);

    /// <summary><c>ENOENT</c> (2): no such entry — e.g. <c>SO_ORIGINAL_DST</c> on a socket without a conntrack entry.</summary>
    public static Errno ENOENT => new(2);

    /// <summary><c>ESRCH</c> (3): no such process; IPVS answers it for a service or destination that does not exist.</summary>
    public static Errno ESRCH => new(3);

    /// <summary><c>EINTR</c> (4): interrupted system call (the engine retries these).</summary>
    public static Errno EINTR => new(4);

    /// <summary><c>EBADF</c> (9): bad file descriptor.</summary>
    public static Errno EBADF => new(9);

    /// <summary><c>EAGAIN</c> (11): try again.</summary>
    public static Errno EAGAIN => new(11);

    /// <summary><c>ENOMEM</c> (12): out of memory.</summary>
    public static Errno ENOMEM => new(12);

    /// <summary><c>EACCES</c> (13): permission denied.</summary>
    public static Errno EACCES => new(13);

    /// <summary><c>EFAULT</c> (14): bad address.</summary>
    public static Errno EFAULT => new(14);

    /// <summary><c>EBUSY</c> (16): device or resource busy.</summary>
    public static Errno EBUSY => new(16);

    /// <summary><c>EEXIST</c> (17): already exists.</summary>
    public static Errno EEXIST => new(17);

    /// <summary><c>ENODEV</c> (19): no such device.</summary>
    public static Errno ENODEV => new(19);

    /// <summary><c>EINVAL</c> (22): invalid argument — e.g. an option length shorter than the kernel accepts.</summary>
    public static Errno EINVAL => new(22);

    /// <summary><c>ERANGE</c> (34): result out of range.</summary>
    public static Errno ERANGE => new(34);

    /// <summary><c>ENOTSOCK</c> (88): not a socket.</summary>
    public static Errno ENOTSOCK => new(88);

    /// <summary><c>ENOPROTOOPT</c> (92): protocol not available — the option does not exist at that level or for that protocol.</summary>
    public static Errno ENOPROTOOPT => new(92);

    /// <summary><c>EOPNOTSUPP</c> (95): operation not supported.</summary>
    public static Errno EOPNOTSUPP => new(95);

    /// <summary><c>ENOTCONN</c> (107): the socket is not connected.</summary>
    public static Errno ENOTCONN => new(107);

    /// <summary>
    /// The symbolic name of a Linux error number, or <see langword="null"/> when Linux defines none
    /// (0 included). Kernel-internal numbers (512 and up) that can leak to user space are named too.
    /// </summary>
    public static string? NameOf(int number)
    {
        if ((uint)number < (uint)Names.Length)
        {
            return Names[number];
        }

        return (uint)(number - 512) < (uint)KernelInternalNames.Length ? KernelInternalNames[number - 512] : null;
    }

    /// <inheritdoc/>
    public bool Equals(Errno other) => Number == other.Number;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Errno other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Number;

    /// <summary>The name and number, e.g. <c>ENOENT (2)</c>.</summary>
    public override string ToString() => Name + " (" + Number.ToString(CultureInfo.InvariantCulture) + ")";

    /// <summary>Equal when the numbers are equal.</summary>
    public static bool operator ==(Errno left, Errno right) => left.Number == right.Number;

    /// <summary>Different when the numbers differ.</summary>
    public static bool operator !=(Errno left, Errno right) => left.Number != right.Number;

    // asm-generic/errno-base.h (1-34) and asm-generic/errno.h (35-133), indexed by number.
    // 41 and 58 are unused (EWOULDBLOCK = EAGAIN, EDEADLOCK = EDEADLK are aliases).
    private static readonly string?[] Names =
    [
        null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",                  // 0-9
        "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV",      // 10-19
        "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE",    // 20-29
        "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", // 30-39
        "ELOOP", null, "ENOMSG", "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG", "EUNATCH",        // 40-49
        "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL", "ENOANO", "EBADRQC", "EBADSLT", null, "EBFONT",         // 50-59
        "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT",      // 60-69
        "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC", // 70-79
        "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK", "EDESTADDRREQ", // 80-89
        "EMSGSIZE", "EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", // 90-99
        "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", // 100-109
        "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", // 110-119
        "EISNAM", "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", // 120-129
        "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON",                                                 // 130-133
    ];

    // include/linux/errno.h: kernel-internal numbers from 512 on; ENOTSUPP (524) is known to reach user space.
    private static readonly string?[] KernelInternalNames =
    [
        "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ENOIOCTLCMD", "ERESTART_RESTARTBLOCK", "EPROBE_DEFER", "EOPENSTALE", "ENOPARAM", null, "EBADHANDLE", // 512-521
        "ENOTSYNC", "EBADCOOKIE", "ENOTSUPP", "ETOOSMALL", "ESERVERFAULT", "EBADTYPE", "EJUKEBOX", "EIOCBQUEUED", "ERECALLCONFLICT", "ENOGRACE", // 522-531
    ];
}
