using System.Linq;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KernelStructs.Generator.Tests.Generator;

/// <summary>
/// Inputs the fuzzer (tests/KernelStructs.Fuzz) shrank from failures, each standing for a class: the input compiles,
/// and so does everything the generator adds to it, with no warning in generated code.
/// </summary>
public sealed class FuzzFoundInputTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        // A nested [KernelStruct] whose own attribute is invalid gets no code; its container named its Layout (CS0117).
        {
            "nested kernel struct with errors of its own",
            """
            using System.Runtime.InteropServices;
            using KernelStructs;
            [KernelStruct("struct s7")]
            public unsafe partial struct S7
            {
                public int f8;
                public Anon13 anon16;
                [KernelStruct("union", ExpectedSize = int.MinValue)]
                [StructLayout(LayoutKind.Explicit)]
                public unsafe partial struct Anon13 { [FieldOffset(0)] public byte** f15; }
            }
            """
        },
        // A pointer field's ToString cast to nuint, which a namespace named nuint hides (CS0118).
        { "namespace named nuint", "using KernelStructs;\nnamespace nuint;\n[KernelStruct(\"struct s2\")]\npublic unsafe partial struct S2 { public void* f3; }" },
        // A containing type named @record was written without its @ (CS8860, and CS1519 for a struct named record).
        { "containing type named record", "using KernelStructs;\nnamespace Fuzz1 { partial struct @record { [KernelStruct(\"struct s13\")] partial struct S13 { public uint f16; } } }" },
        { "struct named record", "using KernelStructs;\nnamespace Fuzz1;\n[KernelStruct(\"struct s4\")]\npublic partial struct @record { public uint f5; }" },
        // A generic wrapper is refused (KS2010) but still needs a body with its type parameters (CS8795).
        { "generic wrapper", "using System.Net.Sockets;\nusing KernelStructs;\npublic static partial class Options12\n{\n    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(int))]\n    public const int SO_FUZZ19 = 8;\n    [GetSockOpt(SO_FUZZ19)]\n    public static partial int GetOpt20<T>(Socket socket) where T : struct;\n}" },
        // [SockOptWrapper] written on the declaration as well as by the generator (CS0579).
        { "wrapper attribute written by hand", "using KernelStructs;\npublic static partial class Options29\n{\n    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(void))]\n    public const int SO_FUZZ30 = 84;\n    [SetSockOpt(SO_FUZZ30)]\n    [SockOptWrapper(typeof(int), \"X\", SockOptDirection.Get)]\n    public static partial Errno TrySetOpt31(int socket);\n}" },
        // A containing type named with a keyword, in the assembly-level registration (CS1001).
        { "containing type named sizeof", "using KernelStructs;\npublic static partial class Outer1\n{\n    public partial record struct @sizeof\n    {\n        [KernelStruct(\"struct s2\")]\n        public partial struct S2 { public uint f3; }\n    }\n}" },
        // A nullable socket parameter, repeated without its annotation (CS8611).
        { "nullable socket", "#nullable enable\nusing System;\nusing System.Runtime.InteropServices;\nusing KernelStructs;\npublic static partial class Options20\n{\n    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(byte))]\n    public const int SO_FUZZ21 = 78;\n    [GetSockOpt(SO_FUZZ21)]\n    public static partial int GetOpt27(SafeHandle? socket, Span<byte> buffer);\n}" },
        // Two declarations whose families both add a TryGetOpt per socket, one with out and one with ref (CS0663).
        { "families that differ only by out and ref", "using System.Net.Sockets;\nusing KernelStructs;\npublic static partial class Options1\n{\n    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof(int))]\n    public const int SO_FUZZ2 = 8;\n    [GetSockOpt(SO_FUZZ2)]\n    public static partial int GetOpt(Socket socket);\n    [GetSockOpt(SO_FUZZ2)]\n    public static partial void GetOpt(int fd, ref int value);\n}" },
        // The same between a GET and a SET family: TryGetOpt(S, ref int) and TryGetOpt(S, in int) (CS0663).
        { "families of both directions that differ only by ref and in", "using System.Net.Sockets;\nusing KernelStructs;\npublic static partial class Options1\n{\n    [SockOptCommand(SocketLevel.IP, SockOptDirection.Both, typeof(int))]\n    public const int SO_FUZZ2 = 8;\n    [GetSockOpt(SO_FUZZ2)]\n    public static partial void GetOpt(Socket socket, ref int value);\n    [SetSockOpt(SO_FUZZ2)]\n    public static partial void GetOpt(int fd, in int value);\n}" },
        // A nested [KernelStruct] whose only problem is a name the generator would write into it (KS1016, a class named
        // Offsets): it gets no code, and the struct nesting it named its Layout (CS0117).
        { "nested kernel struct whose generated names collide", "using KernelStructs;\n[KernelStruct(\"struct s1\")]\nunsafe partial struct S1\n{\n    fixed byte f11[4];\n    class Offsets { }\n}\n[KernelStruct(\"struct s12\")]\npartial struct S12\n{\n    S1 f14;\n}" },
        // A command's C name with a line separator (U+2028) ended the generated comment that shows it (CS1519).
        { "command C name with a line separator", "using System.Net.Sockets;\nusing KernelStructs;\n[KernelStruct(\"struct s2\")]\npartial struct S2 { Be16 f11; }\npartial class Options13\n{\n    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(S2), Length = LengthRule.AtLeast, CName = \"a\\u2028b\\u0085c\\nd\")]\n    const int SO_FUZZ14 = 85;\n    [GetSockOpt(SO_FUZZ14)]\n    public static partial S2 GetOpt15(Socket socket);\n}" },
        // A level without a name that is negative was cast as (SocketLevel)-2, which C# reads as a subtraction (CS0075, CS0119).
        { "negative level", "using System.Net.Sockets;\nusing KernelStructs;\npublic static partial class Options1\n{\n    [SockOptCommand((SocketLevel)(-2), SockOptDirection.Both, typeof(int))]\n    public const int SO_FUZZ2 = -8;\n    [GetSockOpt(SO_FUZZ2)]\n    public static partial int GetOpt(Socket socket);\n    [SetSockOpt(SO_FUZZ2)]\n    public static partial void SetOpt(Socket socket, int value);\n}" },
        // A family member named like a field of the type (GetOpt13 beside TryGetOpt13) was added anyway (CS0102).
        { "family member named like a field", "using System.Runtime.InteropServices;\nusing KernelStructs;\npublic static partial class Options11\n{\n    public static int GetOpt13;\n    public class TryGetOpt14 { }\n    [SockOptCommand(SocketLevel.IPv6, SockOptDirection.Get, typeof(int))]\n    public const int SO_FUZZ12 = 10;\n    [GetSockOpt(SO_FUZZ12)]\n    public static partial Errno TryGetOpt13(SafeHandle socket, out int value);\n    [GetSockOpt(SO_FUZZ12)]\n    public static partial int GetOpt14(SafeHandle socket);\n}" },
        // A form's own parameter names were used beside the declaration's: TryGetOpt26(Socket socket, Span<byte> length,
        // out int length) (CS0100, CS0229), and likewise for a socket parameter named by the form (int fd, Span<byte> fd).
        { "span parameter named length", "using System;\nusing System.Runtime.InteropServices;\nusing KernelStructs;\npublic static partial class Options18\n{\n    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Get, typeof(byte), Length = LengthRule.AtLeast)]\n    public const int Option_25 = 71;\n    [GetSockOpt(Option_25)]\n    public static partial int GetOpt26(SafeHandle socket, Span<byte> length);\n}" },
        { "parameters named as other forms name theirs", "using System;\nusing System.Net.Sockets;\nusing KernelStructs;\npublic static partial class Options18\n{\n    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(int))]\n    public const int Option_25 = 71;\n    [GetSockOpt(Option_25)]\n    public static partial int GetOpt26(Socket length, Span<byte> fd);\n    [GetSockOpt(Option_25)]\n    public static partial Errno TryGetOpt27(Socket fd, out int socket, out int length);\n    [SetSockOpt(Option_25)]\n    public static partial void SetOpt28(int socket, int fd);\n}" },
        // A nullable value (byte?) was taken for an unmanaged payload, which the engine's constraint refuses (CS8377).
        { "nullable value", "using KernelStructs;\npublic static partial class Options11\n{\n    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Both, typeof(byte))]\n    public const int Option_15 = 29;\n    [SetSockOpt(Option_15)]\n    public static partial void SetOpt16(int socket, byte? value);\n    [GetSockOpt(Option_15)]\n    public static partial byte? GetOpt17(int socket);\n}" },
        // A private field of an anonymous member's type got a public reference in the struct around it (CS0122).
        { "private member of an anonymous member", "using KernelStructs;\n[KernelStruct(\"struct s30\")]\npublic partial struct S30\n{\n    public uint f31;\n    [CField(Anonymous = true)] public Anon32 anon32;\n    [KernelStruct(\"struct\")]\n    public partial struct Anon32 { private ulong f33; public uint f34; }\n}" },
        // A Count whose bytes overflow int made the length a constant that overflows (CS0220).
        { "count past int", "using System;\nusing System.Runtime.InteropServices;\nusing KernelStructs;\n[KernelStruct(\"struct s17\")]\npublic partial struct S17 { public ulong f18; }\npublic static partial class Options20\n{\n    [SockOptCommand(SocketLevel.Udp, SockOptDirection.Get, typeof(S17), Length = LengthRule.HeaderPlusEntries, Count = 1 << 30)]\n    public const int SO_FUZZ21 = 78;\n    [GetSockOpt(SO_FUZZ21)]\n    public static partial int GetOpt24(SafeHandle socket, Span<byte> buffer);\n}" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_generated_code_compiles_without_warnings(string name, string source)
    {
        var input = GeneratorHarness.Compile(source);
        var inputErrors = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").ToList();
        Assert.True(inputErrors.Count == 0, name + ": the input itself compiles\n" + string.Join("\n", inputErrors));

        var (result, output) = GeneratorHarness.Run(input);
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        var generated = output.SyntaxTrees.Except(input.SyntaxTrees).ToHashSet();
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Id == "CS8795" || d.Location.SourceTree is { } tree && generated.Contains(tree)))
            .ToList();
        Assert.True(problems.Count == 0, name + "\n" + string.Join("\n", problems));
    }
}
