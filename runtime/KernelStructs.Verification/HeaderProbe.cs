using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace KernelStructs.Verification;

/// <summary>
/// The probes for one header on one ABI: a C file of <c>_Static_assert</c>s, one per layout number, compiled
/// with <c>-fsyntax-only</c>; when assertions fail, a second file that gives each failed expression's value as
/// the size of an array (<c>const char ks_vN[1 + (expr)]</c>), compiled with <c>-S</c> and read from the
/// <c>.size</c> directives, so nothing is executed and cross compilers work.
/// </summary>
internal sealed partial class HeaderProbe
{
    private readonly CCompilerTarget _target;
    private readonly string _compiler;
    private readonly string _header;
    private readonly IReadOnlyList<StructManifest> _structs;
    private readonly IReadOnlyList<string> _arguments;
    private readonly List<RawFinding> _findings = new();
    private readonly bool _required;

    public HeaderProbe(CCompilerTarget target, string compiler, string header, IReadOnlyList<StructManifest> structs, IEnumerable<string> arguments, bool required = true)
    {
        _required = required;
        _target = target;
        _compiler = compiler;
        _header = header;
        _structs = structs;
        _arguments = arguments.ToList();
    }

    /// <summary>What the probes found.</summary>
    public IReadOnlyList<RawFinding> Findings => _findings;

    /// <summary>How many assertions the probe held.</summary>
    public int Checks { get; private set; }

    /// <summary>A finding on one ABI, before the same finding on other ABIs is merged with it.</summary>
    internal sealed record RawFinding(string Code, HeaderFindingSeverity Severity, string Key, Func<string, string> Message, string Abi)
    {
        public string? Type { get; init; }
        public string? Field { get; init; }
        public string? CType { get; init; }
        public string? CMember { get; init; }
        public string? Quantity { get; init; }
        public long? Declared { get; init; }
        public long? Actual { get; init; }
        public string? File { get; init; }
        public int Line { get; init; }
        public int Column { get; init; }
    }

    /// <summary>One layout number to assert.</summary>
    private sealed record Check(int Index, StructManifest Struct, FieldManifest? Field, string? CMember, string Quantity, string Expression, int Declared)
    {
        public int Line { get; set; }
    }

    public void Run(string directory, CancellationToken cancellationToken)
    {
        var checks = BuildChecks(out var problems);
        _findings.AddRange(problems);
        Checks = checks.Count;
        if (checks.Count == 0)
        {
            return;
        }

        var stem = Path.Combine(directory, _target.Abi + "-" + Regex.Replace(_header, @"[^A-Za-z0-9_.-]", "_"));
        File.Delete(stem + "-values.c");
        File.Delete(stem + "-values.s");
        var (source, includeLine) = AssertionProbe(checks);
        var assertFile = stem + ".c";
        File.WriteAllText(assertFile, source);
        var (exit, stderr) = Exec(new[] { "-fsyntax-only" }, assertFile, cancellationToken);
        if (exit == 0)
        {
            return;
        }

        // A header the probe's header includes is missing: the toolchain is incomplete (a cross compiler without its
        // C library), which says nothing about the mirrors; reported once, with the package to install.
        if (CCompilerTarget.FindMissingFile(stderr) is { } missing && missing != _header)
        {
            _findings.Add(IncompleteToolchain(missing));
            return;
        }

        var errors = ParseErrors(stderr, Path.GetFileName(assertFile));
        var byLine = checks.ToDictionary(c => c.Line);
        var failed = new List<Check>();
        var rejected = new HashSet<Check>();
        var rejectedTypes = new HashSet<StructManifest>();
        var rejectedMembers = new HashSet<(StructManifest, string?)>();
        var other = new List<string>();
        foreach (var error in errors)
        {
            if (error.InProbe && error.Line == includeLine)
            {
                _findings.Add(MissingHeader(error.Message));
                return;
            }

            var assertion = AssertionFailed().Match(error.Message);
            if (error.InProbe && assertion.Success)
            {
                failed.Add(checks[int.Parse(assertion.Groups[1].Value, CultureInfo.InvariantCulture)]);
            }
            else if (error.InProbe && byLine.TryGetValue(error.Line, out var check))
            {
                // One finding per type or member: gcc rejects every expression that names it.
                var type = check.Field is null && check.CMember is null;
                if (rejected.Add(check) && !rejectedTypes.Contains(check.Struct) && (type || rejectedMembers.Add((check.Struct, check.CMember))))
                {
                    if (type)
                    {
                        rejectedTypes.Add(check.Struct);
                    }

                    _findings.Add(Rejected(check, error.Message));
                }
            }
            else
            {
                other.Add(error.Text);
            }
        }

        if (other.Count > 0 || (failed.Count == 0 && rejected.Count == 0))
        {
            _findings.Add(ProbeRejected(other.Count > 0 ? string.Join(" | ", other.Take(5)) : stderr.Trim(), assertFile));
        }

        if (failed.Count == 0)
        {
            return;
        }

        var values = ReadValues(failed, stem + "-values", cancellationToken);
        foreach (var check in failed)
        {
            _findings.Add(Mismatch(check, values.TryGetValue(check.Index, out var actual) ? actual : null));
        }
    }

