using System.Runtime.InteropServices;

namespace KernelStructs;

public static unsafe partial class SockOpt
{
    /// <summary>
    /// <c>getsockopt</c>/<c>setsockopt</c> bound directly, <c>errno</c> kept by the marshaller for
    /// <see cref="Marshal.GetLastPInvokeError"/>. The engine calls these instead of Tmds.LibC's bindings, whose
    /// <c>SetLastError</c> marshalling costs more per call (docs/benchmarks.md, "Socket options"); callers that use
    /// Tmds.LibC themselves are unaffected (their calls are analyzed and its structs are payloads as before).
    /// No <c>SuppressGCTransition</c>: netfilter's commands take kernel locks and <c>*_SO_GET_ENTRIES</c> copies
    /// whole tables.
    /// </summary>
    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
        internal static partial int GetSockOpt(int fd, int level, int optionName, void* value, int* length);

        [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
        internal static partial int SetSockOpt(int fd, int level, int optionName, void* value, int length);
    }
}
