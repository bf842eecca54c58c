using System;
using System.IO;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using KernelStructs.Tests;

namespace KernelStructs.Benchmarks;

/// <summary>
/// What a P/Invoke binding costs per call, without the kernel: a gcc-compiled function with <c>getsockopt</c>'s
/// signature that fills the buffer and returns, called from a C loop (the floor, the baseline) and through the
/// bindings a .NET caller can use. The <c>SO_ORIGINAL_DST</c> rows of <see cref="SockOptBenchmarks"/> add the kernel's
/// few hundred nanoseconds to these figures, so the difference between two rows here is the difference there.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/KernelStructs.Benchmarks -- --filter '*SockOptBinding*' --job medium</c>.</remarks>
[MemoryDiagnoser]
public unsafe partial class SockOptBindingBenchmarks
{
    private const string Library = "ks-bench-getsockopt-stub";
    private const int Calls = 1000;

    // getsockopt's signature; fails with EBADF for a negative descriptor, as the kernel would.
    private const string Source = """
        #include <errno.h>
        #include <sys/socket.h>
        __attribute__((noinline)) int stub_getsockopt(int fd, int level, int name, void *value, socklen_t *length)
        {
            if (fd < 0) { errno = EBADF; return -1; }
            ((unsigned char *)value)[0] = (unsigned char)name;
            *length = 16;
            return 0;
        }
        int stub_loop(int fd, int n)
        {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                unsigned char value[16];
                socklen_t length = sizeof value;
                if (stub_getsockopt(fd, 0, 80, value, &length) != 0)
                    return -1;
                sum += value[0];
            }
            return sum;
        }
        """;

    private static string? s_directory;
    private static IntPtr s_library;
    private delegate* unmanaged<int, int, int> _loop;

    /// <summary>Compiles the stub and points <see cref="Library"/> at it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        s_directory = Directory.CreateTempSubdirectory("ks-binding-").FullName;
        string source = Path.Combine(s_directory, "stub.c"), library = Path.Combine(s_directory, "libstub.so");
        File.WriteAllText(source, Source);
        NetNs.RunTool("gcc", "-O2", "-shared", "-fPIC", "-o", library, source);
        s_library = NativeLibrary.Load(library);
        NativeLibrary.SetDllImportResolver(typeof(SockOptBindingBenchmarks).Assembly,
            (name, _, _) => name == Library ? s_library : IntPtr.Zero);
        _loop = (delegate* unmanaged<int, int, int>)NativeLibrary.GetExport(s_library, "stub_loop");
        if (CLoop() != Calls * 80 || LibraryImportSetLastError() != 80 || LibraryImportErrnoOnFailure() != 80 || DllImportSetLastError() != 80)
        {
            throw new InvalidOperationException("the stub's answers differ");
        }

        if (Failing() != 9)
        {
            throw new InvalidOperationException("errno was not read back from the plain binding");
        }
    }

    /// <summary>Deletes the stub.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (s_directory is not null)
        {
            Directory.Delete(s_directory, recursive: true);
        }
    }

    /// <summary>The floor: a C loop calling the stub, per call.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public int CLoop() => _loop(3, Calls);

    /// <summary>The binding <c>SockOpt</c> uses: no <c>SetLastError</c>; <c>errno</c> read only when the call fails.</summary>
    [Benchmark]
    public int LibraryImportErrnoOnFailure()
    {
        byte* value = stackalloc byte[16];
        int length = 16;
        if (Stub.Plain(3, 0, 80, value, &length) != 0)
        {
            throw new InvalidOperationException(Marshal.GetLastSystemError().ToString());
        }

        return value[0];
    }

    /// <summary><c>[LibraryImport(SetLastError = true)]</c>, the engine's binding before.</summary>
    [Benchmark]
    public int LibraryImportSetLastError()
    {
        byte* value = stackalloc byte[16];
        int length = 16;
        if (Stub.WithSetLastError(3, 0, 80, value, &length) != 0)
        {
            throw new InvalidOperationException(Marshal.GetLastPInvokeError().ToString());
        }

        return value[0];
    }

    /// <summary><c>[DllImport(SetLastError = true)]</c>, as Tmds.LibC binds <c>getsockopt</c>.</summary>
    [Benchmark]
    public int DllImportSetLastError()
    {
        byte* value = stackalloc byte[16];
        int length = 16;
        if (Stub.DllImportWithSetLastError(3, 0, 80, value, &length) != 0)
        {
            throw new InvalidOperationException(Marshal.GetLastPInvokeError().ToString());
        }

        return value[0];
    }

    private static int Failing()
    {
        byte* value = stackalloc byte[16];
        int length = 16;
        return Stub.Plain(-1, 0, 80, value, &length) != 0 ? Marshal.GetLastSystemError() : 0;
    }

    private static partial class Stub
    {
        [LibraryImport(Library, EntryPoint = "stub_getsockopt")]
        internal static partial int Plain(int fd, int level, int name, void* value, int* length);

        [LibraryImport(Library, EntryPoint = "stub_getsockopt", SetLastError = true)]
        internal static partial int WithSetLastError(int fd, int level, int name, void* value, int* length);

        [DllImport(Library, EntryPoint = "stub_getsockopt", SetLastError = true)]
        internal static extern int DllImportWithSetLastError(int fd, int level, int name, void* value, int* length);
    }
}
