#!/usr/bin/env python3
"""Where the compiler's time goes in the code the generator writes for [KernelStruct] mirrors.

Takes the generator variant that build_cost.py wrote and built (its `emit.log`, and the generated files in
`obj/generated-files`), and compiles the consumer's own source together with the generated source as plain source
(the SDK's csc.dll, with the project's own compiler arguments, no generator and no analyzers) in several variants:
each strips one category of member from the mirrors' generated files (`*.KernelStruct.g.cs`; the socket-option files
stay as they are), so that the difference to the full variant is what that category costs the compiler. Variants
alternate (the first run of each also checks that it compiles without errors or warnings); the table gives the median wall time and the median CPU time (user + system) of csc's process.

  python3 bench/BuildCost/build_cost.py --runs 1 --work /tmp/bc-work
  python3 bench/BuildCost/attribute_struct_cost.py --work /tmp/bc-work [--runs 5] [--only full,doc,...]

With --against OTHER_WORK (build_cost.py's work directory of another commit), it compiles instead everything generated
in both, alternately (each side first in every other pair): the before and after of a change to the generated code,
in one run.

A stripped member that something else uses is replaced by a stub with the same signature (e.g. `Layout => null!`),
so every variant compiles without errors (the script fails otherwise).
"""
import argparse
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time

# ---------------------------------------------------------------------------------------------------------------
# Splitting a generated file into members. The generator's SourceWriter indents by four spaces and writes one member
# (with its doc comment and attributes) per block, blocks separated by blank lines.


def member_end(lines, start):
    """Index of the last line of the member that starts at `start` (balanced braces and parentheses, ends in ; or })."""
    depth = 0
    for i in range(start, len(lines)):
        code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', lines[i])
        code = code.split("//")[0] if not code.lstrip().startswith("///") else ""
        depth += code.count("{") + code.count("(") + code.count("[") - code.count("}") - code.count(")") - code.count("]")
        stripped = code.rstrip()
        if depth <= 0 and (stripped.endswith(";") or stripped.endswith("}")):
            return i
    raise ValueError(f"unterminated member at line {start + 1}")


def leading_trivia(lines, start):
    """Index of the first doc-comment or attribute line above the member at `start`."""
    i = start
    while i > 0 and (lines[i - 1].lstrip().startswith("///") or lines[i - 1].lstrip().startswith("[global::System.Diagnostics.CodeAnalysis.UnscopedRef]")):
        i -= 1
    return i


def remove_members(text, matches, replacement=None):
    """Removes every member whose first code line matches a pattern (with its doc comment, attributes and the blank line after)."""
    lines = text.split("\n")
    out, i, removed = [], 0, []
    while i < len(lines):
        line = lines[i]
        if not line.lstrip().startswith("///") and not line.lstrip().startswith("[") and any(re.search(p, line) for p in matches):
            first = leading_trivia(lines, i)
            del out[len(out) - (i - first):]
            end = member_end(lines, i)
            removed.append(line)
            if replacement:
                stub = replacement(line)
                if stub:
                    out.append(re.match(r"\s*", line).group(0) + stub)
            i = end + 1
            if i < len(lines) and lines[i].strip() == "" and not replacement:
                i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out), removed


# ---------------------------------------------------------------------------------------------------------------
# The categories.

VIEWS = [r"\bFromSpan\(global::", r"\bFromReadOnlySpan\(global::", r" Read\(global::System\.ReadOnlySpan<byte> bytes\)",
         r"\bvoid WriteTo\(global::", r"\bAsBytes\(\) =>", r"\bAsReadOnlyBytes\(\) =>"]
TO_STRING = [r"public override readonly (unsafe )?string ToString\(\)"]
LAYOUT = [r"public static global::KernelStructs\.KernelStructLayout Layout \{ get; \} ="]
CSTRING = [r"public readonly string Get\w+\(\) => global::KernelStructs\.StructHelpers\.ReadCString",
           r"public void Set\w+\(global::System\.ReadOnlySpan<char> value\) => global::KernelStructs\.StructHelpers\.WriteCString"]
BITFIELD_GET = r"StructBits\.(Signed|Unsigned)\("


