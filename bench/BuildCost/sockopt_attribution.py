#!/usr/bin/env python3
"""What in the generated socket-option wrappers costs the compiler time.

Builds the build-cost project (bench/BuildCost/build_cost.py: N structs, M socket options) once with
EmitCompilerGeneratedFiles, takes the compiler's command line from that build's log, and compiles the generated
source as plain source with the same options and references, no generators or analyzers:

  1. the structs (user declarations and their generated code) into Structs.dll, once;
  2. the socket-option classes and their generated wrappers against Structs.dll, once per variant, each variant
     stripping one category from the generated wrappers (doc comments, attributes, a family's forms, ...), plus the
     floor: the same classes with hand-written stub bodies and no generated code.

Variants run in a shuffled order in each round; the table gives the compiler process's CPU time (user + system) and
wall time, medians over the rounds, and the difference against the unchanged generated code of the same run.

  python3 bench/BuildCost/sockopt_attribution.py [--structs 1000] [--sockopts 1000] [--runs 5] [--work DIR] [--reuse]

--reuse skips the product and project builds and uses the generated files already in --work.
"""
import argparse
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_cost as bc  # noqa: E402

MEMBER_SIGNATURE = re.compile(r"^\s+(public|internal|private|protected)[^=]*\(")


# ---------------------------------------------------------------------------------------------------------------
# A generated wrapper file: header lines, then members separated by blank lines, each made of `///` lines, attribute
# lines, the signature and the `=>` body.

def split_members(text):
    lines = text.splitlines()
    blocks, current = [], []
    for line in lines:
        if line.strip() in ("", "{", "}"):
            if current:
                blocks.append(current)
                current = []
            blocks.append([line])
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def member_signature(block):
    for line in block:
        if MEMBER_SIGNATURE.match(line) and not line.strip().startswith("["):
            return line
    return None


def is_declared(block):
    signature = member_signature(block)
    return signature is not None and " partial " in signature


def first_parameter(block):
    signature = member_signature(block)
    return signature[signature.index("(") + 1:] if signature else ""


def transform(text, keep_member=lambda block: True, keep_line=lambda line: True, body=None):
    out = []
    for block in split_members(text):
        if member_signature(block) is not None:
            if not is_declared(block) and not keep_member(block):
                continue
            lines = [line for line in block if keep_line(line)]
            if body is not None:
                lines = [body(line) if line.strip().startswith("=>") else line for line in lines]
            out.extend(lines)
        else:
            out.extend(line for line in block if keep_line(line))
    return "\n".join(out) + "\n"


def is_try(block):
    signature = member_signature(block)
    return "KernelStructs.Errno " in signature.split("(")[0]


VARIANTS = {
    "as generated": lambda t: t,
    "no doc comments": lambda t: transform(t, keep_line=lambda l: not l.strip().startswith("///")),
    "no [GeneratedCode]": lambda t: transform(t, keep_line=lambda l: "CodeDom.Compiler.GeneratedCode" not in l),
    "no [SockOptWrapper]": lambda t: transform(t, keep_line=lambda l: "KernelStructs.SockOptWrapper(" not in l),
    "no attributes": lambda t: transform(t, keep_line=lambda l: not l.strip().startswith("[global::")),
    "no doc comments, no attributes": lambda t: transform(
        t, keep_line=lambda l: not l.strip().startswith("///") and not l.strip().startswith("[global::")),
    "bodies `=> throw null!`": lambda t: transform(t, body=lambda l: re.sub(r"=>.*", "=> throw null!;", l)),
    "no generated Try forms": lambda t: transform(t, keep_member=lambda b: not is_try(b)),
    "no generated throwing forms": lambda t: transform(t, keep_member=is_try),
    "no generated Socket forms": lambda t: transform(t, keep_member=lambda b: not first_parameter(b).startswith("global::System.Net.Sockets.Socket ")),
    "no generated SafeHandle forms": lambda t: transform(t, keep_member=lambda b: "SafeHandle " not in first_parameter(b)),
    "no generated int forms": lambda t: transform(t, keep_member=lambda b: not first_parameter(b).startswith("int ")),
    "declared method only": lambda t: transform(t, keep_member=lambda b: False),
}
FLOOR = "stub bodies, no generated code (floor)"
DOC = "as generated, with /doc"
DOC_STRIPPED = "no doc comments, with /doc"


# ---------------------------------------------------------------------------------------------------------------

def compiler_command(log):
    """The csc command line of the build, without sources, outputs, analyzers and generator options."""
    for line in open(log, encoding="utf-8-sig"):
        if "/noconfig" in line and "Roslyn/bincore/csc" in line:
            args = shlex.split(line.strip())
            break
    else:
        sys.exit(f"no compiler command line in {log}")
    tool, options = args[0], []
    for a in args[1:]:
        if a.endswith(".cs") or a == "/noconfig" or a.startswith(("/out:", "/refout:", "/analyzer", "/generatedfilesout", "/reportanalyzer",
                                                "/errorreport", "/utf8output")):
            continue
        options.append(a)
    return tool, options