    private List<Check> BuildChecks(out List<RawFinding> problems)
    {
        problems = new List<RawFinding>();
        var checks = new List<Check>();
        foreach (var s in _structs)
        {
            var abi = s.Abis.ToList().IndexOf(_target.Abi);
            if (abi < 0)
            {
                problems.Add(new RawFinding("KS1205", HeaderFindingSeverity.Error, $"no-abi|{s.Type}", abis => $"the layout manifest of {s.Type} has no {abis} layout: rebuild it with the KernelStructs generator of this package version", _target.Abi)
                {
                    Type = s.Type,
                    File = s.File,
                    Line = s.Line,
                    Column = s.Column,
                });
                continue;
            }

            void Add(FieldManifest? field, string? member, string quantity, string expression, int declared) =>
                checks.Add(new Check(checks.Count, s, field, member, quantity, expression, declared));

            var type = s.CType;
            Add(null, null, "sizeof", $"sizeof({type})", s.Size[abi]);
            Add(null, null, "_Alignof", $"_Alignof({type})", s.Align[abi]);
            foreach (var field in s.Fields)
            {
                if (field.CName is null)
                {
                    // A bitfield storage unit has no C member: its bitfields are not addressable.
                    continue;
                }

                Add(field, field.CName, "offsetof", $"__builtin_offsetof({type}, {field.CName})", field.Offset[abi]);
                Add(field, field.CName, "size", $"sizeof((({type} *)0)->{field.CName})", field.Size[abi]);
            }

            if (s.Flexible is { } flexible)
            {
                // Only where it starts: mirrors often choose another element type (bytes for variable-sized entries).
                Add(null, flexible.CName, "offsetof", $"__builtin_offsetof({type}, {flexible.CName})", flexible.Offset[abi]);
            }
        }

        return checks;
    }

    private (string Source, int IncludeLine) AssertionProbe(List<Check> checks)
    {
        var c = new StringBuilder();
        var line = 0;
        void Line(string text)
        {
            c.Append(text).Append('\n');
            line++;
        }

        Line($"/* KernelStructs header verification: <{_header}> on {_target.Abi} ({_compiler}). */");
        Line("#include <stddef.h>");
        Line($"#include <{_header}>");
        var includeLine = line;
        StructManifest? current = null;
        foreach (var check in checks)
        {
            if (!ReferenceEquals(check.Struct, current))
            {
                current = check.Struct;
                Line(string.Empty);
                Line($"/* {current.CType}: {current.Type} */");
            }

            Line($"_Static_assert({check.Expression} == {check.Declared.ToString(CultureInfo.InvariantCulture)}, \"KernelStructs check {check.Index.ToString(CultureInfo.InvariantCulture)}\");");
            check.Line = line;
        }

        return (c.ToString(), includeLine);
    }

    private Dictionary<int, long> ReadValues(List<Check> failed, string stem, CancellationToken cancellationToken)
    {
        var c = new StringBuilder();
        c.Append("#include <stddef.h>\n#include <").Append(_header).Append(">\n");
        foreach (var check in failed)
        {
            c.Append(CultureInfo.InvariantCulture, $"const char ks_v{check.Index}[1 + ({check.Expression})] = {{ 0 }};\n");
        }

        var file = stem + ".c";
        var assembly = stem + ".s";
        File.WriteAllText(file, c.ToString());
        var values = new Dictionary<int, long>();
        var (exit, _) = Exec(new[] { "-S", "-o", assembly }, file, cancellationToken);
        if (exit != 0 || !File.Exists(assembly))
        {
            return values;
        }

        foreach (Match match in SizeDirective().Matches(File.ReadAllText(assembly)))
        {
            values[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) - 1;
        }

        return values;
    }

    private RawFinding Mismatch(Check check, long? actual)
    {
        var s = check.Struct;
        var csharp = check.Field is null ? Short(s.Type) : Short(s.Type) + "." + check.Field.Name;
        var c = check.CMember is null ? s.CType : $"{s.CType}.{check.CMember}";
        var what = check.Field is null && check.CMember is not null ? $"flexible array member {check.CMember}" : csharp;
        var gcc = actual is { } value ? value.ToString(CultureInfo.InvariantCulture) : "(value unreadable)";
        var declared = check.Declared.ToString(CultureInfo.InvariantCulture);
        var place = Place(check);
        return new RawFinding(
            "KS1201",
            HeaderFindingSeverity.Error,
            $"mismatch|{s.Type}|{check.Field?.Name}|{check.CMember}|{check.Quantity}|{declared}|{gcc}",
            abis => $"{what} -> {c}: {check.Quantity} is {declared} in the C# mirror but {gcc} in <{_header}> on {abis}",
            _target.Abi)
        {
            Type = s.Type,
            Field = check.Field?.Name,
            CType = s.CType,
            CMember = check.CMember,
            Quantity = check.Quantity,
            Declared = check.Declared,
            Actual = actual,
            File = place.File,
            Line = place.Line,
            Column = place.Column,
        };
    }

