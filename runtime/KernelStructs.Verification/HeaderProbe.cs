using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace KernelStructs.Verification;

/// <summary>What a probe puts before its assertions (defines, includes, the header), and whether kbuild compiles it.</summary>
/// <param name="Header">The header that declares the types.</param>
/// <param name="Includes">Headers included before it.</param>
/// <param name="Defines">Macros defined before any include.</param>
/// <param name="Internal">Whether the header is kernel-internal: compiled with kbuild in the kernel's build tree.</param>
internal sealed record ProbeSource(string Header, IReadOnlyList<string> Includes, IReadOnlyList<string> Defines, bool Internal)
{
    /// <summary>The probe source of a mirror that has a header.</summary>
    public static ProbeSource Of(StructManifest manifest) => new(manifest.Header!, manifest.Includes, manifest.Defines, manifest.Internal);

    /// <summary>Mirrors with the same key share one probe.</summary>
    public string Key => $"{(Internal ? "kbuild" : "uapi")}|{string.Join(";", Defines)}|{string.Join(";", Includes)}|{Header}";

    /// <summary>The header as messages name it, with what goes before it: <c>&lt;sys/socket.h&gt; (with _GNU_SOURCE)</c>.</summary>
    public string Display
    {
        get
        {
            var before = Defines.Concat(Includes.Select(i => $"<{i}>")).ToList();
            return before.Count == 0 ? $"<{Header}>" : $"<{Header}> (after {string.Join(", ", before)})";
        }
    }
}

/// <summary>
/// The probes for one header on one ABI: a C file of <c>_Static_assert</c>s, one per layout number, compiled
/// with <c>-fsyntax-only</c>; when assertions fail, a second file that gives each failed expression's value as
/// the size of an array (<c>const char ks_vN[1 + (expr)]</c>), compiled with <c>-S</c> and read from the
/// <c>.size</c> directives, so nothing is executed and cross compilers work. A kernel-internal header is compiled
/// by kbuild (<c>make -C &lt;kernel build tree&gt; M=&lt;probe directory&gt; probe.o</c>), with the kernel's own
/// include paths and flags.
/// </summary>
internal sealed partial class HeaderProbe
{
    private readonly CCompilerTarget _target;
    private readonly string _compiler;
    private readonly ProbeSource _source;
    private readonly string _header;
    private readonly string? _kernelBuild;
    private readonly IReadOnlyList<StructManifest> _structs;
    private readonly IReadOnlyList<string> _arguments;
    private readonly List<RawFinding> _findings = new();
    private readonly bool _required;

    /// <param name="target">The ABI.</param>
    /// <param name="compiler">The C compiler, or <c>make</c> for a kernel-internal header.</param>
    /// <param name="source">The header and what goes before it.</param>
    /// <param name="structs">The mirrors it declares.</param>
    /// <param name="arguments">Extra compiler arguments (kbuild: <c>ccflags-y</c>).</param>
    /// <param name="kernelBuild">The kernel build tree, for a kernel-internal header.</param>
    /// <param name="required">Whether an incomplete toolchain is an error (the host's ABI, an ABI asked for) or a warning.</param>
    public HeaderProbe(CCompilerTarget target, string compiler, ProbeSource source, IReadOnlyList<StructManifest> structs, IEnumerable<string> arguments, string? kernelBuild = null, bool required = true)
    {
        _required = required;
        _target = target;
        _compiler = compiler;
        _source = source;
        _header = source.Display;
        _kernelBuild = kernelBuild;
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

    /// <summary>
    /// One layout number to assert: <paramref name="Expression"/> <paramref name="Operator"/> <paramref name="Declared"/>.
    /// <paramref name="Path"/> is the C# field path from the struct (<c>dst.u3</c>, anonymous members included);
    /// <paramref name="CMember"/> the C designator (<c>dst.u3</c>, anonymous members left out).
    /// </summary>
    private sealed record Check(int Index, StructManifest Struct, FieldManifest? Field, string? Path, string? CMember, string Quantity, string Expression, string Operator, int Declared, int Offset)
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

        var name = Regex.Replace(_target.Abi + "_" + _source.Key, "[^A-Za-z0-9_]", "_");
        if (_kernelBuild is not null)
        {
            // kbuild builds every file of its directory's Kbuild: one directory per probe.
            directory = Path.Combine(directory, name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "Kbuild"), $"obj-m := {name}.o {name}_values.o\nccflags-y := {string.Join(" ", _arguments)}\n");
        }

