#!/usr/bin/env python3
"""What binding a generated socket-option body costs the compiler, per style of engine call (a synthetic experiment).

Writes N wrapper families of build_cost.py's five kinds (six forms each) by hand, in one of these styles, and compiles
each with the Csc task's own command line (taken from a build_cost.py work directory's emit.log), no generators or
analyzers; the variants alternate in a shuffled order and the table gives compiler CPU (user + system), medians:

  A      the overloaded generic SockOpt.Get<T>/TryGet<T>/Set<T>/TrySet<T> (the generated code before SockOptEntry)
  B1     one name per shape, overloaded by socket form only (3 candidates)
  B3     one name per shape and socket form, no overloads (what the generator writes now: SockOptEntry)
  C      a descriptor per declaration (a static readonly struct holding level, option, rule and name), B3-style methods on it
  B3min  B3 with only the socket and payload arguments (how much the level/option/rule/name arguments cost)
  B3nn   B3 under #nullable disable (how much nullable analysis costs)
  Z      bodies `=> throw null!` (the floor)

The engine methods of B1, B3, C and B3min are stubs declared in the compiled source; A calls the runtime's SockOpt.

  python3 bench/BuildCost/sockopt_call_styles.py --work /tmp/bc-work [--count 1000] [--runs 3] [--only A,B3,Z]
"""
import argparse, os, random, statistics, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_cost as bc  # noqa: E402
import sockopt_attribution as sa  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--work", required=True, help="a build_cost.py --work directory (its generator/emit.log gives the command line)")
parser.add_argument("--count", type=int, default=1000)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--only", help="comma-separated styles (default: A,B1,B3,C,Z)")
args = parser.parse_args()
N, RUNS, ONLY = args.count, args.runs, (args.only.split(",") if args.only else None)
W = os.path.join(args.work, "call-styles")
os.makedirs(W, exist_ok=True)
tool, options = sa.compiler_command(os.path.join(args.work, "generator", "emit.log"))
options = [o for o in options if not o.startswith("/target")] + ["/target:library"]
options = [o for o in options if "KernelStructs.dll" not in o] + [f"/reference:{bc.RUNTIME}"]

P = 200
structs = "namespace Bench;\n" + "".join(f"public struct P{j:03} {{ public int a, b; public long c; public const int SizeOf = 16; }}\n" for j in range(P))
open(f"{W}/Structs.cs", "w").write(structs)
sa.compile_once(tool, options, [f"{W}/Structs.cs"], f"{W}/Structs.dll")
options = options + [f"/reference:{W}/Structs.dll"]

K = {"S": "global::System.Net.Sockets.Socket socket", "H": "global::System.Runtime.InteropServices.SafeHandle socket", "F": "int fd"}
ARG = {"S": "socket", "H": "socket", "F": "fd"}
E = "global::KernelStructs.SockOpt"
X = "global::KernelStructs.SockOptX"
LV = "global::KernelStructs.SocketLevel."
LR = "global::KernelStructs.LengthRule."
ERR = "global::KernelStructs.Errno"

