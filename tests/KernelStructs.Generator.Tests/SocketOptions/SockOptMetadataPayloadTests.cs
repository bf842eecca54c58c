using System.Threading.Tasks;
using KernelStructs.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// Payloads a consumer's project sees only as metadata: the package's mirrors (<c>SockAddrIn</c>, <c>IptGetInfo</c>,
/// read from the compiled KernelStructs assembly) and Tmds.Linux's structs. Sized from metadata, compared by the C struct
/// they mirror or by their size; the consumer test bed (<c>Packaging/ConsumerTestBedTests</c>) does the same against the
/// packed .nupkg.
/// </summary>
public sealed class SockOptMetadataPayloadTests
{
    [Theory]
    [InlineData("SockAddrIn dst = default; socklen_t l = 8; LibC.getsockopt(fd, 0, Conntrack.SO_ORIGINAL_DST, &dst, {|#0:&l|});",
        "8 does not fit 'SO_ORIGINAL_DST': its payload SockAddrIn (struct sockaddr_in) is 16 bytes, and the length must be at least that")]
    [InlineData("KernelStructs.Netfilter.IptGetInfo info = default; socklen_t l = 100; LibC.getsockopt(fd, 0, KernelStructs.Netfilter.IpTables.IPT_SO_GET_INFO, &info, {|#0:&l|});",
        "100 does not fit 'IPT_SO_GET_INFO': its payload IptGetInfo (struct ipt_getinfo) is 84 bytes, and the length must be exactly that")]
    [InlineData("socket.GetRawSocketOption(0, Conntrack.SO_ORIGINAL_DST, {|#0:new byte[4]|});",
        "a 4-byte array does not fit 'SO_ORIGINAL_DST': its payload SockAddrIn (struct sockaddr_in) is 16 bytes, and the length must be at least that")]
    [InlineData("sockaddr_in dst = default; socklen_t l = 8; LibC.getsockopt(fd, 0, Conntrack.SO_ORIGINAL_DST, &dst, {|#0:&l|});",
        "8 does not fit 'SO_ORIGINAL_DST': its payload SockAddrIn (struct sockaddr_in) is 16 bytes, and the length must be at least that")]
    public Task KS2004_sizes_a_payload_from_metadata(string statements, string message)
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod(statements), new DiagnosticResult(Descriptors.LengthBreaksRule).WithLocation(0).WithMessage(message));

    [Theory]
    [InlineData("sockaddr_in dst = default; socklen_t l = (uint)sizeof(sockaddr_in); LibC.getsockopt(fd, LibC.SOL_IP, Conntrack.SO_ORIGINAL_DST, &dst, &l);")]
    [InlineData("sockaddr_in6 dst = default; socklen_t l = (uint)sizeof(sockaddr_in6); LibC.getsockopt(fd, LibC.SOL_IPV6, Conntrack.IP6T_SO_ORIGINAL_DST, &dst, &l);")]
    [InlineData("SockOpt.Get<sockaddr_in>(socket, SocketLevel.IP, Conntrack.SO_ORIGINAL_DST, LengthRule.AtLeast, \"x\");")]
    [InlineData("SockAddrIn dst = default; socklen_t l = (uint)SockAddrIn.SizeOf; LibC.getsockopt(fd, 0, Conntrack.SO_ORIGINAL_DST, &dst, &l);")]
    public Task Silent_on_a_payload_from_metadata_that_fits(string statements)
        => SockOptTest.VerifyAsync(SockOptTestState.InMethod(statements));

    [Fact]
    public Task KS2005_a_foreign_struct_named_as_another_command_s_payload()
        => SockOptTest.VerifyAsync(
            SockOptTestState.InMethod("sockaddr_in6 dst = default; socklen_t l = 28; LibC.getsockopt(fd, 0, Conntrack.SO_ORIGINAL_DST, {|#0:&dst|}, &l);"),
            new DiagnosticResult(Descriptors.PayloadMismatch).WithLocation(0).WithMessage("'SO_ORIGINAL_DST' carries SockAddrIn (struct sockaddr_in), not sockaddr_in6 (struct sockaddr_in6)"));
}
