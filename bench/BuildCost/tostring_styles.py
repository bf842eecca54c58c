#!/usr/bin/env python3
"""What binding a mirror's ToString() costs the compiler, per style of body (a synthetic experiment).

Writes N structs with the member kinds a mirror's ToString() formats (integers of every width and sign, byte-order
integers, an enum, a nested struct, InAddr, a byte array, a C string, a bitfield-style property) and a ToString() in
one of these styles, and compiles each with the Csc task's own command line (taken from a build_cost.py work
directory's emit.log), no generators or analyzers; the variants alternate in a shuffled order and the table gives
compiler CPU (user + system), medians:

  A  one interpolated string, a hole per member (the generated code before StructText)
  B  StructText: one non-overloaded, non-generic call per member kind, Value<T> (inferred) for enums and structs (a426324,
     reverted)
  C  StructText with one generic Value<T> (inferred) for every scalar member
  D  B with the type argument of Value<T> written out
  E  B with the members a runtime method could format from the struct's bytes (integers, byte-order integers, arrays,
     bitfields) described in one string per run of such members, formatted by one call (a stub: only the compile counts)
  Z  ToString() => "" (the floor)

StructText is the runtime type of a426324 (reverted since; read with git show), compiled into an assembly of its own
under another namespace (E adds a stub method to it).

  python3 bench/BuildCost/tostring_styles.py --work /tmp/bc-work [--count 1000] [--runs 3] [--only A,B,Z]
"""
import argparse, os, random, statistics, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_cost as bc  # noqa: E402
import sockopt_attribution as sa  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--work", required=True, help="a build_cost.py --work directory (its generator/emit.log gives the command line)")
parser.add_argument("--count", type=int, default=1000)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--only", help="comma-separated styles (default: A,B,C,D,E,Z)")
args = parser.parse_args()
N, RUNS = args.count, args.runs
STYLES = args.only.split(",") if args.only else ["A", "B", "C", "D", "E", "Z"]
W = os.path.join(args.work, "tostring-styles")
os.makedirs(W, exist_ok=True)
tool, options = sa.compiler_command(os.path.join(args.work, "generator", "emit.log"))
options = [o for o in options if not o.startswith("/target")] + ["/target:library", "/unsafe+"]
options = [o for o in options if "KernelStructs.dll" not in o] + [f"/reference:{bc.RUNTIME}"]

# StructText as a426324 added it to the runtime (reverted since), under a namespace of its own.
STRUCT_TEXT_COMMIT = "a426324"
text = subprocess.run(["git", "-C", bc.REPO, "show", f"{STRUCT_TEXT_COMMIT}:runtime/KernelStructs/Layout/StructText.cs"],
                      capture_output=True, text=True, check=True).stdout
text = text.replace("namespace KernelStructs;", "using KernelStructs;\n\nnamespace Bench.Text;")
text = text.replace("    private void Name(string name)", "    public void Members(scoped ReadOnlySpan<byte> bytes, string members)\n    {\n    }\n\n    private void Name(string name)")
open(f"{W}/StructText.cs", "w").write(text)
sa.compile_once(tool, options, [f"{W}/StructText.cs"], f"{W}/StructText.dll")
options = options + [f"/reference:{W}/StructText.dll"]

T = "global::Bench.Text.StructText"
# (C# type, field name, B-style method or None for Value<T>)
SCALARS = [("byte", "a", "Byte"), ("ushort", "b", "UInt16"), ("uint", "c", "UInt32"), ("ulong", "d", "UInt64"),
           ("int", "e", "Int32"), ("global::KernelStructs.Be16", "f", "Be16"), ("global::KernelStructs.Be32", "g", "Be32"),
           ("global::Bench.Kind", "h", None), ("global::Bench.Inner", "i", None), ("global::KernelStructs.InAddr", "j", None)]


