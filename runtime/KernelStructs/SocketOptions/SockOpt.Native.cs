using System.Runtime.InteropServices;

namespace KernelStructs;

public static unsafe partial class SockOpt
{
    /// <summary>
    /// <c>getsockopt</c>/<c>setsockopt</c> bound directly, without <c>SetLastError</c> marshalling. A failed call's
    /// <c>errno</c> is read with <see cref="Marshal.GetLastSystemError"/> as the next thing after the call returns
    /// -1 (<see cref="GetCore"/>, <see cref="SetCore"/>), the same read <c>LibraryImport</c>'s own
    /// <c>SetLastError</c> code makes: the runtime keeps <c>errno</c> across its return from the native call. What
    /// <c>SetLastError = true</c> adds around that read (clearing <c>errno</c> before every call and storing it for
    /// <see cref="Marshal.GetLastPInvokeError"/> after) cost about 15 ns per call, 3 % of a <c>SO_ORIGINAL_DST</c>
    /// (docs/benchmarks.md, "Socket options"), and a successful call does not need it. Callers that use Tmds.LibC
    /// themselves are unaffected (their calls are analyzed and its structs are payloads as before).
    /// No <c>SuppressGCTransition</c>: netfilter's commands take kernel locks and <c>*_SO_GET_ENTRIES</c> copies
    /// whole tables.
    /// </summary>
    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "getsockopt")]
        internal static partial int GetSockOpt(int fd, int level, int optionName, void* value, int* length);

        [LibraryImport("libc", EntryPoint = "setsockopt")]
        internal static partial int SetSockOpt(int fd, int level, int optionName, void* value, int length);
    }
}
