using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace KernelStructs;

/// <summary>How much a <see cref="KernelLayoutFinding"/> matters.</summary>
public enum KernelLayoutSeverity
{
    /// <summary>The mirror and the kernel disagree: reading the kernel's bytes through the mirror gives garbage.</summary>
    Error,

    /// <summary>Something could not be checked (no BTF, the type is not in it), or the kernel has a member the mirror does not declare.</summary>
    Warning,

    /// <summary>Worth knowing, not wrong: a struct that grows with the kernel is newer on one side, a member takes no bytes.</summary>
    Info,
}

/// <summary>One thing <see cref="KernelLayout"/> found.</summary>
public sealed class KernelLayoutFinding
{
    /// <summary>Creates a finding.</summary>
    public KernelLayoutFinding(string code, KernelLayoutSeverity severity, string message)
    {
        Code = code;
        Severity = severity;
        Message = message;
    }

    /// <summary>
    /// <c>KS1211</c> a number differs, <c>KS1212</c> a member or the kind differs, <c>KS1213</c> not checked (no BTF, type
    /// not found), <c>KS1214</c> information.
    /// </summary>
    public string Code { get; }

    /// <summary>How much it matters.</summary>
    public KernelLayoutSeverity Severity { get; }

    /// <summary>The whole message: the C# member, the C member, both numbers and where the kernel's came from.</summary>
    public string Message { get; }

    /// <summary>The C# type (<c>Namespace.Name</c>).</summary>
    public string? Type { get; init; }

    /// <summary>The C# member path from the type (<c>dst.u3</c>), if the finding is about a member.</summary>
    public string? Member { get; init; }

    /// <summary>The C type.</summary>
    public string? CType { get; init; }

    /// <summary>The C member designator (<c>dst.u3</c>).</summary>
    public string? CMember { get; init; }

    /// <summary>What was compared: <c>sizeof</c>, <c>offset</c>, <c>size</c>, <c>bit offset</c>, <c>width</c>.</summary>
    public string? Quantity { get; init; }

    /// <summary>The mirror's number.</summary>
    public long? Mirror { get; init; }

    /// <summary>The kernel's number.</summary>
    public long? Kernel { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Severity switch { KernelLayoutSeverity.Error => "error", KernelLayoutSeverity.Warning => "warning", _ => "info" }} {Code}: {Message}";
}

/// <summary>The outcome of checking mirrors against the running kernel's BTF.</summary>
public sealed class KernelLayoutReport
{
    /// <summary>Creates a report.</summary>
    public KernelLayoutReport(IReadOnlyList<KernelLayoutFinding> findings, IReadOnlyList<string> verified, IReadOnlyList<string> notVerified, string? btfProblem)
    {
        Findings = findings;
        Verified = verified;
        NotVerified = notVerified;
        BtfProblem = btfProblem;
    }

    /// <summary>Every finding, errors first.</summary>
    public IReadOnlyList<KernelLayoutFinding> Findings { get; }

    /// <summary>The errors: the mirror and the kernel disagree.</summary>
    public IEnumerable<KernelLayoutFinding> Errors => Findings.Where(f => f.Severity == KernelLayoutSeverity.Error);

    /// <summary>The C# types found in the kernel's BTF and checked.</summary>
    public IReadOnlyList<string> Verified { get; }

    /// <summary>The C# types that could not be checked (no BTF, or the type is not in it).</summary>
    public IReadOnlyList<string> NotVerified { get; }

    /// <summary>Why there is no BTF to check against, or <see langword="null"/>.</summary>
    public string? BtfProblem { get; }

    /// <summary>Whether no mirror disagrees with the kernel (some may not have been checked: see <see cref="IsComplete"/>).</summary>
    public bool Succeeded => !Errors.Any();

    /// <summary>Whether every mirror was found in the kernel's BTF and checked.</summary>
    public bool IsComplete => BtfProblem is null && NotVerified.Count == 0;

    /// <summary>
    /// Throws <see cref="KernelLayoutException"/> when a mirror disagrees with the kernel, or, with
    /// <paramref name="requireComplete"/>, when a mirror could not be checked: what a service calls at start-up before it
    /// reads kernel structs.
    /// </summary>
    /// <exception cref="KernelLayoutException">Verification failed.</exception>
    public void ThrowIfFailed(bool requireComplete = false)
    {
        if (!Succeeded || (requireComplete && !IsComplete))
        {
            throw new KernelLayoutException(this);
        }
    }

    /// <summary>A summary line and every finding.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"KernelStructs BTF verification: {Verified.Count} struct(s) checked against the running kernel, {Errors.Count()} error(s)");
        if (NotVerified.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; not checked: {string.Join(", ", NotVerified)}");
        }

        text.Append('.');
        foreach (var finding in Findings)
        {
            text.Append('\n').Append(finding);
        }

        return text.ToString();
    }
}

/// <summary>A mirror disagrees with the running kernel: the message lists every finding.</summary>
public sealed class KernelLayoutException : Exception
{
    /// <summary>Creates the exception for a failed report.</summary>
    public KernelLayoutException(KernelLayoutReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString()) => Report = report;

    /// <summary>The report.</summary>
    public KernelLayoutReport Report { get; }
}