def strip_doc(text):
    return "\n".join(l for l in text.split("\n") if not l.lstrip().startswith("///"))


def strip_picture(text):
    """Only the pahole picture: the <remarks> of the type's doc comment."""
    return re.sub(r"^\s*/// <remarks>\n(?:\s*///.*\n)*?\s*/// </remarks>\n", "", text, flags=re.M)


def strip_registration(text):
    # One line per mirror, in the mirror's file (before) or all in KernelStructs.Registrations.g.cs (since).
    return re.sub(r"^\[assembly: global::KernelStructs\.KernelStructRegistration<.*>\]\n\n?", "", text, flags=re.M)


def strip_views(text):
    return remove_members(text, VIEWS)[0]


def strip_view_copies(text):
    return remove_members(text, VIEWS[:4])[0]


def strip_byte_spans(text):
    return remove_members(text, VIEWS[4:])[0]


def throw_view_bodies(text):
    """The six views and copies keep their signatures; their bodies become `=> throw null!`."""
    views = [re.compile(p) for p in VIEWS]
    return "\n".join(re.sub(r"=> (ref )?global::KernelStructs\.StructBytes\..*;$", "=> throw null!;", l)
                     if any(v.search(l) for v in views) else l for l in text.split("\n"))


def strip_to_string(text):
    return remove_members(text, TO_STRING)[0]


def stub_layout(text):
    return remove_members(text, LAYOUT, lambda line: "public static global::KernelStructs.KernelStructLayout Layout => null!;")[0]


def strip_cstring(text):
    return remove_members(text, CSTRING)[0]


def strip_bitfield_holes(text, name):
    """Takes `name = {this.name}` (the bitfield `name`'s hole, with its separator) out of the interpolated ToString()."""
    hole = rf"{re.escape(name.lstrip('@'))} = \{{this\.{re.escape(name)}\}}"
    text, n = re.subn(rf", {hole}", "", text)
    return text if n else re.sub(rf"{hole}(, )?", "", text)


def strip_bitfields(text):
    """Bitfield properties, and the ToString() holes that read them."""
    lines = text.split("\n")
    names = []
    for i, line in enumerate(lines):
        if BITFIELD_GET in line or re.search(BITFIELD_GET, line):
            # `public T name => get;` or the `readonly get => ...` line under `public T name`.
            m = re.match(r"\s*public (?:readonly )?\w+ (@?\w+) =>", line)
            if m:
                names.append(m.group(1))
            elif line.strip().startswith("readonly get =>"):
                names.append(re.match(r"\s*public \w+ (@?\w+)$", lines[i - 2]).group(1))
    patterns = [rf"^\s*public (readonly )?\w+ {re.escape(n)}( =>|$)" for n in names]
    text = remove_members(text, patterns)[0] if patterns else text
    for n in names:
        text = strip_bitfield_holes(text, n)
    return text


def nullable_annotations(text):
    """The same annotations without nullable warnings, so without nullable flow analysis of the bodies.

    `#nullable enable annotations` alone sets only the annotation context: the warning context stays the project's
    (`/nullable:enable`), and the compiler still analyses every body. `#nullable disable warnings` turns that off.
    """
    return text.replace("#nullable enable\n", "#nullable enable annotations\n#nullable disable warnings\n", 1)


def strip_everything(text):
    for f in (strip_doc, strip_registration, strip_views, strip_to_string, stub_layout, strip_cstring, strip_bitfields):
        text = f(text)
    return text


REGISTRATIONS = "KernelStructs.Registrations.g.cs"

