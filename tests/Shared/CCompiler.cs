using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Runtime.InteropServices;
using KernelStructs.Generator.Layout;
using KernelStructs.Verification;

namespace KernelStructs.Testing;

/// <summary>
/// A C target the layout oracles compile for: a linux ABI and the gcc that targets it.
/// Probes are compiled to assembly and never run, so cross targets work on any host.
/// </summary>
public sealed class CTarget
{
    private readonly Lazy<string?> _skipReason;

    private CTarget(Abi abi, IReadOnlyDictionary<string, int> dataDirectives)
    {
        Abi = abi;
        Name = abi.Name;
        // The machine's own ABI is compiled by its gcc, the others by their cross compilers.
        Compiler = RuntimeInformation.ProcessArchitecture.ToString() == abi.ProcessArchitecture ? "gcc" : abi.CrossCompiler;
        BigEndian = abi.BigEndian;
        PointerSize = abi.PointerSize;
        DataDirectives = dataDirectives;
        _skipReason = new Lazy<string?>(FindSkipReason);
    }

    /// <summary>The row of the ABI table this target compiles for.</summary>
    internal Abi Abi { get; }

    /// <summary>The ABI's name as the layout engine spells it: x86_64, aarch64, arm, s390x.</summary>
    public string Name { get; }

    /// <summary>The gcc driver for this target.</summary>
    public string Compiler { get; }

    /// <summary>Whether the target stores integers most significant byte first.</summary>
    public bool BigEndian { get; }

    /// <summary><c>sizeof(void *)</c> on this target.</summary>
    public int PointerSize { get; }

    /// <summary>The assembler's integer data directives on this target and their size in bytes (<c>.word</c> is 4 bytes on arm, 2 on s390x).</summary>
    public IReadOnlyDictionary<string, int> DataDirectives { get; }

    /// <summary>Why probes for this target cannot be compiled here, or <see langword="null"/> when they can.</summary>
    public string? SkipReason => _skipReason.Value;

    /// <summary>Whether the target's compiler is installed.</summary>
    public bool IsAvailable => SkipReason is null;

    public static CTarget X86_64 { get; } = new(Abi.X86_64, Directives(
        (".byte", 1), (".value", 2), (".short", 2), (".2byte", 2), (".long", 4), (".int", 4), (".4byte", 4), (".quad", 8), (".8byte", 8)));

    public static CTarget Aarch64 { get; } = new(Abi.Aarch64, Directives(
        (".byte", 1), (".hword", 2), (".short", 2), (".2byte", 2), (".word", 4), (".4byte", 4), (".xword", 8), (".dword", 8), (".8byte", 8)));

    public static CTarget Arm { get; } = new(Abi.Arm, Directives(
        (".byte", 1), (".short", 2), (".hword", 2), (".2byte", 2), (".word", 4), (".long", 4), (".4byte", 4), (".8byte", 8)));

    public static CTarget S390x { get; } = new(Abi.S390x, Directives(
        (".byte", 1), (".word", 2), (".short", 2), (".2byte", 2), (".long", 4), (".4byte", 4), (".quad", 8), (".8byte", 8)));

    /// <summary>Every target, in the ABI table's order (the host's first).</summary>
    public static IReadOnlyList<CTarget> All { get; } = Abi.All.Select(a => new[] { X86_64, Aarch64, Arm, S390x }.Single(t => t.Abi == a)).ToArray();

    /// <summary>The target named <paramref name="name"/> (x86_64, aarch64, arm, s390x).</summary>
    public static CTarget ByName(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"Unknown C target '{name}'.", nameof(name));

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static Dictionary<string, int> Directives(params (string Name, int Size)[] directives) =>
        directives.ToDictionary(d => d.Name, d => d.Size, StringComparer.Ordinal);

    /// <summary>
    /// Skips the calling test when this target's oracle cannot run here (<see cref="SkipReason"/>), unless
    /// <c>KS_REQUIRE_TOOLCHAINS=1</c> (set by <c>tests/run.sh</c> once it has installed every toolchain): then a missing or
    /// incomplete toolchain fails the test, named as such and with the package to install, never as a layout difference.
    /// </summary>
    public void SkipUnlessAvailable()
    {
        if (SkipReason is not { } reason)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("KS_REQUIRE_TOOLCHAINS") == "1")
        {
            throw new InvalidOperationException($"{reason} KS_REQUIRE_TOOLCHAINS=1 says every toolchain is installed: this is a broken install, not a layout difference.");
        }

