using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>KS2004 (length against the command's payload and rule) and KS2005 (payload type) on every call path that carries them.</summary>
public sealed class SockOptPayloadTests
{
    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int location) => new DiagnosticResult(descriptor).WithLocation(location);

    private const string Exact8 = "its payload ModTuple (struct mod_tuple) is 8 bytes, and the length must be exactly that";

    /// <summary>Calls of MOD_SO_GET_TUPLE / MOD_SO_SET_TUPLE (ModTuple, 8 bytes, exact) with a wrong length marked #0, and the length text.</summary>
    public static TheoryData<string, string, string> WrongLengths() => new()
    {
        { "LibC.setsockopt sizeof", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, {|#0:sizeof(ModTuple6)|});", "sizeof(ModTuple6) (24 bytes)" },
        { "LibC.setsockopt Unsafe.SizeOf", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, {|#0:Unsafe.SizeOf<ModTuple6>()|});", "Unsafe.SizeOf<ModTuple6>() (24 bytes)" },
        { "LibC.setsockopt Marshal.SizeOf<T>", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, {|#0:Marshal.SizeOf<ModTuple6>()|});", "Marshal.SizeOf<ModTuple6>() (24 bytes)" },
        { "LibC.setsockopt Marshal.SizeOf(typeof)", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, {|#0:Marshal.SizeOf(typeof(ModTuple6))|});", "Marshal.SizeOf<ModTuple6>() (24 bytes)" },
        { "LibC.setsockopt literal", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, {|#0:12|});", "12" },
        { "DllImport setsockopt", "Native.SetOpt(fd, 0, M.MOD_SO_SET_TUPLE, &value, {|#0:(uint)sizeof(short)|});", "sizeof(short) (2 bytes)" },
        { "LibraryImport setsockopt", "Native.setsockopt(fd, 0, MOD_SO_SET_TUPLE, &value, {|#0:4|});", "4" },
        { "Socket.SetRawSocketOption stackalloc", "socket.SetRawSocketOption(0, Mod.MOD_SO_SET_TUPLE, {|#0:stackalloc byte[12]|});", "a 12-byte buffer" },
        { "Socket.SetRawSocketOption local span", "Span<byte> buffer = stackalloc byte[4]; socket.SetRawSocketOption(0, Mod.MOD_SO_SET_TUPLE, {|#0:buffer|});", "a 4-byte buffer" },
        { "SockOpt.Set span", "SockOpt.Set(socket, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, {|#0:new byte[9]|}, \"x\");", "a 9-byte array" },
        { "LibC.getsockopt length variable", "socklen_t size = 16; LibC.getsockopt(fd, 0, Mod.MOD_SO_GET_TUPLE, &value, {|#0:&size|});", "16" },
        { "DllImport getsockopt length variable", "uint size = (uint)sizeof(ModTuple6); Native.GetOpt(fd, 0, Mod.MOD_SO_GET_TUPLE, &value, {|#0:&size|});", "sizeof(ModTuple6) (24 bytes)" },
        { "LibraryImport getsockopt", "uint size = 2; Native.getsockopt(fd, 0, Mod.MOD_SO_GET_TUPLE, &value, {|#0:&size|});", "2" },
        { "Socket.GetRawSocketOption", "socket.GetRawSocketOption(0, Mod.MOD_SO_GET_TUPLE, {|#0:stackalloc byte[7]|});", "a 7-byte buffer" },
        { "SockOpt.Get span", "SockOpt.Get(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, {|#0:new byte[3]|}, LengthRule.Exact, 8, \"x\");", "a 3-byte array" },
    };

    [Theory]
    [MemberData(nameof(WrongLengths))]
    public Task KS2004_a_length_that_is_not_the_payload(string path, string statement, string what)
    {
        _ = path;
        var command = statement.Contains("SET", System.StringComparison.Ordinal) ? "MOD_SO_SET_TUPLE" : "MOD_SO_GET_TUPLE";
        return SockOptTest.VerifyAsync(SockOptTestState.InMethod(statement), Expect(Descriptors.LengthBreaksRule, 0).WithArguments(what, command, Exact8));
    }

    /// <summary>The same calls with the right length.</summary>
    public static TheoryData<string, string> RightLengths() => new()
    {
        { "LibC.setsockopt sizeof", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ModTuple));" },
        { "LibC.setsockopt Unsafe.SizeOf", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, Unsafe.SizeOf<ModTuple>());" },
        { "LibC.setsockopt Marshal.SizeOf", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, Marshal.SizeOf<ModTuple>());" },
        { "LibC.setsockopt literal", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, 8);" },
        { "LibC.setsockopt same-size primitive", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, sizeof(ulong));" },
        { "DllImport setsockopt", "Native.SetOpt(fd, 0, M.MOD_SO_SET_TUPLE, &value, (uint)sizeof(ModTuple));" },
        { "Socket.SetRawSocketOption", "socket.SetRawSocketOption(0, Mod.MOD_SO_SET_TUPLE, stackalloc byte[8]);" },
        { "Socket.SetRawSocketOption reassigned span", "Span<byte> buffer = stackalloc byte[4]; buffer = new byte[8]; socket.SetRawSocketOption(0, Mod.MOD_SO_SET_TUPLE, buffer);" },
        { "LibC.getsockopt length variable", "socklen_t size = sizeof(ModTuple); LibC.getsockopt(fd, 0, Mod.MOD_SO_GET_TUPLE, &value, &size);" },
        { "length not known at compile time", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, (uint)Environment.ProcessorCount);" },
    };

    [Theory]
    [MemberData(nameof(RightLengths))]
    public Task KS2004_silent_on_the_payload_length(string path, string statement)
    {
        _ = path;
        return SockOptTest.VerifyAsync(SockOptTestState.InMethod(statement));
    }

    [Theory]
    [InlineData("24", false)]
    [InlineData("64", false)]
    [InlineData("16", true)]
    public Task KS2004_at_least(string length, bool wrong)
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod($"socklen_t size = {length}; LibC.getsockopt(fd, 41, Mod.MOD6_SO_GET_TUPLE, &other, {{|#0:&size|}});"),
            wrong ? new[] { Expect(Descriptors.LengthBreaksRule, 0).WithArguments(length, "MOD6_SO_GET_TUPLE", "its payload ModTuple6 (struct mod_tuple6) is 24 bytes, and the length must be at least that") } : System.Array.Empty<DiagnosticResult>());

    [Theory]
    [InlineData("16", false)]
    [InlineData("24", false)]
    [InlineData("32", true)]
    [InlineData("0", true)]
    public Task KS2004_truncating_length_must_not_exceed_the_variable(string length, bool wrong)
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod($"socklen_t size = {length}; LibC.getsockopt(fd, 0, Mod.MOD_SO_GET_STATS, &other, {{|#0:&size|}});"),
            wrong ? new[] { Expect(Descriptors.LengthBreaksRule, 0).WithArguments(length, "MOD_SO_GET_STATS", "its payload ModTuple6 (struct mod_tuple6) is 24 bytes, and the kernel copies at most the length, so it must be between 1 and that") } : System.Array.Empty<DiagnosticResult>());

    [Fact]
    public Task KS2004_truncating_buffer_of_any_size_is_fine()
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod("socket.GetRawSocketOption(0, Mod.MOD_SO_GET_STATS, stackalloc byte[256]);"));

    [Theory]
    [InlineData("8", false)]
    [InlineData("56", false)]
    [InlineData("4", true)]
    [InlineData("18", true)]
    public Task KS2004_header_plus_whole_entries(string length, bool wrong)
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod($"socket.GetRawSocketOption(0, Mod.MOD_SO_GET_TABLE, {{|#0:new byte[{length}]|}});"),
            wrong ? new[] { Expect(Descriptors.LengthBreaksRule, 0).WithArguments($"a {length}-byte array", "MOD_SO_GET_TABLE", "its header ModTuple (struct mod_tuple) is 8 bytes, and the length must be that plus whole entries of ModTuple6 (struct mod_tuple6)") } : System.Array.Empty<DiagnosticResult>());

    [Fact]
    public Task KS2004_names_the_abis_when_the_payload_size_depends_on_them()
        => SockOptTest.VerifyAsync(
            """
            [KernelStruct("struct mod_ptrs")]
            public partial struct ModPtrs { public nint a; public nint b; }

            public static class PtrMod
            {
                [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(ModPtrs))]
                public const int MOD_SO_SET_PTRS = 3100;
            }
            """ + SockOptTestState.InMethod("ModPtrs p = default; LibC.setsockopt(fd, 0, PtrMod.MOD_SO_SET_PTRS, &p, {|#0:16|});"),
            Expect(Descriptors.LengthBreaksRule, 0).WithArguments("16", "MOD_SO_SET_PTRS", "its payload ModPtrs (struct mod_ptrs) is 8 bytes on arm, and the length must be exactly that"));

    // ---- KS2005 ---------------------------------------------------------------------------------------------------

    public static TheoryData<string, string> WrongPayloads() => new()
    {
        { "LibC.setsockopt", "LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, {|#0:&other|}, 8);" },
        { "LibC.getsockopt", "LibC.getsockopt(fd, 0, Mod.MOD_SO_GET_TUPLE, {|#0:&other|}, &len);" },
        { "DllImport setsockopt", "Native.SetOpt(fd, 0, Mod.MOD_SO_SET_TUPLE, {|#0:&other|}, 8);" },
        { "DllImport getsockopt", "Native.GetOpt(fd, 0, Mod.MOD_SO_GET_TUPLE, {|#0:&other|}, &ulen);" },
        { "LibraryImport setsockopt", "Native.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, {|#0:(void*)&other|}, 8);" },
        { "LibraryImport getsockopt", "Native.getsockopt(fd, 0, Mod.MOD_SO_GET_TUPLE, {|#0:&other|}, &ulen);" },
        { "SockOpt.Get", "SockOpt.Get<{|#0:ModTuple6|}>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\");" },
        { "SockOpt.TryGet", "SockOpt.TryGet<{|#0:ModTuple6|}>(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\", out var got);" },
        { "SockOpt.Set", "SockOpt.Set<{|#0:ModTuple6|}>(socket, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in other, \"x\");" },
        { "SockOpt.TrySet", "{|#0:SockOpt.TrySet(fd, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in other)|};" },
        { "SockOpt.Get with int", "SockOpt.Get<{|#0:int|}>(fd, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\");" },
    };

    [Theory]
    [MemberData(nameof(WrongPayloads))]
    public Task KS2005_a_payload_that_is_not_the_command_s(string path, string statement)
    {
        _ = path;
        var command = statement.Contains("SET", System.StringComparison.Ordinal) ? "MOD_SO_SET_TUPLE" : "MOD_SO_GET_TUPLE";
        var type = statement.Contains("<{|#0:int|}>", System.StringComparison.Ordinal) ? "int" : "ModTuple6 (struct mod_tuple6)";
        return SockOptTest.VerifyAsync(SockOptTestState.InMethod(statement), Expect(Descriptors.PayloadMismatch, 0).WithArguments(command, "ModTuple (struct mod_tuple)", type));
    }

    [Fact]
    public Task KS2005_the_catalog_s_ipv6_original_destination_is_not_a_sockaddr_in()
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod("SockOpt.Get<{|#0:SockAddrIn|}>(socket, SocketLevel.IPv6, Conntrack.IP6T_SO_ORIGINAL_DST, LengthRule.AtLeast, \"x\");"),
            Expect(Descriptors.PayloadMismatch, 0).WithArguments("IP6T_SO_ORIGINAL_DST", "SockAddrIn6 (struct sockaddr_in6)", "SockAddrIn (struct sockaddr_in)"));

    [Theory]
    [InlineData("LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, &value, 8);")]
    [InlineData("SockOpt.Get<ModTuple>(socket, SocketLevel.IP, Mod.MOD_SO_GET_TUPLE, LengthRule.Exact, \"x\");")]
    [InlineData("SockOpt.Set(socket, SocketLevel.IP, Mod.MOD_SO_SET_TUPLE, in value, \"x\");")]
    [InlineData("byte* raw = stackalloc byte[8]; LibC.setsockopt(fd, 0, Mod.MOD_SO_SET_TUPLE, raw, 8);")]
    public Task KS2005_silent_on_the_command_s_payload(string statement)
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod(statement));
}