def compile_once(tool, options, sources, out, extra=()):
    rsp = out + ".rsp"
    with open(rsp, "w") as f:
        f.write("\n".join(f'"{o}"' if " " in o else o for o in [*options, *extra, f"/out:{out}", *sources]) + "\n")
    started = time.monotonic()
    process = subprocess.Popen([tool, "/noconfig", f"@{rsp}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status != 0 or re.search(r": error ", output):
        sys.stderr.write(output[-4000:])
        sys.exit(f"compile failed: {out}")
    warnings = len(re.findall(r": warning ", output))
    return usage.ru_utime + usage.ru_stime, wall, warnings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--structs", type=int, default=1000)
    parser.add_argument("--sockopts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/tmp/kernelstructs-sockopt-attribution")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--only", help="semicolon-separated variant names to run (default: all)")
    args = parser.parse_args()

    generator_dir, stubs_dir = os.path.join(args.work, "generator"), os.path.join(args.work, "stubs")
    generated = os.path.join(generator_dir, "obj", "generated-files")
    log = os.path.join(generator_dir, "emit.log")
    if not args.reuse:
        bc.run(["dotnet", "build", os.path.join(bc.REPO, "runtime/KernelStructs/KernelStructs.csproj"), "-c", bc.CONFIG, "-nologo", "-v:q"], bc.REPO)
        for name, directory in (("generator", generator_dir), ("stubs", stubs_dir)):
            bc.write_project(directory, args.structs, args.sockopts, stubs=name == "stubs")
            bc.run(["dotnet", "restore", "-nologo", "-v:q"], directory)
        bc.build(generator_dir, log, ["-p:EmitCompilerGeneratedFiles=true", f"-p:CompilerGeneratedFilesOutputPath={generated}"])

    tool, options = compiler_command(log)
    files = [os.path.join(root, n) for root, _, names in os.walk(generated) for n in names]
    sockopt_files = sorted(f for f in files if f.endswith(".SockOpt.g.cs"))
    struct_files = sorted(f for f in files if not f.endswith(".SockOpt.g.cs"))
    def user(directory, prefix):
        return sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.startswith(prefix) and n.endswith(".cs"))

    variants_dir = os.path.join(args.work, "variants")
    structs_dll = os.path.join(args.work, "Structs.dll")
    shutil.rmtree(variants_dir, ignore_errors=True)
    os.makedirs(variants_dir)
    if not (args.reuse and os.path.exists(structs_dll)):
        compile_once(tool, [o for o in options if not o.startswith("/target")] + ["/target:library"],
                     user(generator_dir, "Structs") + struct_files, structs_dll)
    options = options + [f"/reference:{structs_dll}"]

    sources, extra = {}, {}
    texts = {f: open(f, encoding="utf-8-sig").read() for f in sockopt_files}
    for name, change in VARIANTS.items():
        directory = os.path.join(variants_dir, re.sub(r"\W+", "-", name).strip("-"))
        os.makedirs(directory)
        written = []
        for f, text in texts.items():
            path = os.path.join(directory, os.path.basename(f))
            with open(path, "w") as out:
                out.write(change(text))
            written.append(path)
        sources[name] = user(generator_dir, "Options") + written
    sources[FLOOR] = user(stubs_dir, "Options")
    sources[DOC] = sources["as generated"]
    extra[DOC] = [f"/doc:{os.path.join(variants_dir, 'doc.xml')}", "/nowarn:1591"]
    sources[DOC_STRIPPED] = sources["no doc comments"]
    extra[DOC_STRIPPED] = extra[DOC]
    names = list(sources)
    if args.only:
        names = [n for n in names if n in args.only.split(";")] + ["as generated"]
        names = list(dict.fromkeys(names))

    size = {n: sum(os.path.getsize(s) for s in sources[n] if s.endswith(".SockOpt.g.cs")) for n in names}
    cpu, wall, loads, warnings = {n: [] for n in names}, {n: [] for n in names}, [], {}
    print(f"{len(sockopt_files)} wrapper files; uptime before: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    compile_once(tool, options, sources["as generated"], os.path.join(variants_dir, "warm.dll"))  # not counted
    for r in range(args.runs):
        order = names[:]
        random.shuffle(order)
        for n in order:
            c, w, warn = compile_once(tool, options, sources[n], os.path.join(variants_dir, "out.dll"), extra.get(n, ()))
            cpu[n].append(c)
            wall[n].append(w)
            warnings[n] = warn
        load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        loads.append(load.split("load average:")[1].strip())
        print(f"  round {r + 1}: load {loads[-1]}", flush=True)

    base_cpu, base_wall = statistics.median(cpu["as generated"]), statistics.median(wall["as generated"])
    floor_cpu = statistics.median(cpu[FLOOR]) if FLOOR in cpu else None
    print()
    print(f"| socket-option code ({args.sockopts} declarations; median of {args.runs}) | generated MB | csc CPU | Δ vs as generated | "
          f"share of the generated code's CPU | csc wall | warnings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in names:
        c, w = statistics.median(cpu[n]), statistics.median(wall[n])
        share = f"{(base_cpu - c) / (base_cpu - floor_cpu) * 100:.0f} %" if floor_cpu is not None and n != "as generated" and base_cpu != floor_cpu else "–"
        print(f"| {n} | {size[n] / 1e6:.2f} | {c:.2f} s ({min(cpu[n]):.2f}–{max(cpu[n]):.2f}) | {c - base_cpu:+.2f} s | {share} | "
              f"{w:.2f} s | {warnings[n]} |")
    print()
    print(f"load averages after each round: {'; '.join(loads)}")


if __name__ == "__main__":
    main()