VARIANTS = {
    "full": ("everything the generator writes (baseline)", lambda t: t),
    "doc": ("doc comments (`///`), pahole picture included", strip_doc),
    "picture": ("the pahole picture only (`<remarks>`)", strip_picture),
    "registration": ("`[assembly: KernelStructRegistration<T>]`", strip_registration),
    "views": ("views and copies: FromSpan, FromReadOnlySpan, Read, WriteTo, AsBytes, AsReadOnlyBytes", strip_views),
    "view-copies": ("FromSpan, FromReadOnlySpan, Read, WriteTo", strip_view_copies),
    "byte-spans": ("AsBytes, AsReadOnlyBytes", strip_byte_spans),
    "view-bodies": ("the views' and copies' bodies (`=> throw null!`; signatures kept)", throw_view_bodies),
    "tostring": ("`ToString()` bodies", strip_to_string),
    "layout": ("`Layout` initializers (replaced by `=> null!`)", stub_layout),
    "cstring": ("C-string accessors", strip_cstring),
    "nullable": ("nullable flow analysis (`#nullable enable annotations` and `#nullable disable warnings` instead of `#nullable enable`)", nullable_annotations),
    "bitfields": ("bitfield properties (and the ToString() holes reading them)", strip_bitfields),
    "all": ("all of the above at once (what is left: SizeOf, AlignOf, Offsets, flexible arrays, anonymous members)", strip_everything),
}

# ---------------------------------------------------------------------------------------------------------------
# Compiling.


def csc_command(log):
    """The Csc task's command line from a detailed build log: the compiler (`csc` or `dotnet exec csc.dll`) and its arguments."""
    with open(log) as f:
        for line in f:
            if re.match(r"\s*\S*(/csc|csc\.dll)\s", line) and "/out:" in line:
                return shlex.split(line.strip())
    sys.exit(f"no csc command line in {log}")


def prepare(work, name, transform, base_args, project, generated, structs_only, first_structs):
    directory = os.path.join(work, "attribution", name)
    if os.path.exists(directory):
        shutil.rmtree(directory)
    os.makedirs(directory)
    sources, size = [], 0
    for root, _, names in os.walk(generated):
        for n in sorted(names):
            registrations = n == REGISTRATIONS
            if structs_only and not n.endswith(".KernelStruct.g.cs") and not registrations:
                continue
            if first_structs is not None and n.endswith(".KernelStruct.g.cs") and int(re.match(r"Bench\.S(\d+)", n).group(1)) >= first_structs:
                continue
            with open(os.path.join(root, n)) as f:
                text = f.read()
            if n.endswith(".KernelStruct.g.cs"):
                text = transform(text)
            elif registrations:
                # The mirrors' registrations, in one file: only those of the mirrors compiled, and stripped with them.
                if first_structs is not None:
                    text = "".join(line for line in text.splitlines(keepends=True)
                                   if not (m := re.search(r"Bench\.S(\d+)>", line)) or int(m.group(1)) < first_structs)
                if transform in (strip_registration, strip_everything):
                    text = strip_registration(text)
            path = os.path.join(directory, n)
            with open(path, "w") as f:
                f.write(text)
            sources.append(path)
            size += len(text.encode())
    args, host_options = [], []
    for a in base_args:
        if a == "/noconfig":
            host_options.append(a)
            continue
        if a.startswith(("/analyzer:", "/analyzerconfig:", "/generatedfilesout:", "/errorlog:", "/reportanalyzer", "/out:", "/refout:", "/doc:", "/pdb:")):
            continue
        if a.endswith(".cs") and not a.startswith("/"):
            if structs_only and os.path.basename(a).startswith("Options"):
                continue
            file = re.match(r"Structs(\d+)\.cs$", os.path.basename(a))
            if first_structs is not None and file and int(file.group(1)) * 50 >= first_structs:
                continue
            args.append(a if os.path.isabs(a) else os.path.join(project, a))
            continue
        args.append(a)
    args += [f"/out:{os.path.join(directory, 'Bench.dll')}", f"/pdb:{os.path.join(directory, 'Bench.pdb')}"] + sources
    rsp = os.path.join(directory, "csc.rsp")
    with open(rsp, "w") as f:
        f.write("\n".join(shlex.quote(a) if " " in a else a for a in args) + "\n")
    return rsp, size, host_options