def decls(i):
    kind, cls = i % 5, f"Options{i // 50:02}"
    p = f"global::Bench.P{i % P:03}"
    if kind == 0:
        c = f"BENCH_GET_{i}"; lvl = "IP"; rule = "Exact"
        forms = [(k, try_, (ERR if try_ else p), f"{'Try' if try_ else ''}GetOption{i}", (f", out {p} value" if try_ else ""), ("TryGetValue" if try_ else "GetValue"), p) for k in "SHF" for try_ in (False, True)]
    elif kind == 1:
        c = f"BENCH_SET_{i}"; lvl = "Socket"; rule = None; p = "uint"
        forms = [(k, try_, (ERR if try_ else "void"), f"{'Try' if try_ else ''}SetOption{i}", ", uint value", ("TrySetValue" if try_ else "SetValue"), p) for k in "SHF" for try_ in (False, True)]
    elif kind == 2:
        c = f"BENCH_INFO_{i}"; lvl = "IP"; rule = "Exact"
        forms = [(k, try_, (ERR if try_ else "void"), f"{'Try' if try_ else ''}GetInfo{i}", f", ref {p} info", ("TryGetRef" if try_ else "GetRef"), p) for k in "SHF" for try_ in (False, True)]
    elif kind == 3:
        c = f"BENCH_ENTRIES_{i}"; lvl = "IP"; rule = "HeaderPlusEntries"
        forms = [(k, try_, (ERR if try_ else "int"), f"{'Try' if try_ else ''}GetEntries{i}", ", global::System.Span<byte> buffer" + (", out int length" if try_ else ""), ("TryGetSpan" if try_ else "GetSpan"), p) for k in "FSH" for try_ in (True, False)]
    else:
        c = f"BENCH_FLUSH_{i}"; lvl = "IP"; rule = None
        forms = [(k, try_, (ERR if try_ else "void"), f"{'Try' if try_ else ''}Flush{i}", "", ("TrySetNone" if try_ else "SetNone"), p) for k in "FSH" for try_ in (False, True)]
    return cls, c, lvl, rule, forms

def user_source():
    classes = {}
    for i in range(N):
        cls, c, lvl, rule, forms = decls(i)
        k, try_, ret, name, params, shape, p = forms[0]
        classes.setdefault(cls, []).append(f"    public const int {c} = {1000 + i};\n    public static partial {ret} {name}({K[k]}{params});\n")
    files = []
    for cls, ds in classes.items():
        path = f"{W}/{cls}.cs"
        open(path, "w").write("namespace Bench;\n\npublic static partial class " + cls + "\n{\n" + "\n".join(ds) + "}\n")
        files.append(path)
    return files

def body(style, i, cls, c, lvl, rule, form):
    k, try_, ret, name, params, shape, p = form
    s = ARG[k]
    cmd = f"global::Bench.{cls}.{c}"
    head = f"{s}, {LV}{lvl}, {cmd}"
    r = f"{LR}{rule}" if rule else None
    n = f'"{c}"'
    if style == "A":
        return {
            "GetValue": f"{E}.Get<{p}>({head}, {r}, {n})",
            "TryGetValue": f"{E}.TryGet<{p}>({head}, {r}, {n}, out value)",
            "GetRef": f"{E}.Get<{p}>({head}, ref info, {r}, {n})",
            "TryGetRef": f"{E}.TryGet<{p}>({head}, ref info, {r}, {n})",
            "GetSpan": f"{E}.Get({head}, buffer, {r}, {p}.SizeOf, {n})",
            "TryGetSpan": f"{E}.TryGet({head}, buffer, {r}, {p}.SizeOf, {n}, out length)",
            "SetValue": f"{E}.Set<{p}>({head}, in value, {n})",
            "TrySetValue": f"{E}.TrySet<{p}>({head}, in value)",
            "SetNone": f"{E}.Set({head}, global::System.ReadOnlySpan<byte>.Empty, {n})",
            "TrySetNone": f"{E}.TrySet({head}, global::System.ReadOnlySpan<byte>.Empty)",
        }[shape]
    if style in ("B1", "B3"):
        suf = k if style == "B3" else ""
        g = "" if shape in ("GetSpan", "TryGetSpan", "SetNone", "TrySetNone") else f"<{p}>"
        args = {
            "GetValue": f"{head}, {r}, {n}", "TryGetValue": f"{head}, {r}, {n}, out value",
            "GetRef": f"{head}, ref info, {r}, {n}", "TryGetRef": f"{head}, ref info, {r}, {n}",
            "GetSpan": f"{head}, buffer, {r}, {p}.SizeOf, {n}", "TryGetSpan": f"{head}, buffer, {r}, {p}.SizeOf, {n}, out length",
            "SetValue": f"{head}, in value, {n}", "TrySetValue": f"{head}, in value",
            "SetNone": f"{head}, {n}", "TrySetNone": f"{head}",
        }[shape]
        return f"{X}.{shape}{suf}{g}({args})"
    if style == "C":
        g = "" if shape in ("GetSpan", "TryGetSpan", "SetNone", "TrySetNone") else f"<{p}>"
        args = {"GetValue": "", "TryGetValue": ", out value", "GetRef": ", ref info", "TryGetRef": ", ref info",
                "GetSpan": f", buffer, {p}.SizeOf", "TryGetSpan": f", buffer, {p}.SizeOf, out length",
                "SetValue": ", in value", "TrySetValue": ", in value", "SetNone": "", "TrySetNone": ""}[shape]
        return f"__ks_{c}.{shape}{k}{g}({s}{args})"
    if style == "B3min":
        g = "" if shape in ("GetSpan", "TryGetSpan", "SetNone", "TrySetNone") else f"<{p}>"
        args = {"GetValue": "", "TryGetValue": ", out value", "GetRef": ", ref info", "TryGetRef": ", ref info",
                "GetSpan": ", buffer", "TryGetSpan": ", buffer, out length",
                "SetValue": ", in value", "TrySetValue": ", in value", "SetNone": "", "TrySetNone": ""}[shape]
        return f"{X}M.{shape}{k}{g}({s}{args})"
    if style == "B3nn":
        return body("B3", i, cls, c, lvl, rule, form)
    if style == "Z":
        return "throw null!"