        Xunit.Skip.If(true, reason);
    }

    // The verifier's table of ABIs knows each one's packages, and how to tell an incomplete toolchain from a layout difference.
    private string? FindSkipReason()
    {
        var target = KernelStructs.Verification.CCompilerTarget.ByAbi(Name);
        if (KernelStructs.Verification.CCompilerTarget.Resolve(Compiler) is not { } compiler)
        {
            return $"{Compiler} is not installed (apt-get install {target.CompilerPackage}): no {Name} layout oracle.";
        }

        return target.FindToolchainProblem(compiler) is { } problem ? $"{problem}: no {Name} layout oracle." : null;
    }
}

/// <summary>A handle to an integer constant expression in a <see cref="CProbe"/>.</summary>
public readonly record struct CValue(int Index, string Expression);

/// <summary>A handle to the bytes of an initialized object in a <see cref="CProbe"/>.</summary>
public readonly record struct CImage(int Index, string Type, string Initializer);

/// <summary>gcc rejected a probe; the message quotes each error with the probe's source line.</summary>
public sealed class CCompileException : Exception
{
    public CCompileException(string message, string source, string diagnostics)
        : base(message)
    {
        Source = source;
        Diagnostics = diagnostics;
    }

    /// <summary>The probe's C source.</summary>
    public new string Source { get; }

    /// <summary>gcc's standard error, unedited.</summary>
    public string Diagnostics { get; }
}

/// <summary>
/// A batch of questions about C types for one target, answered by one gcc run: integer constant
/// expressions (<c>sizeof</c>, <c>offsetof</c>, <c>_Alignof</c>) and the bytes of initialized objects
/// (e.g. a struct with one bitfield set). The probe is compiled with <c>-S</c> and the answers are read
/// from the data gcc emits for <c>ks_values</c> and <c>ks_img_N</c>, so no binary runs.
/// </summary>
public sealed class CProbe
{
    private readonly List<string> _defines = new();
    private readonly List<string> _includes = new();
    private readonly StringBuilder _declarations = new();
    private readonly List<CValue> _values = new();
    private readonly List<CImage> _images = new();

    public CProbe(CTarget target) => Target = target;

    /// <summary>The target the probe is compiled for.</summary>
    public CTarget Target { get; }

    /// <summary>Adds <c>#include &lt;header&gt;</c> (once).</summary>
    public CProbe Include(string header)
    {
        if (!_includes.Contains(header, StringComparer.Ordinal))
        {
            _includes.Add(header);
        }

        return this;
    }

    /// <summary>Adds <c>#define NAME value</c> (once) before every include: <paramref name="define"/> reads <c>NAME</c> or <c>NAME=value</c>.</summary>
    public CProbe Define(string define)
    {
        if (!_defines.Contains(define, StringComparer.Ordinal))
        {
            _defines.Add(define);
        }

        return this;
    }

    /// <summary>Adds C declarations (struct definitions, typedefs, pragmas) after the includes.</summary>
    public CProbe Declare(string code)
    {
        _declarations.Append(code);
        if (code.Length > 0 && code[^1] != '\n')
        {
            _declarations.Append('\n');
        }

        return this;
    }

    /// <summary>Asks for an integer constant expression (values up to 64 bits).</summary>
    public CValue Value(string constantExpression)
    {
        var value = new CValue(_values.Count, constantExpression);
        _values.Add(value);
        return value;
    }

    /// <summary>Asks for <c>sizeof(cType)</c>.</summary>
    public CValue SizeOf(string cType) => Value($"sizeof({cType})");

    /// <summary>Asks for <c>_Alignof(cType)</c>.</summary>
    public CValue AlignOf(string cType) => Value($"_Alignof({cType})");

    /// <summary>Asks for <c>offsetof(cType, member)</c>; <paramref name="member"/> may be a designator such as <c>u.user.name</c> or <c>a[2].b</c>.</summary>
    public CValue OffsetOf(string cType, string member) => Value($"__builtin_offsetof({cType}, {member})");

    /// <summary>Asks for <c>sizeof(((cType *)0)->member)</c>.</summary>
    public CValue MemberSize(string cType, string member) => Value($"sizeof((({cType} *)0)->{member})");

    /// <summary>Asks for the bytes of <c>const cType x = { initializer };</c> (e.g. <c>.flags = -1</c>).</summary>
    public CImage Image(string cType, string initializer)
    {
        var image = new CImage(_images.Count, cType, initializer);
        _images.Add(image);
        return image;
    }

