using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace KernelStructs.Verification;

/// <summary>How bad a <see cref="HeaderFinding"/> is.</summary>
public enum HeaderFindingSeverity
{
    /// <summary>The verification failed.</summary>
    Error,

    /// <summary>Part of the verification could not run (e.g. a cross compiler is not installed).</summary>
    Warning,

    /// <summary>Worth knowing, not wrong (e.g. a struct that grows with the kernel is newer in the mirror than in the header).</summary>
    Info,
}

/// <summary>
/// One thing header verification found: a layout number that differs from the C compiler's (<c>KS1201</c>),
/// a C type or member the header does not declare (<c>KS1202</c>), a missing compiler (<c>KS1203</c>),
/// a missing header (<c>KS1204</c>) or an assembly without layout manifests (<c>KS1205</c>).
/// </summary>
public sealed class HeaderFinding
{
    /// <summary>Creates a finding.</summary>
    public HeaderFinding(string code, HeaderFindingSeverity severity, string message, IReadOnlyList<string> abis)
    {
        Code = code;
        Severity = severity;
        Message = message;
        Abis = abis;
    }

    /// <summary>The diagnostic code (<c>KS1201</c> ...).</summary>
    public string Code { get; }

    /// <summary>Error or warning.</summary>
    public HeaderFindingSeverity Severity { get; }

    /// <summary>The full message: C# field, C member, ABIs and both numbers for a mismatch.</summary>
    public string Message { get; }

    /// <summary>The ABIs it holds on.</summary>
    public IReadOnlyList<string> Abis { get; }

    /// <summary>The C# type (<c>Namespace.Name</c>), if the finding is about one.</summary>
    public string? Type { get; init; }

    /// <summary>The C# field, if the finding is about one.</summary>
    public string? Field { get; init; }

    /// <summary>The C type (<c>struct sockaddr_in</c>), if the finding is about one.</summary>
    public string? CType { get; init; }

    /// <summary>The C member, if the finding is about one.</summary>
    public string? CMember { get; init; }

    /// <summary>What was compared: <c>sizeof</c>, <c>_Alignof</c>, <c>offsetof</c> or <c>member size</c>.</summary>
    public string? Quantity { get; init; }

    /// <summary>The number the generated constants state (the C# mirror's layout).</summary>
    public long? Declared { get; init; }

    /// <summary>The number the C compiler computes from the header.</summary>
    public long? Actual { get; init; }

    /// <summary>Where in the C# source the finding points, if known.</summary>
    public string? File { get; init; }

    /// <summary>Line in <see cref="File"/> (1-based).</summary>
    public int Line { get; init; }

    /// <summary>Column in <see cref="File"/> (1-based).</summary>
    public int Column { get; init; }

    /// <summary>The finding in MSBuild's canonical format (<c>file(line,col): error KS1201: message</c>), which the build step prints.</summary>
    public string ToCanonicalString()
    {
        var origin = string.IsNullOrEmpty(File) ? "KernelStructs.Verification " : string.Create(CultureInfo.InvariantCulture, $"{File}({Line},{Column})");
        var severity = Severity switch { HeaderFindingSeverity.Error => "error", HeaderFindingSeverity.Warning => "warning", _ => "info" };
        return $"{origin}: {severity} {Code}: {Message}";
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Severity switch { HeaderFindingSeverity.Error => "error", HeaderFindingSeverity.Warning => "warning", _ => "info" }} {Code}: {Message}";
}

/// <summary>The outcome of <see cref="HeaderVerifier"/>: every finding, and what was checked.</summary>
public sealed class HeaderVerificationReport
{
    /// <summary>Creates a report.</summary>
    public HeaderVerificationReport(IReadOnlyList<HeaderFinding> findings, IReadOnlyList<string> verifiedAbis, IReadOnlyList<string> verifiedTypes, IReadOnlyList<string> typesWithoutHeader, int checks)
    {
        Findings = findings;
        VerifiedAbis = verifiedAbis;
        VerifiedTypes = verifiedTypes;
        TypesWithoutHeader = typesWithoutHeader;
        Checks = checks;
    }

    /// <summary>Every finding, errors first.</summary>
    public IReadOnlyList<HeaderFinding> Findings { get; }

    /// <summary>The errors.</summary>
    public IEnumerable<HeaderFinding> Errors => Findings.Where(f => f.Severity == HeaderFindingSeverity.Error);

    /// <summary>Whether no finding is an error.</summary>
    public bool Succeeded => !Errors.Any();

    /// <summary>The ABIs whose compiler ran.</summary>
    public IReadOnlyList<string> VerifiedAbis { get; }

    /// <summary>The C# types checked against their headers.</summary>
    public IReadOnlyList<string> VerifiedTypes { get; }

    /// <summary>Kernel structs without a <c>Header</c>, which cannot be checked.</summary>
    public IReadOnlyList<string> TypesWithoutHeader { get; }

    /// <summary>How many <c>_Static_assert</c>s were compiled, over all ABIs.</summary>
    public int Checks { get; }

    /// <summary>Throws <see cref="HeaderVerificationException"/> when verification failed; for use in a test.</summary>
    /// <exception cref="HeaderVerificationException">A finding is an error.</exception>
    public void ThrowIfFailed()
    {
        if (!Succeeded)
        {
            throw new HeaderVerificationException(this);
        }
    }

    /// <summary>A summary line and every finding.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"KernelStructs header verification: {VerifiedTypes.Count} struct(s) on {(VerifiedAbis.Count == 0 ? "no ABI" : string.Join(", ", VerifiedAbis))}, {Checks} static assertion(s), {Errors.Count()} error(s)");
        if (TypesWithoutHeader.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; not checked (no Header): {string.Join(", ", TypesWithoutHeader)}");
        }

        text.Append('.');
        foreach (var finding in Findings)
        {
            text.Append('\n').Append(finding);
        }

        return text.ToString();
    }
}

/// <summary>Header verification failed: the message lists every finding.</summary>
public sealed class HeaderVerificationException : Exception
{
    /// <summary>Creates the exception for a failed report.</summary>
    public HeaderVerificationException(HeaderVerificationReport report)
        : base(report.ToString()) => Report = report;

    /// <summary>The report.</summary>
    public HeaderVerificationReport Report { get; }
}