def compile_once(host, prepared, check=False, cwd=None):
    rsp, _, host_options = prepared
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(host + host_options + [f"@{rsp}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=cwd)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0 or (check and re.search(r"(error|warning) (CS|KS)\d+", result.stdout)):
        sys.stderr.write(result.stdout[-4000:])
        sys.exit(f"compile failed or warned: {rsp}")
    return wall, cpu


def compiler(work):
    """The compiler, its arguments, the project and its generated files, from a work directory of build_cost.py."""
    project = os.path.join(work, "generator")
    generated = os.path.join(project, "obj", "generated-files")
    if not os.path.isdir(generated):
        sys.exit(f"{generated} is missing: run build_cost.py --work {work} first")
    command = csc_command(os.path.join(project, "emit.log"))
    tool = next(i for i, a in enumerate(command) if a.endswith(("/csc", "csc.dll")))
    return command[:tool + 1], command[tool + 1:], project, generated


def compare(args):
    """Everything generated in two work directories (two commits), compiled alternately."""
    prepared = {}
    for work in (args.against, args.work):
        host, base, project, generated = compiler(work)
        prepared[work] = (host, prepare(work, "full", lambda t: t, base, project, generated, args.structs_only, args.first_structs))
    print(f"uptime before: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    results = {w: [] for w in prepared}
    for r in range(args.runs):
        # Each side goes first in every other pair, so that a load that rises or falls during a pair favours neither.
        for work, (host, p) in (list(prepared.items()) if r % 2 == 0 else list(prepared.items())[::-1]):
            results[work].append(compile_once(host, p, check=r == 0))
        print(f"  run {r + 1}: " + ", ".join(f"{w} {results[w][-1][0]:.2f}/{results[w][-1][1]:.2f}" for w in prepared), flush=True)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print()
    print(f"| generated code of (median of {args.runs}) | generated MB | csc wall | csc CPU | CPU ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    first = statistics.median(c for _, c in results[args.against])
    for work, (_, p) in prepared.items():
        cpu = statistics.median(c for _, c in results[work])
        print(f"| {work} | {p[1] / 1e6:.2f} | {statistics.median(w for w, _ in results[work]):.2f} s | {cpu:.2f} s | {cpu / first:.2f} |")
    print()
    print(f"uptime after: {load}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/kernelstructs-build-cost")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--structs-only", action="store_true",
                        help="leave the socket options out (their declarations and generated files): a shorter compile of the mirrors alone")
    parser.add_argument("--first-structs", type=int, metavar="N",
                        help="with --structs-only: only the mirrors S0000 to S(N-1), in whole files of 50 (a shorter compile on a busy machine)")
    parser.add_argument("--against", metavar="WORK",
                        help="instead of the categories: compile everything generated in --work and in WORK (another commit's build_cost.py work directory) alternately")
    parser.add_argument("--only", help="comma-separated variant names (full is always included)")
    args = parser.parse_args()

    if args.against:
        compare(args)
        return
    host, base, project, generated = compiler(args.work)
    names = ["full"] + [n for n in (args.only.split(",") if args.only else VARIANTS) if n != "full"]

    prepared = {}
    for n in names:
        prepared[n] = prepare(args.work, n, VARIANTS[n][1], base, project, generated, args.structs_only, args.first_structs)
    print(f"uptime before: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    walls, cpus = {n: [] for n in names}, {n: [] for n in names}
    for r in range(args.runs):
        for n in names:
            wall, cpu = compile_once(host, prepared[n], check=r == 0)  # the first run also checks it compiles clean
            walls[n].append(wall)
            cpus[n].append(cpu)
        print(f"  run {r + 1}: " + ", ".join(f"{n} {walls[n][-1]:.2f}/{cpus[n][-1]:.2f}" for n in names), flush=True)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    full_wall, full_cpu, full_size = statistics.median(walls["full"]), statistics.median(cpus["full"]), prepared["full"][1]
    print()
    print(f"| stripped from the mirrors' generated files (median of {args.runs}) | generated MB | csc wall | saved | csc CPU | saved |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for n in names:
        w, c, s = statistics.median(walls[n]), statistics.median(cpus[n]), prepared[n][1]
        label = "nothing: " + VARIANTS[n][0] if n == "full" else VARIANTS[n][0]
        print(f"| {label} | {s / 1e6:.2f} | {w:.2f} s | {full_wall - w:+.2f} s | {c:.2f} s | {full_cpu - c:+.2f} s ({(full_cpu - c) / full_cpu:.0%}) |")
    print()
    print(f"uptime after: {load}")


if __name__ == "__main__":
    main()
