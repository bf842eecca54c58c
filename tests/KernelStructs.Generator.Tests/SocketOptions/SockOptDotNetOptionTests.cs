using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.CodeFixes.SocketOptions;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// KS2013: Socket.SetSocketOption/GetSocketOption with kernel numbers cast to .NET's enums, reported as what .NET does on
/// Linux (no system call, or the option .NET gives the number), and the raw-call fix.
/// </summary>
public sealed class SockOptDotNetOptionTests
{
    private static DiagnosticResult KS2013(string message) => new DiagnosticResult(Descriptors.DotNetOptionName).WithLocation(0).WithArguments(message);

    [Theory]
    [InlineData("socket.GetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)Conntrack.SO_ORIGINAL_DST|}, new byte[16]);",
        "(SocketOptionName)Conntrack.SO_ORIGINAL_DST (80) is no option .NET knows at SocketOptionLevel.IP, so on Linux GetSocketOption makes no system call and throws SocketException (OperationNotSupported); call GetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData("socket.GetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)80|}, new byte[16]);",
        "(SocketOptionName)80 is no option .NET knows at SocketOptionLevel.IP, so on Linux GetSocketOption makes no system call and throws SocketException (OperationNotSupported); call GetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData("socket.SetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO|}, new byte[84]);",
        "(SocketOptionName)KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO (64) is no option .NET knows at SocketOptionLevel.IP, so on Linux SetSocketOption makes no system call and throws SocketException (OperationNotSupported); SetRawSocketOption passes the kernel's numbers as they are")]
    [InlineData("socket.SetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)IPOptions.IP_TRANSPARENT|}, true);",
        "(SocketOptionName)IPOptions.IP_TRANSPARENT (19) at SocketOptionLevel.IP is .NET's PacketInformation: on Linux SetSocketOption sets IP_PKTINFO (8) at SOL_IP, not IP_TRANSPARENT; call SetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData("socket.SetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)LibC.IP_TRANSPARENT|}, 1);",
        "(SocketOptionName)LibC.IP_TRANSPARENT (19) at SocketOptionLevel.IP is .NET's PacketInformation: on Linux SetSocketOption sets IP_PKTINFO (8) at SOL_IP, not IP_TRANSPARENT; call SetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData("socket.SetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)19|}, 1);",
        "(SocketOptionName)19 at SocketOptionLevel.IP is .NET's PacketInformation: on Linux SetSocketOption sets IP_PKTINFO (8) at SOL_IP; call SetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData("var option = (SocketOptionName)SocketLayer.SO_MARK; socket.SetSocketOption(SocketOptionLevel.Socket, {|#0:option|}, 7);",
        "option (SO_MARK, 36) is no option .NET knows at SocketOptionLevel.Socket, so on Linux SetSocketOption makes no system call and throws SocketException (OperationNotSupported); SetRawSocketOption passes the kernel's numbers as they are")]
    public Task KS2013_says_what_dotnet_does_with_a_cast_number(string statement, string message)
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod(statement), KS2013(message));

    [Fact]
    public Task KS2013_a_kernel_level_cast_to_SocketOptionLevel_is_no_level_dotnet_knows()
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod("socket.SetSocketOption((SocketOptionLevel)LibC.SOL_SOCKET, {|#0:(SocketOptionName)SocketLayer.SO_MARK|}, 7);"),
            KS2013("(SocketOptionLevel)LibC.SOL_SOCKET (1) is no SocketOptionLevel .NET knows, so on Linux SetSocketOption makes no system call and throws SocketException (OperationNotSupported); call SetRawSocketOption((int)SocketLevel.Socket, ...), which passes the kernel's numbers as they are"));

    [Theory]
    [InlineData("socket.SetSocketOption(SocketOptionLevel.Tcp, (SocketOptionName)1, 1);")] // TCP_NODELAY is 1 for both
    [InlineData("socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);")]
    [InlineData("socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);")]
    public Task KS2013_silent_where_dotnet_runs_what_the_code_says(string statement)
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod(statement));

    [Theory]
    [InlineData(
        "socket.GetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)Conntrack.SO_ORIGINAL_DST|}, buffer);",
        "socket.GetRawSocketOption((int)SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, buffer);",
        "(SocketOptionName)Conntrack.SO_ORIGINAL_DST (80) is no option .NET knows at SocketOptionLevel.IP, so on Linux GetSocketOption makes no system call and throws SocketException (OperationNotSupported); call GetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData(
        "socket.SetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)IPOptions.IP_TRANSPARENT|}, on);",
        "socket.SetRawSocketOption((int)SocketLevel.IP, IPOptions.IP_TRANSPARENT, BitConverter.GetBytes(on ? 1 : 0));",
        "(SocketOptionName)IPOptions.IP_TRANSPARENT (19) at SocketOptionLevel.IP is .NET's PacketInformation: on Linux SetSocketOption sets IP_PKTINFO (8) at SOL_IP, not IP_TRANSPARENT; call SetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    [InlineData(
        "socket.SetSocketOption(SocketOptionLevel.Socket, {|#0:(SocketOptionName)SocketLayer.SO_MARK|}, 7);",
        "socket.SetRawSocketOption((int)SocketLevel.Socket, SocketLayer.SO_MARK, BitConverter.GetBytes(7));",
        "(SocketOptionName)SocketLayer.SO_MARK (36) is no option .NET knows at SocketOptionLevel.Socket, so on Linux SetSocketOption makes no system call and throws SocketException (OperationNotSupported); call SetRawSocketOption((int)SocketLevel.Socket, ...), which passes the kernel's numbers as they are")]
    [InlineData(
        "socket.SetSocketOption((SocketOptionLevel)LibC.SOL_IP, {|#0:(SocketOptionName)LibC.IP_TRANSPARENT|}, new byte[4]);",
        "socket.SetRawSocketOption((int)SocketLevel.IP, LibC.IP_TRANSPARENT, new byte[4]);",
        "(SocketOptionName)LibC.IP_TRANSPARENT (19) at SocketOptionLevel.IP is .NET's PacketInformation: on Linux SetSocketOption sets IP_PKTINFO (8) at SOL_IP, not IP_TRANSPARENT; call SetRawSocketOption((int)SocketLevel.IP, ...), which passes the kernel's numbers as they are")]
    public async Task KS2013_fix_calls_the_raw_method_of_the_same_direction(string before, string after, string message)
    {
        var test = new SockOptCodeFixTest<UseRawSocketOptionCodeFix>(
            SockOptTestState.InMethod("byte[] buffer = new byte[16]; bool on = true; " + before),
            SockOptTestState.InMethod("byte[] buffer = new byte[16]; bool on = true; " + after));
        test.ExpectedDiagnostics.Add(KS2013(message));
        await test.RunAsync();
    }

    [Fact]
    public Task KS2013_no_fix_that_would_send_a_command_of_the_other_direction()
    {
        // IPT_SO_GET_INFO through SetSocketOption makes no call today; SetRawSocketOption would run IPT_SO_SET_REPLACE.
        var source = SockOptTestState.InMethod("socket.SetSocketOption(SocketOptionLevel.IP, {|#0:(SocketOptionName)KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO|}, new byte[84]);");
        var test = new SockOptCodeFixTest<UseRawSocketOptionCodeFix>(source, source);
        test.ExpectedDiagnostics.Add(KS2013("(SocketOptionName)KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO (64) is no option .NET knows at SocketOptionLevel.IP, so on Linux SetSocketOption makes no system call and throws SocketException (OperationNotSupported); SetRawSocketOption passes the kernel's numbers as they are"));
        return test.RunAsync();
    }
}