    /// <summary>The probe's C source as it is compiled.</summary>
    public string RenderSource()
    {
        var c = new StringBuilder();
        c.Append("/* KernelStructs layout probe for ").Append(Target.Name).Append(" */\n");
        foreach (var define in _defines)
        {
            var equals = define.IndexOf('=', StringComparison.Ordinal);
            c.Append("#define ").Append(equals < 0 ? define : define[..equals] + " " + define[(equals + 1)..]).Append('\n');
        }

        c.Append("#include <stddef.h>\n");
        foreach (var header in _includes)
        {
            c.Append("#include <").Append(header).Append(">\n");
        }

        c.Append(_declarations);
        if (_values.Count > 0)
        {
            c.Append("const unsigned long long ks_values[] = {\n");
            foreach (var value in _values)
            {
                c.Append("  (unsigned long long)(").Append(value.Expression).Append("),\n");
            }

            c.Append("};\n");
        }

        foreach (var image in _images)
        {
            c.Append("const __typeof__(").Append(image.Type).Append(") ks_img_").Append(image.Index.ToString(CultureInfo.InvariantCulture))
                .Append(" = { ").Append(image.Initializer).Append(" };\n");
        }

        return c.ToString();
    }

    /// <summary>Compiles the probe and reads every answer. Throws <see cref="CCompileException"/> when gcc rejects it.</summary>
    public CProbeResult Compile(CancellationToken cancellationToken = default)
    {
        var source = RenderSource();
        var assembly = CCompiler.CompileToAssembly(Target, source, cancellationToken);
        var objects = AssemblyData.ReadObjects(Target, assembly);

        var values = new ulong[_values.Count];
        if (_values.Count > 0)
        {
            var bytes = Lookup(objects, "ks_values", source, assembly);
            if (bytes.Length != 8 * _values.Count)
            {
                throw new InvalidOperationException($"ks_values has {bytes.Length} bytes on {Target.Name}, expected {8 * _values.Count}.");
            }

            for (var i = 0; i < values.Length; i++)
            {
                values[i] = AssemblyData.ReadUInt(bytes.AsSpan(8 * i, 8), Target.BigEndian);
            }
        }

        var images = new byte[_images.Count][];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = Lookup(objects, "ks_img_" + i.ToString(CultureInfo.InvariantCulture), source, assembly);
        }

        return new CProbeResult(Target, source, values, images);
    }

    private static byte[] Lookup(Dictionary<string, byte[]> objects, string label, string source, string assembly) =>
        objects.TryGetValue(label, out var bytes)
            ? bytes
            : throw new InvalidOperationException($"gcc emitted no data for {label}.\n--- C ---\n{source}\n--- assembly ---\n{assembly}");
}

/// <summary>The answers of a compiled <see cref="CProbe"/>.</summary>
public sealed class CProbeResult
{
    private readonly ulong[] _values;
    private readonly byte[][] _images;

    internal CProbeResult(CTarget target, string source, ulong[] values, byte[][] images)
    {
        Target = target;
        Source = source;
        _values = values;
        _images = images;
    }

    public CTarget Target { get; }

    /// <summary>The C source that was compiled.</summary>
    public string Source { get; }

    /// <summary>The value of an integer constant expression.</summary>
    public long this[CValue value] => checked((long)_values[value.Index]);

    /// <summary>The value of an integer constant expression, as an <see cref="int"/> (sizes and offsets).</summary>
    public int Int(CValue value) => checked((int)_values[value.Index]);

    /// <summary>The bytes of an initialized object, in the target's memory order.</summary>
    public byte[] Bytes(CImage image) => _images[image.Index];
}

/// <summary>Runs the C compilers and pahole.</summary>
public static class CCompiler
{
    private static readonly Regex DiagnosticLine = new(@"^(?<file>[^:\s]+\.c):(?<line>\d+):(?:\d+:)?\s*(?<kind>error|fatal error|warning|note):", RegexOptions.Compiled);

    /// <summary>Compiles C <paramref name="source"/> with <c>-S</c> and returns the assembly.</summary>
    public static string CompileToAssembly(CTarget target, string source, CancellationToken cancellationToken = default)
    {
        using var dir = new TempDirectory();
        var c = Path.Combine(dir.Path, "probe.c");
        var s = Path.Combine(dir.Path, "probe.s");
        File.WriteAllText(c, source);
        Run(target, source, new[] { "-S", "-std=gnu11", "-O0", "-Wno-overflow", "-o", s, c }, cancellationToken);
        return File.ReadAllText(s);
    }