def struct(i, style):
    fields = "".join(f"    public {t} {n};\n" for t, n, _ in SCALARS)
    fields += "    public fixed byte k[8];\n    public fixed byte l[16];\n    public uint storage;\n"
    fields += "    public uint m { readonly get => storage & 0xff; set => storage = value; }\n"
    bytes_ = "global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref global::System.Runtime.CompilerServices.Unsafe.AsRef(in this), 1))"
    if style == "Z":
        body = "    public override readonly string ToString() => \"\";\n"
    elif style == "A":
        holes = ", ".join(f"{n} = {{this.{n}}}" for _, n, _ in SCALARS)
        body = ("    public override readonly string ToString()\n    {\n"
                f"        global::System.ReadOnlySpan<byte> bytes = {bytes_};\n"
                f"        return $\"struct s{i} {{{{ {holes}, k = {{(global::KernelStructs.StructHelpers.FormatBytes(bytes.Slice(Offsets.k, 8)))}}, "
                f"l = {{(global::KernelStructs.StructHelpers.FormatCString(bytes.Slice(Offsets.l, 16)))}}, m = {{this.m}} }}}}\";\n    }}\n")
    elif style == "E":
        lines = ['        text.Members(bytes, "a=u1@0 b=u2@2 c=u4@4 d=u8@8 e=s4@16 f=B2@20 g=B4@24");']
        lines += [f'        text.Value("{n}", this.{n});' for _, n, method in SCALARS if method is None]
        lines.append('        text.Members(bytes, "k=x8@40 l=z16@48 m=u4:0:8@64");')
        body = ("    public override readonly string ToString()\n    {\n"
                f"        global::System.ReadOnlySpan<byte> bytes = {bytes_};\n"
                f"        {T} text = new(\"struct s{i}\", stackalloc char[256]);\n" + "\n".join(lines) + "\n"
                "        return text.ToStringAndClear();\n    }\n")
    else:
        lines = []
        for t, n, method in SCALARS:
            if style == "C" or method is None:
                lines.append(f"        text.Value{'<' + t + '>' if style == 'D' else ''}(\"{n}\", this.{n});")
            else:
                lines.append(f"        text.{method}(\"{n}\", this.{n});")
        lines.append("        text.Bytes(\"k\", bytes.Slice(Offsets.k, 8));")
        lines.append("        text.CString(\"l\", bytes.Slice(Offsets.l, 16));")
        lines.append("        text.Value(\"m\", this.m);" if style == "C" else "        text.UInt32(\"m\", this.m);")
        body = ("    public override readonly string ToString()\n    {\n"
                f"        global::System.ReadOnlySpan<byte> bytes = {bytes_};\n"
                f"        {T} text = new(\"struct s{i}\", stackalloc char[256]);\n" + "\n".join(lines) + "\n"
                "        return text.ToStringAndClear();\n    }\n")
    return (f"public unsafe partial struct S{i:04}\n{{\n{fields}    public static class Offsets {{ public const int k = 40; public const int l = 48; }}\n"
            f"{body}}}\n")


def write(style):
    d = f"{W}/{style}"
    os.makedirs(d, exist_ok=True)
    files = [f"{d}/Common.cs"]
    open(files[0], "w").write("#nullable enable\nnamespace Bench;\npublic enum Kind : byte { None, One }\n"
                              "public struct Inner { public int x; public override readonly string ToString() => \"inner\"; }\n")
    for f in range(0, N, 50):
        path = f"{d}/S{f:04}.cs"
        open(path, "w").write("#nullable enable\nnamespace Bench;\n\n" + "\n".join(struct(i, style) for i in range(f, min(N, f + 50))))
        files.append(path)
    return files


sources = {s: write(s) for s in STYLES}
times = {s: [] for s in STYLES}
print(f"load average before: {os.getloadavg()}", flush=True)
for r in range(RUNS):
    order = STYLES[:]
    random.shuffle(order)
    for s in order:
        cpu, wall, warnings = sa.compile_once(tool, options, sources[s], f"{W}/{s}.dll")
        if warnings:
            sys.exit(f"style {s}: {warnings} warnings")
        times[s].append(cpu)
        print(f"round {r + 1} {s}: {cpu:.2f} s CPU ({wall:.2f} s wall)", flush=True)
print(f"load average after: {os.getloadavg()}")
floor = statistics.median(times["Z"]) if "Z" in times else 0.0
print("\n| style | csc CPU (median) | over the floor | run by run |\n| --- | ---: | ---: | --- |")
for s in STYLES:
    m = statistics.median(times[s])
    print(f"| {s} | {m:.2f} s | {m - floor:.2f} s | {', '.join(f'{t:.2f}' for t in times[s])} |")
