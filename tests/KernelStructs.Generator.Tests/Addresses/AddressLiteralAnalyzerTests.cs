using System.IO;
using System.Threading.Tasks;
using KernelStructs.Analyzers.Addresses;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.Addresses;

public class AddressLiteralAnalyzerTests
{
    private static Task Verify(string body, params DiagnosticResult[] expected) => Verify(body, string.Empty, expected);

    private static async Task Verify(string body, string declarations, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<AddressLiteralAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies(
                "net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.31"), Path.Combine("ref", "net8.0")),
            TestCode = $$"""
                using System;
                using KernelStructs;
                using static KernelStructs.Inet;

                static class Addresses
                {
                    public const string Gateway = "10.0.0.256";
                }

                class C
                {
                    void M(string variable, int delimiter)
                    {
                        {{body}}
                    }
                }
                {{declarations}}
                """,
        };
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Inet).Assembly.Location));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    // ---- KS3001 ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("""Inet.In4Pton({|KS3001:"1.2.3"|}, 0, out _, out _);""")]
    [InlineData("""Inet.In4Pton({|KS3001:"256.1.1.1"|}, '\n', out _, out _);""")]
    [InlineData("""Inet.In4Pton({|KS3001:"1.2.3.4x"|}, 0, out _, out _);""")]
    [InlineData("""Inet.In6Pton({|KS3001:"1::2::3"|}, 0, out _, out _);""")]
    [InlineData("""Inet.In6Pton({|KS3001:"fe80::1%eth0"|}, 0, out _, out _);""")]
    [InlineData("""Inet.In4Pton({|KS3001:"1.2.3"u8|}, 0, out _, out _);""")]
    [InlineData("""const string text = "1.2.3.4.5"; Inet.In4Pton({|KS3001:text|}, 0, out _, out _);""")]
    [InlineData("""In6Pton({|KS3001:":1"|}, NoDelimiter, out _, out _);""")]
    [InlineData("""Inet.In4Pton(delimiter: 0, end: out _, address: out _, {|KS3001:text: "1..2.3"|});""")]
    public Task KS3001_fires_on_constant_text_the_strict_parser_rejects(string body) => Verify(body);

    [Fact]
    public Task KS3001_says_where_parsing_stops() => Verify(
        """Inet.In4Pton("1.2.3.4x", 0, out _, out _);""",
        new DiagnosticResult("KS3001", DiagnosticSeverity.Error).WithSpan(14, 22, 14, 32)
            .WithArguments("in4_pton", "1.2.3.4x", "parsing stops at offset 7 ('x')"));

    [Theory]
    [InlineData("""Inet.In4Pton("1.2.3.4", 0, out _, out _);""")]
    [InlineData("""Inet.In4Pton("1.2.3.4x", NoDelimiter, out _, out _);""")]   // no delimiter: 'x' ends it
    [InlineData("""Inet.In4Pton("1.2.3.4:80", 0, out _, out _);""")]           // a colon ends it
    [InlineData("""Inet.In6Pton("fe80::1%eth0", '%', out _, out _);""")]
    [InlineData("""Inet.In6Pton("::ffff:1.2.3.4"u8, 0, out _, out _);""")]
    [InlineData("""Inet.In4Pton(variable, 0, out _, out _);""")]               // not constant
    [InlineData("""Inet.In4Pton("1.2.3", delimiter, out _, out _);""")]        // delimiter not constant
    [InlineData("""Inet.In4Pton("1.2.3".AsSpan(), 0, out _, out _);""")]       // not a constant expression
    public Task KS3001_does_not_fire_on_valid_or_unknown_text(string body) => Verify(body);

    // ---- KS3002 ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("""Inet.InAton({|KS3002:"10.0.0.256"|});""")]
    [InlineData("""Inet.InAton({|KS3002:"1.2.3"|});""")]
    [InlineData("""Inet.InAton({|KS3002:"1.2.3.4x"|});""")]
    [InlineData("""Inet.InAton({|KS3002:"1.2.3.4.5"|});""")]
    [InlineData("""Inet.InAton({|KS3002:"1..3.4"|});""")]
    [InlineData("""Inet.InAton({|KS3002:" 1.2.3.4"|});""")]
    [InlineData("""Inet.InAton({|KS3002:"1.2.3.4:80"u8|});""")]
    [InlineData("""InAton({|KS3002:Addresses.Gateway|});""")]
    [InlineData("""const string local = "1.2"; InAton({|KS3002:local|});""")]
    public Task KS3002_fires_on_constant_text_in_aton_misreads(string body) => Verify(body);

    [Theory]
    [InlineData("10.0.0.256", "10.0.1.0", "an octet is above 255 and its high bits spill into the octet before")]
    [InlineData("1.2.3", "1.2.3.0", "it has 3 octets; the missing ones read as 0 at the end")]
    [InlineData("1.2.3.4x", "1.2.3.112", "'x' at offset 7 is not a digit but is read as one, worth 72")]
    [InlineData("1.2.3.4.5", "1.2.3.4", "the text after offset 7 is ignored")]
    [InlineData("1..3.4", "1.0.3.4", "octet 2 is empty and reads as 0")]
    public Task KS3002_says_what_in_aton_reads(string text, string reads, string why) => Verify(
        $"Inet.InAton(\"{text}\");",
        new DiagnosticResult("KS3002", DiagnosticSeverity.Warning).WithSpan(14, 21, 14, 23 + text.Length)
            .WithArguments(text, reads, why));

    [Theory]
    [InlineData("""Inet.InAton("10.0.0.1");""")]
    [InlineData("""Inet.InAton("10.0.0.1\n");""")]   // a trailing newline is fine
    [InlineData("""Inet.InAton("010.0.0.1");""")]    // leading zeros are decimal, as they look
    [InlineData("""Inet.InAton("192.168.1.1"u8);""")]
    [InlineData("""Inet.InAton(variable);""")]
    public Task KS3002_does_not_fire_on_dotted_quads_or_unknown_text(string body) => Verify(body);

    // ---- which calls are looked at: by the called method's symbol, found without a lookup at compilation start ---------

    [Fact]
    public Task A_call_through_a_using_alias_is_checked() => VerifyAliased();

    private static async Task VerifyAliased()
    {
        var test = new CSharpAnalyzerTest<AddressLiteralAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies(
                "net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.31"), Path.Combine("ref", "net8.0")),
            TestCode = """
                using Parsers = KernelStructs.Inet;

                class C
                {
                    void M() { Parsers.InAton({|KS3002:"1.2.3"|}); }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Inet).Assembly.Location));
        await test.RunAsync();
    }

    [Fact]
    public Task Another_type_named_Inet_with_the_same_methods_is_not_checked() => Verify(
        """Other.Inet.In4Pton("1.2.3", 0); Other.Inet.InAton("1.2.3");""",
        """
        namespace Other
        {
            static class Inet
            {
                public static bool In4Pton(string text, int delimiter) => false;
                public static uint InAton(string text) => 0;
            }
        }
        """);
}