    /// <summary>Compiles C <paramref name="source"/> to an object file with DWARF (<c>-g -c</c>) in <paramref name="directory"/>.</summary>
    public static string CompileToObject(CTarget target, string source, string directory, CancellationToken cancellationToken = default)
    {
        var c = Path.Combine(directory, "probe.c");
        var o = Path.Combine(directory, "probe.o");
        File.WriteAllText(c, source);
        Run(target, source, new[] { "-c", "-g", "-std=gnu11", "-O0", "-Wno-overflow", "-fno-eliminate-unused-debug-types", "-o", o, c }, cancellationToken);
        return o;
    }

    /// <summary>
    /// Compiles <paramref name="source"/> with DWARF and encodes it as BTF with pahole (<c>--btf_encode_detached</c>),
    /// split from <paramref name="baseBtf"/> when given; returns the blob's path in <paramref name="directory"/>.
    /// </summary>
    public static string EncodeBtf(CTarget target, string source, string directory, string? baseBtf = null, CancellationToken cancellationToken = default)
    {
        var obj = CompileToObject(target, source, directory, cancellationToken);
        var blob = Path.Combine(directory, "probe.btf");
        var args = new List<string>();
        if (baseBtf is not null)
        {
            args.Add("--btf_base");
            args.Add(baseBtf);
        }

        args.Add("--btf_encode_detached=" + blob);
        args.Add(obj);
        var (exit, _, stderr) = ToolProcess.Run("pahole", args, cancellationToken);
        if (exit != 0 || !File.Exists(blob))
        {
            throw new InvalidOperationException($"pahole could not encode BTF (exit {exit}): {stderr}");
        }

        return blob;
    }

    /// <summary>Why pahole cannot run here, or <see langword="null"/>.</summary>
    public static string? PaholeSkipReason { get; } = FindPahole();

    /// <summary>Runs <c>pahole</c> on an object file and returns its output for the named types (e.g. <c>ipt_entry</c>).</summary>
    public static string Pahole(string objectFile, IEnumerable<string> typeNames, CancellationToken cancellationToken = default)
    {
        // -F dwarf: read the object's DWARF only, never the running kernel's BTF.
        var args = new List<string> { "-F", "dwarf", "-C", string.Join(",", typeNames), objectFile };
        var (exit, stdout, stderr) = ToolProcess.Run("pahole", args, cancellationToken);
        if (exit != 0)
        {
            throw new InvalidOperationException($"pahole exited with {exit}: {stderr}");
        }

        return stdout;
    }

    private static string? FindPahole()
    {
        try
        {
            var (exit, _, stderr) = ToolProcess.Run("pahole", new[] { "--version" }, CancellationToken.None);
            return exit == 0 ? null : $"pahole --version failed: {stderr}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "pahole is not installed (apt-get install dwarves).";
        }
    }

