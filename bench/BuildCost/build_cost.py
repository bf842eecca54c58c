#!/usr/bin/env python3
"""Build cost of KernelStructs in a consumer project, against the same project with hand-written stubs.

Writes a consumer project of N [KernelStruct] structs of mixed shapes and M socket-option declarations (each a
[SockOptCommand] constant and its [GetSockOpt]/[SetSockOpt] wrapper) twice:

  generator  the declarations as users write them, built with the KernelStructs generator and analyzers (copied
             into one directory, as the package's analyzers/dotnet/cs holds them);
  stubs      the same declarations, every wrapper given a hand-written stub body, no generator, no analyzers
             (the baseline: what the same source costs the compiler without KernelStructs).

Each variant is rebuilt (`dotnet build --no-incremental`, so the compiler runs every time) --runs times, the two
variants alternating, with -p:ReportAnalyzer=true at detailed verbosity. The table gives medians: the Csc task's time
(MSBuild's task performance summary), the generator and analyzer times Roslyn reports, and the generated source
(one more build with EmitCompilerGeneratedFiles). Ratios are against the stub baseline of the same run.

  python3 bench/BuildCost/build_cost.py [--structs 1000] [--sockopts 1000] [--runs 5] [--work DIR] [--write-only]
                                        [--shared-compilation]

By default every build starts a fresh csc process (-p:UseSharedCompilation=false): the compiler, the generator and the
analyzers are loaded and jitted in every build, as in CI. --shared-compilation builds through the compiler server
(VBCSCompiler), as `dotnet build` does on a developer's machine unless told otherwise: the server is shut down first,
each variant is built three times to warm it (not counted: the server's code reaches its optimized tier over the first
builds), and the timed builds then reuse its loaded, jitted compiler, generator and analyzers.

The runtime, generator and analyzers are built first (Release) from this checkout.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = "Release"
RUNTIME = os.path.join(REPO, "runtime/KernelStructs/bin", CONFIG, "net8.0/KernelStructs.dll")
GENERATOR = os.path.join(REPO, "generator/KernelStructs.Generator/bin", CONFIG, "netstandard2.0/KernelStructs.Generator.dll")
ANALYZERS = os.path.join(REPO, "analyzers/KernelStructs.Analyzers/bin", CONFIG, "netstandard2.0/KernelStructs.Analyzers.dll")

# ---------------------------------------------------------------------------------------------------------------
# The consumer's declarations. Every shape is hole-free and the same on every ABI, so the analyzers report nothing.

SHAPES = ["big-endian", "nested", "arrays+cstring", "bitfields", "union", "anonymous", "flexible"]


def struct_source(i, shape, previous_plain):
    """C# for one struct of the given shape; returns (text, number of [KernelStruct] declarations)."""
    n = f"S{i:04}"
    if shape == "big-endian":
        return f"""[KernelStruct("struct bench_addr_{i}", ExpectedSize = 16)]
public partial struct {n}
{{
    public ushort family;
    public Be16 port;
    public Be32 addr;
    public unsafe fixed byte __pad[8];
}}
""", 1
    if shape == "nested":
        return f"""[KernelStruct("struct bench_pair_{i}")]
public partial struct {n}
{{
    public {previous_plain} first;
    public uint flags;
    public uint mark;
    public Be64 cookie;
}}
""", 1
    if shape == "arrays+cstring":
        return f"""[KernelStruct("struct bench_info_{i}")]
public partial struct {n}
{{
    [CString]
    public unsafe fixed byte name[32];
    public uint valid_hooks;
    public unsafe fixed uint hook_entry[5];
    public unsafe fixed uint underflow[5];
    public uint num_entries;
    public uint size;
}}
""", 1
    if shape == "bitfields":
        return f"""[KernelStruct("struct bench_bits_{i}")]
public partial struct {n}
{{
    public byte state;
    public byte ca_state;
    [BitField("snd_wscale", 4)]
    [BitField("rcv_wscale", 4)]
    public byte wscale;
    [BitField("app_limited", 1)]
    [BitField("fastopen_fail", 2)]
    public byte flags;
    public uint rto;
    [BitField("signed_low", 12)]
    [BitField("signed_high", 20)]
    public int signed_unit;
}}
""", 1
    if shape == "union":
        return f"""[KernelStruct("union bench_inet_{i}")]
[StructLayout(LayoutKind.Explicit)]
public partial struct {n}
{{
    [FieldOffset(0)] public unsafe fixed uint all[4];
    [FieldOffset(0)] public Be32 ip;
    [FieldOffset(0)] public unsafe fixed uint ip6[4];
}}
""", 1
    if shape == "anonymous":
        return f"""[KernelStruct("struct bench_tuple_{i}")]
public partial struct {n}
{{
    public uint src;
    [CField(Anonymous = true)]
    public Proto u;
    public uint protonum;

    [KernelStruct("union")]
    [StructLayout(LayoutKind.Explicit)]
    public partial struct Proto
    {{
        [FieldOffset(0)] public Be16 all;
        [FieldOffset(0)] public uint value;
    }}
}}
""", 2
    if shape == "flexible":
        return f"""[KernelStruct("struct bench_entries_{i}")]
[FlexibleArray(typeof(byte), "entrytable", Alignment = 8)]
public partial struct {n}
{{
    [CString]
    public unsafe fixed byte name[32];
    public uint size;
    public uint count;
}}
""", 1
    raise ValueError(shape)