    private RawFinding Rejected(Check check, string gccMessage)
    {
        var s = check.Struct;
        var place = Place(check);
        var subject = check.Field is null && check.CMember is null
            ? $"{Short(s.Type)}: <{_header}> does not define {s.CType}"
            : $"{(check.Field is null ? "flexible array member " + check.CMember : Short(s.Type) + "." + check.Field.Name)}: {s.CType} in <{_header}> has no member {check.CMember}";
        return new RawFinding("KS1202", HeaderFindingSeverity.Error, $"rejected|{s.Type}|{check.Field?.Name}|{check.CMember}", abis => $"{subject} on {abis} (gcc: {gccMessage})", _target.Abi)
        {
            Type = s.Type,
            Field = check.Field?.Name,
            CType = s.CType,
            CMember = check.CMember,
            File = place.File,
            Line = place.Line,
            Column = place.Column,
        };
    }

    private RawFinding MissingHeader(string gccMessage)
    {
        var first = _structs[0];
        var types = string.Join(", ", _structs.Select(s => Short(s.Type)));
        var hint = $"apt-get install {_target.HeaderPackage(_header)}, or add the header's directory with -I in KernelStructsVerifyCFlags";
        return new RawFinding("KS1204", HeaderFindingSeverity.Error, $"header|{_header}", abis => $"<{_header}> (for {types}) is not found by the {abis} compiler: {gccMessage} ({hint})", _target.Abi)
        {
            Type = first.Type,
            CType = first.CType,
            File = first.File,
            Line = first.Line,
            Column = first.Column,
        };
    }

    private RawFinding IncompleteToolchain(string missing)
    {
        var first = _structs[0];
        var types = string.Join(", ", _structs.Select(s => Short(s.Type)));
        // Like a missing cross compiler: an error for the host's ABI and for ABIs the project requires, else a warning.
        var severity = _required ? HeaderFindingSeverity.Error : HeaderFindingSeverity.Warning;
        return new RawFinding("KS1204", severity, $"toolchain|{missing}", abis => $"<{_header}> (for {types}) is not verified on {abis}: {_target.IncompleteToolchain(_compiler, missing)}; this is the C toolchain, not a layout difference", _target.Abi)
        {
            Type = first.Type,
            CType = first.CType,
            File = first.File,
            Line = first.Line,
            Column = first.Column,
        };
    }

    private RawFinding ProbeRejected(string gccMessage, string probe)
    {
        var first = _structs[0];
        return new RawFinding("KS1202", HeaderFindingSeverity.Error, $"probe|{_header}|{gccMessage}", abis => $"the C probe for <{_header}> does not compile on {abis}: {gccMessage} (probe: {probe})", _target.Abi)
        {
            Type = first.Type,
            File = first.File,
            Line = first.Line,
            Column = first.Column,
        };
    }

    private static (string? File, int Line, int Column) Place(Check check) =>
        check.Field is { File: { Length: > 0 } file } field
            ? (file, field.Line, field.Column)
            : (check.Struct.File, check.Struct.Line, check.Struct.Column);

    private static string Short(string type) => type[(type.LastIndexOf('.') + 1)..];

    private (int ExitCode, string Stderr) Exec(IEnumerable<string> mode, string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_compiler)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in mode.Concat(new[] { "-std=gnu11", "-w", "-fno-diagnostics-color" }).Concat(_arguments).Append(file))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_compiler}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        stdout.GetAwaiter().GetResult();
        return (process.ExitCode, stderr.GetAwaiter().GetResult());
    }

    private sealed record GccError(bool InProbe, int Line, string Message, string Text);

    private static List<GccError> ParseErrors(string stderr, string probeName)
    {
        var errors = new List<GccError>();
        foreach (var raw in stderr.Split('\n'))
        {
            var match = DiagnosticLine().Match(raw.TrimEnd());
            if (match.Success)
            {
                errors.Add(new GccError(
                    Path.GetFileName(match.Groups["file"].Value) == probeName,
                    int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
                    match.Groups["message"].Value,
                    raw.Trim()));
            }
        }

        return errors;
    }

    [GeneratedRegex(@"^(?<file>[^:]+):(?<line>\d+):(?:\d+:)?\s*(?:fatal )?error:\s*(?<message>.*)$")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex("^static assertion failed: \"KernelStructs check (\\d+)\"")]
    private static partial Regex AssertionFailed();

    [GeneratedRegex(@"^\s*\.size\s+ks_v(\d+)\s*,\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SizeDirective();
}