def generated(style):
    d = f"{W}/gen-{style}"
    os.makedirs(d, exist_ok=True)
    files = []
    for i in range(N):
        cls, c, lvl, rule, forms = decls(i)
        out = ["// <auto-generated/>", "#nullable disable" if style == "B3nn" else "#nullable enable", "", "namespace Bench;", "", f"partial class {cls}", "{"]
        if style == "C":
            r = f"{LR}{rule}" if rule else f"{LR}Exact"
            out.append(f"    private static readonly global::KernelStructs.SockOptCommandX __ks_{c} = new({LV}{lvl}, global::Bench.{cls}.{c}, {r}, \"{c}\");")
        for j, form in enumerate(forms):
            k, try_, ret, name, params, shape, p = form
            out.append("")
            if j == 0:
                out.append(f"    [global::KernelStructs.SockOptWrapper(typeof(global::Bench.{cls}), nameof(global::Bench.{cls}.{c}), global::KernelStructs.SockOptDirection.Get)]")
                out.append(f"    public static partial {ret} {name}({K[k]}{params})")
            else:
                out.append(f"    /// <inheritdoc cref=\"{forms[0][3]}\"/>")
                out.append(f"    public static {ret} {name}({K[k]}{params})")
            out.append(f"        => {body(style, i, cls, c, lvl, rule, form)};")
        out.append("}")
        path = f"{d}/{cls}.{c}.g.cs"
        open(path, "w").write("\n".join(out) + "\n")
        files.append(path)
    return files