def write_structs(directory, count):
    """Writes [KernelStruct] declarations until there are `count`; returns the struct names by shape."""
    by_shape = {s: [] for s in SHAPES}
    written, i, previous_plain = 0, 0, None
    files = {}
    while written < count:
        shape = SHAPES[i % len(SHAPES)]
        if shape == "anonymous" and count - written < 2:
            shape = "big-endian"
        if shape == "nested" and previous_plain is None:
            shape = "big-endian"
        text, declarations = struct_source(i, shape, previous_plain)
        files.setdefault(i // 50, []).append(text)
        by_shape[shape].append(f"S{i:04}")
        if shape == "big-endian":
            previous_plain = f"S{i:04}"
        written += declarations
        i += 1
    for k, texts in files.items():
        with open(os.path.join(directory, f"Structs{k:02}.cs"), "w") as f:
            f.write("using System.Runtime.InteropServices;\nusing KernelStructs;\n\nnamespace Bench;\n\n" + "\n".join(texts))
    return by_shape


def write_sockopts(directory, count, by_shape, stubs):
    """One [SockOptCommand] constant and one wrapper per option, five kinds in turn, 50 options a class."""
    plain, named, flexible = by_shape["big-endian"], by_shape["arrays+cstring"], by_shape["flexible"]
    classes = {}
    for i in range(count):
        kind = i % 5
        number = 1000 + i
        body = " => throw null!;" if stubs else ";"
        partial = "" if stubs else "partial "
        if kind == 0:
            payload = plain[i % len(plain)]
            decl = (f"    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof({payload}))]\n"
                    f"    public const int BENCH_GET_{i} = {number};\n\n"
                    f"    [GetSockOpt(BENCH_GET_{i})]\n"
                    f"    public static {partial}{payload} GetOption{i}(Socket socket){body}\n")
        elif kind == 1:
            decl = (f"    [SockOptCommand(SocketLevel.Socket, SockOptDirection.Set, typeof(uint))]\n"
                    f"    public const int BENCH_SET_{i} = {number};\n\n"
                    f"    [SetSockOpt(BENCH_SET_{i})]\n"
                    f"    public static {partial}void SetOption{i}(Socket socket, uint value){body}\n")
        elif kind == 2:
            payload = named[i % len(named)]
            decl = (f"    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof({payload}))]\n"
                    f"    public const int BENCH_INFO_{i} = {number};\n\n"
                    f"    [GetSockOpt(BENCH_INFO_{i})]\n"
                    f"    public static {partial}void GetInfo{i}(Socket socket, ref {payload} info){body}\n")
        elif kind == 3:
            payload = flexible[i % len(flexible)]
            decl = (f"    [SockOptCommand(SocketLevel.IP, SockOptDirection.Get, typeof({payload}), Length = LengthRule.HeaderPlusEntries)]\n"
                    f"    public const int BENCH_ENTRIES_{i} = {number};\n\n"
                    f"    [GetSockOpt(BENCH_ENTRIES_{i})]\n"
                    f"    public static {partial}Errno TryGetEntries{i}(int fd, Span<byte> buffer, out int length){body}\n")
        else:
            decl = (f"    [SockOptCommand(SocketLevel.IP, SockOptDirection.Set, typeof(void))]\n"
                    f"    public const int BENCH_FLUSH_{i} = {number};\n\n"
                    f"    [SetSockOpt(BENCH_FLUSH_{i})]\n"
                    f"    public static {partial}void Flush{i}(int fd){body}\n")
        classes.setdefault(i // 50, []).append(decl)
    for k, decls in classes.items():
        with open(os.path.join(directory, f"Options{k:02}.cs"), "w") as f:
            f.write("using System;\nusing System.Net.Sockets;\nusing KernelStructs;\n\nnamespace Bench;\n\n"
                    f"public static partial class Options{k:02}\n{{\n" + "\n".join(decls) + "}\n")


def package_analyzers(directory):
    """The generator and the analyzers copied into one directory, as the package lays them out (analyzers/dotnet/cs).

    The compiler loads the analyzer assemblies of one directory into one load context: the analyzers then share the
    generator's assembly, its jitted code and its caches. From two directories (bin/ of each project) each would load
    and jit its own copy of the generator's code, a cost no user of the package has.
    """
    folder = os.path.join(directory, "analyzers", "dotnet", "cs")
    os.makedirs(folder, exist_ok=True)
    paths = []
    for source in (GENERATOR, ANALYZERS):
        target = os.path.join(folder, os.path.basename(source))
        if os.path.exists(source):  # not yet built with --write-only, which needs only the sources
            shutil.copyfile(source, target)
        paths.append(target)
    return paths


def write_project(directory, structs, sockopts, stubs):
    if os.path.exists(directory):
        shutil.rmtree(directory)
    os.makedirs(directory)
    by_shape = write_structs(directory, structs)
    write_sockopts(directory, sockopts, by_shape, stubs)
    analyzers = "" if stubs else "".join(f'    <Analyzer Include="{path}" />\n' for path in package_analyzers(directory))
    with open(os.path.join(directory, "Bench.csproj"), "w") as f:
        f.write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="{RUNTIME}" />
{analyzers}  </ItemGroup>
</Project>
""")
    # Stop MSBuild from importing anything above the work directory.
    for name in ("Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"):
        with open(os.path.join(directory, name), "w") as f:
            f.write("<Project />\n")
    return {s: len(v) for s, v in by_shape.items()}


# ---------------------------------------------------------------------------------------------------------------
# Building and reading the logs.

def run(args, cwd, log=None):
    started = time.monotonic()
    result = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.monotonic() - started
    if log:
        with open(log, "w") as f:
            f.write(result.stdout)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-6000:])
        sys.exit(f"failed ({result.returncode}): {' '.join(args)}")
    return result.stdout, elapsed


SHARED_COMPILATION = "false"


def build(directory, log, extra=()):
    output, elapsed = run(["dotnet", "build", "--no-restore", "--no-incremental", "-c", CONFIG, "-nologo",
                           "-v:d", "-clp:PerformanceSummary", "-p:ReportAnalyzer=true",
                           f"-p:UseSharedCompilation={SHARED_COMPILATION}", *extra], directory, log)
    return output, elapsed


def seconds(pattern, text):
    match = re.search(pattern, text, re.M)
    return float(match.group(1)) if match else 0.0


def read_log(text):
    # MSBuild's task summary: "    13456 ms  Csc    1 calls"
    match = re.search(r"^\s*(\d+) ms\s+Csc\s+\d+ calls", text, re.M)
    csc = int(match.group(1)) / 1000 if match else float("nan")
    # ReportAnalyzer's tables: totals, then one line per assembly ("  2.544   57   KernelStructs.Generator, Version=...").
    all_analyzers = seconds(r"Total analyzer execution time: ([\d.]+) seconds", text)
    all_generators = seconds(r"Total generator execution time: ([\d.]+) seconds", text)
    generator = seconds(r"^\s*([\d.]+)\s+\S+\s+KernelStructs\.Generator, Version=", text)
    analyzers = seconds(r"^\s*([\d.]+)\s+\S+\s+KernelStructs\.Analyzers, Version=", text)
    warnings = sorted(set(re.findall(r"warning (KS\d{4}|CS\d{4})", text)))
    return {"csc": csc, "generator": generator, "analyzers": analyzers, "all_generators": all_generators,
            "all_analyzers": all_analyzers, "warnings": warnings}


def own_analyzers(text):
    """Per-analyzer lines of the KernelStructs assemblies from ReportAnalyzer's table."""
    lines = []
    for line in text.splitlines():
        if re.match(r"^\s*[\d.]+\s+\S+\s+KernelStructs\.(Analyzers|Generator)\.", line):
            lines.append(line.strip())
    return lines


def generated_bytes(directory):
    out = os.path.join(directory, "obj", "generated-files")
    build(directory, os.path.join(directory, "emit.log"),
          ["-p:EmitCompilerGeneratedFiles=true", f"-p:CompilerGeneratedFilesOutputPath={out}"])
    total, files = 0, 0
    for root, _, names in os.walk(out):
        for name in names:
            total += os.path.getsize(os.path.join(root, name))
            files += 1
    return total, files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--structs", type=int, default=1000)
    parser.add_argument("--sockopts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/kernelstructs-build-cost")
    parser.add_argument("--skip-product-build", action="store_true", help="use the Release build already in bin/")
    parser.add_argument("--write-only", action="store_true",
                        help="write the two projects and stop (bench/GeneratorCost reads the generator variant's sources)")
    parser.add_argument("--shared-compilation", action="store_true",
                        help="build through a warm compiler server instead of a fresh csc process per build")
    args = parser.parse_args()
    global SHARED_COMPILATION
    SHARED_COMPILATION = "true" if args.shared_compilation else "false"

    if args.write_only:
        for name in ("stubs", "generator"):
            shapes = write_project(os.path.join(args.work, name), args.structs, args.sockopts, stubs=name == "stubs")
        print(f"structs by shape: {shapes}; socket options: {args.sockopts}; written to {args.work}")
        return

    if not args.skip_product_build:
        run(["dotnet", "build", os.path.join(REPO, "runtime/KernelStructs/KernelStructs.csproj"), "-c", CONFIG, "-nologo", "-v:q"], REPO)

    variants = {"stubs": os.path.join(args.work, "stubs"), "generator": os.path.join(args.work, "generator")}
    for name, directory in variants.items():
        shapes = write_project(directory, args.structs, args.sockopts, stubs=name == "stubs")
        run(["dotnet", "restore", "-nologo", "-v:q"], directory)
    print(f"structs by shape: {shapes}; socket options: {args.sockopts}")
    print(f"uptime before: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")

    results = {name: [] for name in variants}
    wall = {name: [] for name in variants}
    last = {}
    if args.shared_compilation:
        run(["dotnet", "build-server", "shutdown"], REPO)
    print(f"compiler: {'warm compiler server' if args.shared_compilation else 'a fresh csc process per build'}")
    # Warm the SDK's caches (and, with --shared-compilation, the compiler server: both variants); not counted.
    for name in (list(variants) * 3 if args.shared_compilation else ["stubs"]):
        build(variants[name], None)
    for r in range(args.runs):
        for name, directory in variants.items():
            log = os.path.join(args.work, f"{name}-{r}.log")
            output, elapsed = build(directory, log)
            figures = read_log(output)
            results[name].append(figures)
            wall[name].append(elapsed)
            last[name] = output
            print(f"  run {r + 1} {name:9}: csc {figures['csc']:6.2f} s  KernelStructs generator {figures['generator']:5.2f} s, "
                  f"analyzers {figures['analyzers']:5.2f} s  (all generators {figures['all_generators']:5.2f} s, analyzers "
                  f"{figures['all_analyzers']:5.2f} s)  build {elapsed:6.2f} s  {' '.join(figures['warnings'])}", flush=True)

    size, files = generated_bytes(variants["generator"])
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    def median(name, key):
        return statistics.median(f[key] for f in results[name])

    def spread(name, key):
        values = [f[key] for f in results[name]]
        return f"{min(values):.2f}–{max(values):.2f}"

    base_csc = median("stubs", "csc")
    base_wall = statistics.median(wall["stubs"])
    print()
    print(f"| build ({args.structs} structs, {args.sockopts} socket options; median of {args.runs}) | Csc task | ratio | "
          f"KernelStructs generator | KernelStructs analyzers | all generators | all analyzers | `dotnet build` | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in variants:
        label = "hand-written stubs, no generator or analyzers (baseline)" if name == "stubs" else "KernelStructs generator and analyzers"
        print(f"| {label} | {median(name, 'csc'):.2f} s ({spread(name, 'csc')}) | {median(name, 'csc') / base_csc:.2f} | "
              f"{median(name, 'generator'):.2f} s ({spread(name, 'generator')}) | {median(name, 'analyzers'):.2f} s ({spread(name, 'analyzers')}) | "
              f"{median(name, 'all_generators'):.2f} s | {median(name, 'all_analyzers'):.2f} s | "
              f"{statistics.median(wall[name]):.2f} s | {statistics.median(wall[name]) / base_wall:.2f} |")
    print()
    print(f"generated source: {size / 1e6:.2f} MB in {files} files ({size / max(files, 1) / 1000:.1f} kB a file)")
    print(f"uptime after: {load}")
    print("KernelStructs lines of the last generator build's analyzer report:")
    for line in own_analyzers(last["generator"]):
        print("  " + line)


if __name__ == "__main__":
    main()
