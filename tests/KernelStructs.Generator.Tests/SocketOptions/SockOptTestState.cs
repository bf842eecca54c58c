using System.Threading.Tasks;
using KernelStructs.Analyzers.SocketOptions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using KernelStructs.Generator.Tests.Analyzers;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// What the socket-option analyzer tests compile: the user side of a kernel module with its own annotated commands
/// (the analyzers treat them exactly like the catalog's), and every call path.
/// </summary>
internal static class SockOptTestState
{
    /// <summary>The usings every test source starts with (an alias and a static import included).</summary>
    public const string Usings = """
        using KernelStructs;
        using System;
        using System.Net.Sockets;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        using Tmds.Linux;
        using M = Mod;
        using static Mod;

        """;

    /// <summary>
    /// The module: <c>MOD_SO_GET_TUPLE</c>/<c>MOD_SO_SET_TUPLE</c> share 3000 at SOL_IP (as ip_tables' GET and SET
    /// commands share numbers), an IPv6 GET at SOL_IPV6, a SET-only and a GET-only number, a truncating GET and a
    /// header-plus-entries GET; struct mirrors of 8 and 24 bytes; the P/Invokes of the two system calls.
    /// </summary>
    public const string Module = """

        [KernelStruct("struct mod_tuple")]
        public partial struct ModTuple { public uint src; public uint dst; }

        [KernelStruct("struct mod_tuple6")]
        public partial struct ModTuple6 { public ulong a; public ulong b; public ulong c; }

        public static class Mod
        {
            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple))]
            public const int MOD_SO_GET_TUPLE = 3000;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModTuple))]
            public const int MOD_SO_SET_TUPLE = 3000;

            [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(ModTuple6), Length = LengthRule.AtLeast)]
            public const int MOD6_SO_GET_TUPLE = 3000;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModTuple))]
            public const int MOD_SO_SET_FLUSH = 3001;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple6))]
            public const int MOD_SO_GET_INFO = 3002;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple6), Length = LengthRule.Truncating)]
            public const int MOD_SO_GET_STATS = 3003;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple), Length = LengthRule.HeaderPlusEntries, Entry = typeof(ModTuple6))]
            public const int MOD_SO_GET_TABLE = 3004;

            [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(uint))]
            public const int MOD_SO_MARK = 3005;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(void))]
            public const int MOD_SO_SET_FLUSH_ALL = 3006;

            [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(ModTuple), Count = 2, Length = LengthRule.AtLeast)]
            public const int MOD_SO_GET_PAIR = 3007;

            public const int UNANNOTATED = 3000;
        }

        public static unsafe partial class Native
        {
            [DllImport("libc", EntryPoint = "setsockopt")]
            public static extern int SetOpt(int fd, int level, int name, void* value, uint length);

            [DllImport("libc", EntryPoint = "getsockopt")]
            public static extern int GetOpt(int fd, int level, int name, void* value, uint* length);

            [LibraryImport("libc")]
            public static partial int setsockopt(int fd, int level, int name, void* value, uint length);

            [LibraryImport("libc")]
            public static partial int getsockopt(int fd, int level, int name, void* value, uint* length);
        }

        // What the interop generator would emit for the LibraryImports.
        public static unsafe partial class Native
        {
            public static partial int setsockopt(int fd, int level, int name, void* value, uint length) => 0;

            public static partial int getsockopt(int fd, int level, int name, void* value, uint* length) => 0;
        }

        """;

    /// <summary>Typed wrappers of the tuple commands, as a user declares them.</summary>
    public const string TupleWrappers = """
        [GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial ModTuple GetTuple(Socket socket);
        [GetSockOpt(Mod.MOD_SO_GET_TUPLE)] public static partial Errno TryGetTuple(int fd, out ModTuple tuple);
        [SetSockOpt(Mod.MOD_SO_SET_TUPLE)] public static partial void SetTuple(int fd, in ModTuple tuple);
        """;

    /// <summary>What the generator writes for <see cref="TupleWrappers"/>, cut to what the analyzers read: the [SockOptWrapper] marker.</summary>
    public const string TupleImplementations = """
        [SockOptWrapper(typeof(Mod), nameof(Mod.MOD_SO_GET_TUPLE), SockOptDirection.Get)]
        public static partial ModTuple GetTuple(Socket socket) => default;
        [SockOptWrapper(typeof(Mod), nameof(Mod.MOD_SO_GET_TUPLE), SockOptDirection.Get)]
        public static partial Errno TryGetTuple(int fd, out ModTuple tuple) { tuple = default; return default; }
        [SockOptWrapper(typeof(Mod), nameof(Mod.MOD_SO_SET_TUPLE), SockOptDirection.Set)]
        public static partial void SetTuple(int fd, in ModTuple tuple) { }
        """;

    /// <summary>A method body in a class with a descriptor, a socket and payload variables in scope.</summary>
    public static string InMethod(string statements, string members = "") => $$"""
        public static unsafe class Calls
        {
            {{members}}
            public static void Run(int fd, Socket socket)
            {
                ModTuple value = default;
                ModTuple6 other = default;
                socklen_t len = sizeof(ModTuple);
                uint ulen = 8;
                {{statements}}
            }
        }
        """;

    public static void Configure(SolutionState state, System.Collections.Generic.List<System.Func<Solution, ProjectId, Solution>> transforms)
    {
        AnalyzerTestState.Configure(state, transforms);
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Tmds.Linux.LibC).Assembly.Location));
    }
}

/// <summary>Runs <see cref="SockOptAnalyzer"/> over the module and a source and compares its diagnostics.</summary>
internal sealed class SockOptTest : CSharpAnalyzerTest<SockOptAnalyzer, DefaultVerifier>
{
    public SockOptTest(string source, params DiagnosticResult[] expected)
    {
        TestCode = SockOptTestState.Usings + source + SockOptTestState.Module;
        ReferenceAssemblies = AnalyzerTestState.ReferenceAssemblies;
        SockOptTestState.Configure(TestState, SolutionTransforms);
        ExpectedDiagnostics.AddRange(expected);
    }

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => new SockOptTest(source, expected).RunAsync();
}

/// <summary>Runs <see cref="SockOptAnalyzer"/> and a code fix over the module and a source.</summary>
internal sealed class SockOptCodeFixTest<TCodeFix> : CSharpCodeFixTest<SockOptAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public SockOptCodeFixTest(string source, string fixedSource)
    {
        TestCode = SockOptTestState.Usings + source + SockOptTestState.Module;
        FixedCode = SockOptTestState.Usings + fixedSource + SockOptTestState.Module;
        ReferenceAssemblies = AnalyzerTestState.ReferenceAssemblies;
        SockOptTestState.Configure(TestState, SolutionTransforms);
    }
}