ENGINE = f"{W}/EngineX.cs"
def engine():
    S = {"S": "global::System.Net.Sockets.Socket socket", "H": "global::System.Runtime.InteropServices.SafeHandle socket", "F": "int fd"}
    H = "global::KernelStructs.SocketLevel level, int optionName"
    R = "global::KernelStructs.LengthRule rule, string name"
    lines = ["namespace KernelStructs;", "public static class SockOptX {"]
    for style_suf in (True, False):
        for k in "SHF":
            suf = k if style_suf else ""
            sk = S[k]
            lines += [
                f"public static T GetValue{suf}<T>({sk}, {H}, {R}) where T : unmanaged => throw null!;",
                f"public static Errno TryGetValue{suf}<T>({sk}, {H}, {R}, out T value) where T : unmanaged => throw null!;",
                f"public static void GetRef{suf}<T>({sk}, {H}, ref T value, {R}) where T : unmanaged => throw null!;",
                f"public static Errno TryGetRef{suf}<T>({sk}, {H}, ref T value, {R}) where T : unmanaged => throw null!;",
                f"public static int GetSpan{suf}({sk}, {H}, global::System.Span<byte> buffer, global::KernelStructs.LengthRule rule, int minLength, string name) => throw null!;",
                f"public static Errno TryGetSpan{suf}({sk}, {H}, global::System.Span<byte> buffer, global::KernelStructs.LengthRule rule, int minLength, string name, out int length) => throw null!;",
                f"public static void SetValue{suf}<T>({sk}, {H}, in T value, string name) where T : unmanaged => throw null!;",
                f"public static Errno TrySetValue{suf}<T>({sk}, {H}, in T value) where T : unmanaged => throw null!;",
                f"public static void SetNone{suf}({sk}, {H}, string name) => throw null!;",
                f"public static Errno TrySetNone{suf}({sk}, {H}) => throw null!;",
            ]
    lines.append("}")
    lines.append("public static class SockOptXM {")
    for k in "SHF":
        sk = S[k]
        lines += [
            f"public static T GetValue{k}<T>({sk}) where T : unmanaged => throw null!;",
            f"public static Errno TryGetValue{k}<T>({sk}, out T value) where T : unmanaged => throw null!;",
            f"public static void GetRef{k}<T>({sk}, ref T value) where T : unmanaged => throw null!;",
            f"public static Errno TryGetRef{k}<T>({sk}, ref T value) where T : unmanaged => throw null!;",
            f"public static int GetSpan{k}({sk}, global::System.Span<byte> buffer) => throw null!;",
            f"public static Errno TryGetSpan{k}({sk}, global::System.Span<byte> buffer, out int length) => throw null!;",
            f"public static void SetValue{k}<T>({sk}, in T value) where T : unmanaged => throw null!;",
            f"public static Errno TrySetValue{k}<T>({sk}, in T value) where T : unmanaged => throw null!;",
            f"public static void SetNone{k}({sk}) => throw null!;",
            f"public static Errno TrySetNone{k}({sk}) => throw null!;",
        ]
    lines.append("}")
    lines.append("public readonly struct SockOptCommandX { public SockOptCommandX(SocketLevel l, int o, LengthRule r, string n) { } ")
    for k in "SHF":
        sk = S[k]
        lines += [
            f"public T GetValue{k}<T>({sk}) where T : unmanaged => throw null!;",
            f"public Errno TryGetValue{k}<T>({sk}, out T value) where T : unmanaged => throw null!;",
            f"public void GetRef{k}<T>({sk}, ref T value) where T : unmanaged => throw null!;",
            f"public Errno TryGetRef{k}<T>({sk}, ref T value) where T : unmanaged => throw null!;",
            f"public int GetSpan{k}({sk}, global::System.Span<byte> buffer, int minLength) => throw null!;",
            f"public Errno TryGetSpan{k}({sk}, global::System.Span<byte> buffer, int minLength, out int length) => throw null!;",
            f"public void SetValue{k}<T>({sk}, in T value) where T : unmanaged => throw null!;",
            f"public Errno TrySetValue{k}<T>({sk}, in T value) where T : unmanaged => throw null!;",
            f"public void SetNone{k}({sk}) => throw null!;",
            f"public Errno TrySetNone{k}({sk}) => throw null!;",
        ]
    lines.append("}")
    open(ENGINE, "w").write("\n".join(lines) + "\n")
engine()

users = user_source()
styles = ONLY or ["A", "B1", "B3", "C", "Z"]
sources = {s: users + generated(s) + [ENGINE] for s in styles}
cpu = {s: [] for s in styles}
for s in styles:  # check each compiles
    sa.compile_once(tool, options, sources[s], f"{W}/out-{s}.dll")
print("uptime before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)
for r in range(RUNS):
    order = styles[:]; random.shuffle(order)
    for s in order:
        c, w, warn = sa.compile_once(tool, options, sources[s], f"{W}/out.dll")
        cpu[s].append(c)
    print("round", r + 1, {s: round(cpu[s][-1], 2) for s in styles}, subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)
floor = statistics.median(cpu["Z"]) if "Z" in cpu else 0
for s in styles:
    m = statistics.median(cpu[s])
    print(f"{s}: median CPU {m:.2f} s ({min(cpu[s]):.2f}-{max(cpu[s]):.2f}); over floor {m - floor:.2f} s")