    private static void Run(CTarget target, string source, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (target.SkipReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var (exit, _, stderr) = ToolProcess.Run(target.Compiler, args, cancellationToken);
        if (exit != 0)
        {
            throw new CCompileException(DescribeErrors(target, source, stderr), source, stderr);
        }
    }

    /// <summary>gcc's errors, each followed by the probe line it points at.</summary>
    private static string DescribeErrors(CTarget target, string source, string stderr)
    {
        var lines = source.Split('\n');
        var message = new StringBuilder();
        if (KernelStructs.Verification.CCompilerTarget.FindMissingFile(stderr) is { } missing)
        {
            // A header the probe needs is not installed for this ABI: the toolchain, not the layout.
            message.Append(KernelStructs.Verification.CCompilerTarget.ByAbi(target.Name).IncompleteToolchain(target.Compiler, missing)).Append(".\n");
        }

        message.Append(target.Compiler).Append(" rejected the ").Append(target.Name).Append(" layout probe:\n");
        var shown = 0;
        foreach (var line in stderr.Split('\n'))
        {
            var match = DiagnosticLine.Match(line);
            if (!match.Success || match.Groups["kind"].Value is "warning" or "note")
            {
                continue;
            }

            message.Append(line.Trim()).Append('\n');
            var number = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
            if (number >= 1 && number <= lines.Length)
            {
                message.Append("    ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(lines[number - 1].TrimEnd()).Append('\n');
            }

            if (++shown == 20)
            {
                message.Append("(more errors follow)\n");
                break;
            }
        }

        if (shown == 0)
        {
            message.Append(stderr);
        }

        return message.ToString();
    }

    /// <summary>A temporary directory, deleted when disposed.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ks-probe-" + Guid.NewGuid().ToString("N")));

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Reads the bytes of labelled data objects from gcc's assembly output.</summary>
public static class AssemblyData
{
    private static readonly Regex Label = new(@"^([A-Za-z_.$][\w.$]*):\s*$", RegexOptions.Compiled);

    /// <summary>Every labelled object made of data directives, as bytes in the target's memory order.</summary>
    public static Dictionary<string, byte[]> ReadObjects(CTarget target, string assembly)
    {
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? current = null;
        List<byte>? bytes = null;

        void Close()
        {
            if (current is not null && bytes is not null)
            {
                objects[current] = bytes.ToArray();
            }

            current = null;
            bytes = null;
        }

        foreach (var raw in assembly.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("@", StringComparison.Ordinal))
            {
                continue;
            }

            var label = Label.Match(line);
            if (label.Success)
            {
                Close();
                if (label.Groups[1].Value.StartsWith("ks_", StringComparison.Ordinal))
                {
                    current = label.Groups[1].Value;
                    bytes = new List<byte>();
                }

                continue;
            }

            if (bytes is null)
            {
                continue;
            }

            var split = line.IndexOfAny(new[] { ' ', '\t' });
            var directive = split < 0 ? line : line[..split];
            var operand = split < 0 ? "" : line[(split + 1)..].Trim();
            if (target.DataDirectives.TryGetValue(directive, out var size))
            {
                foreach (var item in operand.Split(','))
                {
                    AppendInteger(bytes, ParseInteger(item.Trim(), line), size, target.BigEndian);
                }
            }
            else if (directive is ".zero" or ".space" or ".skip")
            {
                var parts = operand.Split(',');
                var count = (int)ParseInteger(parts[0].Trim(), line);
                var fill = parts.Length > 1 ? (byte)ParseInteger(parts[1].Trim(), line) : (byte)0;
                bytes.AddRange(Enumerable.Repeat(fill, count));
            }
            else if (directive is ".ascii" or ".string" or ".asciz")
            {
                bytes.AddRange(ParseString(operand, line));
                if (directive != ".ascii")
                {
                    bytes.Add(0);
                }
            }
            else if (directive is ".size" or ".type" or ".global" or ".globl" or ".local" or ".align" or ".p2align" or ".balign")
            {
                // Symbol bookkeeping between or after objects: the data ends at the next label or section.
                if (directive is ".size")
                {
                    Close();
                }
            }
            else
            {
                Close();
            }
        }

        Close();
        return objects;
    }

    /// <summary>An unsigned integer of <c>bytes.Length</c> bytes in the given byte order.</summary>
    public static ulong ReadUInt(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        ulong value = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bigEndian ? bytes[i] : bytes[bytes.Length - 1 - i];
            value = (value << 8) | b;
        }

        return value;
    }

    private static void AppendInteger(List<byte> bytes, long value, int size, bool bigEndian)
    {
        var u = unchecked((ulong)value);
        for (var i = 0; i < size; i++)
        {
            var shift = 8 * (bigEndian ? size - 1 - i : i);
            bytes.Add((byte)(u >> shift));
        }
    }

    private static long ParseInteger(string text, string line)
    {
        var negative = text.StartsWith("-", StringComparison.Ordinal);
        var digits = negative ? text[1..] : text;
        ulong magnitude;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            magnitude = ulong.Parse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude))
        {
            throw new FormatException($"Not an integer in assembly data: '{text}' in '{line}' (probe data must be constants).");
        }

        return negative ? -(long)magnitude : unchecked((long)magnitude);
    }

    private static List<byte> ParseString(string operand, string line)
    {
        if (operand.Length < 2 || operand[0] != '"' || operand[^1] != '"')
        {
            throw new FormatException($"Unexpected string operand in '{line}'.");
        }

        var result = new List<byte>();
        var s = operand[1..^1];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\')
            {
                result.Add((byte)s[i]);
                continue;
            }

            var next = s[++i];
            if (next is >= '0' and <= '7')
            {
                var value = 0;
                var n = 0;
                while (n < 3 && i < s.Length && s[i] is >= '0' and <= '7')
                {
                    value = (value * 8) + (s[i++] - '0');
                    n++;
                }

                i--;
                result.Add((byte)value);
            }
            else
            {
                result.Add(next switch
                {
                    'n' => (byte)'\n',
                    't' => (byte)'\t',
                    'r' => (byte)'\r',
                    'b' => (byte)'\b',
                    'f' => (byte)'\f',
                    _ => (byte)next,
                });
            }
        }

        return result;
    }
}