        var stem = Path.Combine(directory, name);
        File.Delete(stem + "_values.c");
        File.Delete(stem + "_values.s");
        var (source, includeLines) = AssertionProbe(checks);
        var assertFile = stem + ".c";
        File.WriteAllText(assertFile, source);
        var (exit, stderr) = Compile(assemble: false, assertFile, cancellationToken);
        if (exit == 0)
        {
            return;
        }

        var errors = ParseErrors(stderr, Path.GetFileName(assertFile));

        // A header that the probe's headers include is missing (not one the probe names): the toolchain is incomplete
        // (a cross compiler without its C library), which says nothing about the mirrors; reported once, with the
        // package to install.
        if (CCompilerTarget.FindMissingFile(stderr) is { } missingFile && !includeLines.Values.Contains(missingFile) && missingFile != _header)
        {
            _findings.Add(IncompleteToolchain(missingFile));
            return;
        }

        var byLine = checks.ToDictionary(c => c.Line);
        var failed = new List<Check>();
        var rejected = new List<(Check Check, string Message)>();
        var rejectedTypes = new HashSet<StructManifest>();
        var rejectedMembers = new HashSet<(StructManifest, string?)>();
        var other = new List<string>();
        foreach (var error in errors)
        {
            if (error.InProbe && includeLines.TryGetValue(error.Line, out var header))
            {
                _findings.Add(MissingHeader(header, error.Message));
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
                var type = check.Path is null && check.CMember is null;
                if (!rejectedTypes.Contains(check.Struct) && (type || rejectedMembers.Add((check.Struct, check.CMember))))
                {
                    if (type)
                    {
                        rejectedTypes.Add(check.Struct);
                    }

                    rejected.Add((check, error.Message));
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

        var values = failed.Count == 0 ? new Dictionary<int, long>() : ReadValues(failed, stem + "_values", cancellationToken);
        foreach (var s in _structs)
        {
            var sizeCheck = failed.FirstOrDefault(c => c.Struct == s && c.Path is null && c.Quantity == "sizeof");
            if (s.IsGrowing && sizeCheck is not null && values.TryGetValue(sizeCheck.Index, out var headerSize))
            {
                // A struct the kernel extends at its end: what the header lacks is newer than the header, if it all lies past the header's end.
                var missing = rejected.Where(r => r.Check.Struct == s && r.Check.Path is not null).ToList();
                if (missing.All(r => r.Check.Offset >= headerSize))
                {
                    _findings.Add(Newer(s, sizeCheck, headerSize, missing.Select(r => r.Check).ToList()));
                    failed.Remove(sizeCheck);
                    rejected.RemoveAll(r => missing.Contains(r));
                }
            }
        }

        foreach (var (check, message) in rejected)
        {
            _findings.Add(Rejected(check, message));
        }

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

            void Add(FieldManifest? field, string? path, string? member, string quantity, string expression, string op, int declared, int offset) =>
                checks.Add(new Check(checks.Count, s, field, path, member, quantity, expression, op, declared, offset));

            var type = s.CType;
            if (s.IsPrefix)
            {
                // The first members only: the C type holds at least them, and is aligned at least as strictly.
                var end = s.Fields.Select(f => f.Offset[abi] + f.Size[abi]).DefaultIfEmpty(0).Max();
                Add(null, null, null, "sizeof", $"sizeof({type})", ">=", end, 0);
                Add(null, null, null, "_Alignof", $"_Alignof({type})", ">=", s.Align[abi], 0);
            }
            else
            {
                Add(null, null, null, "sizeof", $"sizeof({type})", "==", s.Size[abi], 0);
                Add(null, null, null, "_Alignof", $"_Alignof({type})", "==", s.Align[abi], 0);
            }

            AddMembers(s.Fields, string.Empty, string.Empty, 0);

            // The members of a struct, with their C designators: a member of an unnamed type is reached through it
            // (dst.u3), an anonymous member's members are members of the type (ss_family), as offsetof takes them.
            void AddMembers(IReadOnlyList<FieldManifest> fields, string path, string designator, int baseOffset)
            {
                foreach (var field in fields)
                {
                    var offset = baseOffset + field.Offset[abi];
                    if (field.Anonymous && field.Type is { } anonymous)
                    {
                        AddMembers(anonymous.Fields, path + field.Name + ".", designator, offset);
                        continue;
                    }

                    if (field.CName is null)
                    {
                        // A bitfield storage unit has no C member: its bitfields are not addressable.
                        continue;
                    }

                    var member = designator + field.CName;
                    Add(field, path + field.Name, member, "offsetof", $"__builtin_offsetof({type}, {member})", "==", offset, offset);
                    Add(field, path + field.Name, member, "size", $"sizeof((({type} *)0)->{member})", "==", field.Size[abi], offset);
                    if (field.Type is { Unnamed: true } unnamed)
                    {
                        Add(field, path + field.Name, member, "_Alignof", $"_Alignof(__typeof__((({type} *)0)->{member}))", "==", unnamed.Align[abi], offset);
                        AddMembers(unnamed.Fields, path + field.Name + ".", member + ".", offset);
                    }
                }
            }

            if (s.Flexible is { } flexible)
            {
                // Only where it starts: mirrors often choose another element type (bytes for variable-sized entries).
                Add(null, null, flexible.CName, "offsetof", $"__builtin_offsetof({type}, {flexible.CName})", "==", flexible.Offset[abi], flexible.Offset[abi]);
            }
        }

        return checks;
    }

    /// <summary>The preamble every probe of this source starts with; maps the line of each <c>#include</c> to its header.</summary>
    private (List<string> Lines, Dictionary<int, string> IncludeLines) Preamble()
    {
        var lines = new List<string>();
        var includes = new Dictionary<int, string>();
        foreach (var define in _source.Defines)
        {
            var equals = define.IndexOf('=');
            lines.Add(equals < 0 ? $"#define {define}" : $"#define {define[..equals]} {define[(equals + 1)..]}");
        }

        if (!_source.Internal)
        {
            lines.Add("#include <stddef.h>");
        }

        foreach (var header in _source.Includes.Append(_source.Header))
        {
            lines.Add($"#include <{header}>");
            includes[lines.Count] = header;
        }

        return (lines, includes);
    }

    private (string Source, Dictionary<int, string> IncludeLines) AssertionProbe(List<Check> checks)
    {
        var c = new StringBuilder();
        var line = 0;
        void Line(string text)
        {
            c.Append(text).Append('\n');
            line++;
        }

        Line($"/* KernelStructs header verification: {_header} on {_target.Abi} ({_compiler}). */");
        var (preamble, includes) = Preamble();
        foreach (var text in preamble)
        {
            Line(text);
        }

        StructManifest? current = null;
        foreach (var check in checks)
        {
            if (!ReferenceEquals(check.Struct, current))
            {
                current = check.Struct;
                Line(string.Empty);
                Line($"/* {current.CType}: {current.Type} */");
            }

            Line($"_Static_assert({check.Expression} {check.Operator} {check.Declared.ToString(CultureInfo.InvariantCulture)}, \"KernelStructs check {check.Index.ToString(CultureInfo.InvariantCulture)}\");");
            check.Line = line;
        }

        return (c.ToString(), includes.ToDictionary(i => i.Key + 1, i => i.Value));
    }

    private Dictionary<int, long> ReadValues(List<Check> failed, string stem, CancellationToken cancellationToken)
    {
        var c = new StringBuilder();
        foreach (var line in Preamble().Lines)
        {
            c.Append(line).Append('\n');
        }

        foreach (var check in failed)
        {
            c.Append(CultureInfo.InvariantCulture, $"const char ks_v{check.Index}[1 + ({check.Expression})] = {{ 0 }};\n");
        }

        var file = stem + ".c";
        var assembly = stem + ".s";
        File.WriteAllText(file, c.ToString());
        var values = new Dictionary<int, long>();
        var (exit, _) = Compile(assemble: true, file, cancellationToken);
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
        var csharp = check.Path is null ? Short(s.Type) : Short(s.Type) + "." + check.Path;
        var c = check.CMember is null ? s.CType : $"{s.CType}.{check.CMember}";
        var what = check.Path is null && check.CMember is not null ? $"flexible array member {check.CMember}" : csharp;
        var gcc = actual is { } value ? value.ToString(CultureInfo.InvariantCulture) : "(value unreadable)";
        var declared = check.Declared.ToString(CultureInfo.InvariantCulture);
        var mirror = check.Operator == ">=" ? $"at least {declared} for the C# mirror (the first members of {s.CType})" : $"{declared} in the C# mirror";
        var place = Place(check);
        return new RawFinding(
            "KS1201",
            HeaderFindingSeverity.Error,
            $"mismatch|{s.Type}|{check.Path}|{check.CMember}|{check.Quantity}|{declared}|{gcc}",
            abis => $"{what} -> {c}: {check.Quantity} is {mirror} but {gcc} in {_header} on {abis}",
            _target.Abi)
        {
            Type = s.Type,
            Field = check.Path,
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
        var subject = check.Path is null && check.CMember is null
            ? $"{Short(s.Type)}: {_header} does not define {s.CType}"
            : $"{(check.Path is null ? "flexible array member " + check.CMember : Short(s.Type) + "." + check.Path)}: {s.CType} in {_header} has no member {check.CMember}";
        return new RawFinding("KS1202", HeaderFindingSeverity.Error, $"rejected|{s.Type}|{check.Path}|{check.CMember}", abis => $"{subject} on {abis} (gcc: {gccMessage})", _target.Abi)
        {
            Type = s.Type,
            Field = check.Path,
            CType = s.CType,
            CMember = check.CMember,
            File = place.File,
            Line = place.Line,
            Column = place.Column,
        };
    }

    /// <summary>KS1206: a struct that grows with the kernel, newer (or older) in the mirror than in the header; not an error.</summary>
    private RawFinding Newer(StructManifest s, Check size, long headerSize, List<Check> missing)
    {
        var declared = size.Declared.ToString(CultureInfo.InvariantCulture);
        var actual = headerSize.ToString(CultureInfo.InvariantCulture);
        var members = missing.Select(m => m.CMember).Distinct().ToList();
        var text = size.Declared > headerSize
            ? $"{Short(s.Type)} follows a newer {s.CType} than {_header}: {declared} bytes in the mirror, {actual} in the header; newer than the header: {string.Join(", ", members)}"
            : $"{Short(s.Type)} follows an older {s.CType} than {_header}: {declared} bytes in the mirror, {actual} in the header, whose members past byte {declared} the mirror does not declare";
        return new RawFinding("KS1206", HeaderFindingSeverity.Info, $"newer|{s.Type}|{declared}|{actual}|{string.Join(",", members)}", abis => $"{text} (on {abis}; the members both have match)", _target.Abi)
        {
            Type = s.Type,
            CType = s.CType,
            Quantity = "sizeof",
            Declared = size.Declared,
            Actual = headerSize,
            File = s.File,
            Line = s.Line,
            Column = s.Column,
        };
    }

    private RawFinding MissingHeader(string header, string gccMessage)
    {
        var first = _structs[0];
        var types = string.Join(", ", _structs.Select(s => Short(s.Type)));
        var hint = _source.Internal
            ? $"the kernel build tree {_kernelBuild} does not have it; add the directory of your module's headers with -I in KernelStructsVerifyCFlags"
            : $"apt-get install {_target.HeaderPackage(header)}, or add the header's directory with -I in KernelStructsVerifyCFlags";
        return new RawFinding("KS1204", HeaderFindingSeverity.Error, $"header|{_source.Key}", abis => $"<{header}> (for {types}) is not found by the {abis} compiler: {gccMessage} ({hint})", _target.Abi)
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
        return new RawFinding("KS1202", HeaderFindingSeverity.Error, $"probe|{_source.Key}|{gccMessage}", abis => $"the C probe for {_header} does not compile on {abis}: {gccMessage} (probe: {probe})", _target.Abi)
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

    /// <summary>Compiles a probe: checks it (<paramref name="assemble"/> false) or writes its assembly next to it.</summary>
    private (int ExitCode, string Stderr) Compile(bool assemble, string file, CancellationToken cancellationToken)
    {
        if (_kernelBuild is not null)
        {
            var target = Path.GetFileNameWithoutExtension(file) + (assemble ? ".s" : ".o");
            return Exec(_compiler, new[] { "-s", "-C", _kernelBuild, "M=" + Path.GetDirectoryName(file), target }, cancellationToken);
        }

        var mode = assemble ? new[] { "-S", "-o", Path.ChangeExtension(file, ".s") } : new[] { "-fsyntax-only" };
        return Exec(_compiler, mode.Concat(new[] { "-std=gnu11", "-w", "-fno-diagnostics-color" }).Concat(_arguments).Append(file), cancellationToken);
    }

    private static (int ExitCode, string Stderr) Exec(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exit, _, stderr) = ToolProcess.Run(program, arguments, cancellationToken);
        return (exit, stderr);
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
