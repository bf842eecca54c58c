#!/usr/bin/env python3
"""What the KernelStructs analyzers add to a cold compile: the compiler process's CPU with and without them.

Roslyn's analyzer report (-p:ReportAnalyzer=true) times each analyzer's actions, including the compiler's own lazy work
(binding, the declaration table) that an analyzer happens to ask for first, and the JIT of whatever code runs first.
This compiles the generator variant that build_cost.py wrote and built with the compiler's own command line (from the
build's log) in a fresh csc process, alternately:

  none       the KernelStructs generator, no KernelStructs analyzers (the SDK's own analyzers stay);
  NAME=DIR   the same with the analyzers assembly in DIR (KernelStructs.Analyzers.dll, beside the
             KernelStructs.Generator.dll it was built with); give several to compare builds of it in one run;
  NAME=package:DIR  the generator and the analyzers both loaded from DIR, as from the package's analyzers/dotnet/cs
             (the compiler loads the assemblies of one directory into one load context, so the analyzers then run
             the generator's loaded and jitted code instead of their own copy of it);
  NAME=generator:DIR  the generator from DIR and no KernelStructs analyzers (a `none` for another build).

The table gives the median CPU time (user + system) and wall time of csc's process, and the difference to the first
variant (`none`, or the first NAME=generator:DIR given): what the analyzers cost the compile, whatever the report
charges them with.

  python3 bench/BuildCost/build_cost.py --runs 1 --work /tmp/bc-work
  python3 bench/BuildCost/analyzer_cpu.py --work /tmp/bc-work [--runs 7] [NAME=DIR ...]

With no NAME=DIR, the analyzers the build used are compared against none. A DIR holds KernelStructs.Analyzers.dll and
the KernelStructs.Generator.dll it was built with.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attribute_struct_cost  # noqa: E402
from attribute_struct_cost import csc_command  # noqa: E402

ANALYZERS = "KernelStructs.Analyzers.dll"
GENERATOR = "KernelStructs.Generator.dll"


def prepare(work, name, analyzers_dir, base, out):
    """An rsp for one variant: the build's arguments (paths relative to the project), its KernelStructs analyzers replaced by those in analyzers_dir (or none)."""
    package = analyzers_dir is not None and analyzers_dir.startswith(("package:", "generator:"))
    if package:
        generator_only = analyzers_dir.startswith("generator:")
        analyzers_dir = analyzers_dir.split(":", 1)[1]
        generator_dir = analyzers_dir
        if generator_only:
            analyzers_dir = None
    else:
        generator_dir = None
    directory = os.path.join(out, name)
    os.makedirs(directory, exist_ok=True)
    args, host_options = [], []
    for a in base:
        if a == "/noconfig":
            host_options.append(a)
            continue
        if a.startswith(("/errorlog:", "/reportanalyzer", "/out:", "/refout:", "/doc:", "/pdb:", "/generatedfilesout:")):
            continue
        if a.startswith("/analyzer:") and a.endswith(ANALYZERS):
            if analyzers_dir is not None:
                args.append("/analyzer:" + os.path.join(analyzers_dir, ANALYZERS))
            continue
        if a.startswith("/analyzer:") and a.endswith(GENERATOR) and generator_dir is not None:
            args.append("/analyzer:" + os.path.join(generator_dir, GENERATOR))
            continue
        args.append(a)
    args += [f"/out:{os.path.join(directory, 'Bench.dll')}", f"/pdb:{os.path.join(directory, 'Bench.pdb')}"]
    rsp = os.path.join(directory, "csc.rsp")
    with open(rsp, "w") as f:
        f.write("\n".join(shlex.quote(a) if " " in a else a for a in args) + "\n")
    return rsp, host_options


def compile_once(host, rsp, host_options, project, check):
    return attribute_struct_cost.compile_once(host, (rsp, None, host_options), check, cwd=project)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True, help="build_cost.py's work directory (its generator variant built)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("variants", nargs="*", help="NAME=DIR or NAME=package:DIR: a directory with KernelStructs.Analyzers.dll to compare")
    args = parser.parse_args()

    logs = [os.path.join(args.work, "generator", "emit.log"), os.path.join(args.work, "generator-0.log")]
    log = next((path for path in logs if os.path.exists(path)), None)
    if log is None:
        sys.exit(f"no build log of the generator variant in {args.work}: run build_cost.py --work {args.work} first")
    command = csc_command(log)
    tool = next(i for i, a in enumerate(command) if a.endswith(("/csc", "csc.dll")))
    host, base = command[:tool + 1], command[tool + 1:]
    built = next((a[len("/analyzer:"):] for a in base if a.startswith("/analyzer:") and a.endswith(ANALYZERS)), None)
    if built is None:
        sys.exit(f"the build in {log} has no {ANALYZERS}")

    variants = [("none", None)] if not any(v.split("=", 1)[1].startswith("generator:") for v in args.variants) else []
    variants += [tuple(v.split("=", 1)) for v in args.variants] if args.variants else [("analyzers", os.path.dirname(built))]
    out = os.path.join(args.work, "analyzer-cpu")
    prepared = {name: prepare(args.work, name, d, base, out) for name, d in variants}

    print(f"uptime before: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    results = {name: [] for name in prepared}
    for r in range(args.runs):
        for name, (rsp, host_options) in prepared.items():
            results[name].append(compile_once(host, rsp, host_options, os.path.join(args.work, "generator"), check=r == 0))
        print(f"  run {r + 1}: " + ", ".join(f"{n} {results[n][-1][1]:.2f}" for n in prepared), flush=True)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    print()
    print(f"| csc, fresh process (median of {args.runs}) | CPU | range | against the first | wall |")
    print("| --- | ---: | ---: | ---: | ---: |")
    floor = statistics.median(c for _, c in results[next(iter(prepared))])
    for name in prepared:
        cpus = [c for _, c in results[name]]
        cpu = statistics.median(cpus)
        added = "–" if name == next(iter(prepared)) else f"{cpu - floor:+.2f} s"
        print(f"| {name} | {cpu:.2f} s | {min(cpus):.2f}–{max(cpus):.2f} | {added} | {statistics.median(w for w, _ in results[name]):.2f} s |")
    print()
    print(f"uptime after: {load}")


if __name__ == "__main__":
    main()
