#!/usr/bin/env python3
"""What a mirror's views and copies cost the compiler, member by member and body by body, on synthetic structs.

Writes N structs shaped like the mirrors (an integer, two byte-order integers, a `fixed` byte buffer, a nested struct;
`SizeOf`, `Layout`, `IKernelStruct`), each with one set of the six members the generator writes for views and copies
(`FromSpan`, `FromReadOnlySpan`, `Read`, `WriteTo`, `AsBytes`, `AsReadOnlyBytes`) in one of several variants, and
compiles each variant with the SDK's csc as plain source (the build-cost project's own compiler arguments and
references, from build_cost.py's work directory, no generator and no analyzers), alternating the variants. The bodies
call helpers of a small assembly compiled once beside (the runtime's `StructBytes` under other constraints and
signatures), referenced as metadata as the runtime is. The variant `none` has no view members: the difference to it,
divided by N, is what a variant costs a mirror.

  python3 bench/BuildCost/build_cost.py --runs 1 --work /tmp/bc-work      # for the compiler's arguments
  python3 bench/BuildCost/view_member_cost.py --work /tmp/bc-work [--structs 1000] [--runs 3] [--only main,throw,...]
                                             [--workstation-gc] [--no-tiering]

With csc's own settings (server GC, tiered compilation) the same compile's CPU time moves a lot with the machine's
load; --workstation-gc --no-tiering measure the compiler's own work, which is what a change to the source can change.
"""
import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attribute_struct_cost import csc_command  # noqa: E402

HELPERS = r"""
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KernelStructs;

namespace Exp;

// The runtime's StructBytes, copied, under each constraint.
public static class Struct
{
    public static ref T View<T>(Span<byte> bytes, int sizeOf, string cName) where T : struct { Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.AsRef<T>(bytes); }
    public static ref readonly T ReadOnlyView<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) where T : struct { Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.AsRef<T>(bytes); }
    public static T Read<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) where T : struct { Check(bytes.Length, sizeOf, cName); return MemoryMarshal.AsRef<T>(bytes); }
    public static void Write<T>(in T value, Span<byte> destination, int sizeOf, string cName) where T : struct { Check(destination.Length, sizeOf, cName); MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1)).CopyTo(destination); }
    public static Span<byte> Of<T>(ref T value) where T : struct => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));
    public static ReadOnlySpan<byte> OfReadOnly<T>(in T value) where T : struct => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1));
    public static void Check(int actual, int required, string cName) { if (actual < required) throw new ArgumentException(cName); }
}

public static class Unmanaged
{
    public static ref T View<T>(Span<byte> bytes, int sizeOf, string cName) where T : unmanaged { Struct.Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.AsRef<T>(bytes); }
    public static ref readonly T ReadOnlyView<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) where T : unmanaged { Struct.Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.AsRef<T>(bytes); }
    public static T Read<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) where T : unmanaged { Struct.Check(bytes.Length, sizeOf, cName); return MemoryMarshal.AsRef<T>(bytes); }
    public static void Write<T>(in T value, Span<byte> destination, int sizeOf, string cName) where T : unmanaged { Struct.Check(destination.Length, sizeOf, cName); MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1)).CopyTo(destination); }
    public static Span<byte> Of<T>(ref T value) where T : unmanaged => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));
    public static ReadOnlySpan<byte> OfReadOnly<T>(in T value) where T : unmanaged => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1));
}

public static class Unconstrained
{
    public static ref T View<T>(Span<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return ref Unsafe.As<byte, T>(ref MemoryMarshal.GetReference(bytes)); }
    public static ref readonly T ReadOnlyView<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return ref Unsafe.As<byte, T>(ref MemoryMarshal.GetReference(bytes)); }
    public static T Read<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(bytes)); }
    public static void Write<T>(in T value, Span<byte> destination, int sizeOf, string cName) { Struct.Check(destination.Length, sizeOf, cName); Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(destination), value); }
    public static Span<byte> Of<T>(ref T value) => MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref value), Unsafe.SizeOf<T>());
    public static ReadOnlySpan<byte> OfReadOnly<T>(in T value) => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in value)), Unsafe.SizeOf<T>());
}

public static class Kernel
{
    public static ref T View<T>(Span<byte> bytes, int sizeOf, string cName) where T : struct, IKernelStruct { Struct.Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.AsRef<T>(bytes); }
    public static ref readonly T ReadOnlyView<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) where T : struct, IKernelStruct { Struct.Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.AsRef<T>(bytes); }
    public static T Read<T>(ReadOnlySpan<byte> bytes, int sizeOf, string cName) where T : struct, IKernelStruct { Struct.Check(bytes.Length, sizeOf, cName); return MemoryMarshal.AsRef<T>(bytes); }
    public static void Write<T>(in T value, Span<byte> destination, int sizeOf, string cName) where T : struct, IKernelStruct { Struct.Check(destination.Length, sizeOf, cName); MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1)).CopyTo(destination); }
    public static Span<byte> Of<T>(ref T value) where T : struct, IKernelStruct => MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref value, 1));
    public static ReadOnlySpan<byte> OfReadOnly<T>(in T value) where T : struct, IKernelStruct => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in value, 1));
}

// Non-generic: the check returns the bytes' first reference; the body casts it.
public static class Plain
{
    public static ref byte Checked(Span<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.GetReference(bytes); }
    public static ref readonly byte Checked(ReadOnlySpan<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return ref MemoryMarshal.GetReference(bytes); }
    public static Span<byte> CheckedSpan(Span<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return bytes; }
    public static ReadOnlySpan<byte> CheckedSpan(ReadOnlySpan<byte> bytes, int sizeOf, string cName) { Struct.Check(bytes.Length, sizeOf, cName); return bytes; }
    public static void Check(int actual, int required, string cName) => Struct.Check(actual, required, cName);
}
"""

SELF = "V{i:04}"
FIELDS = """    public ushort family;
    public global::KernelStructs.Be16 port;
    public global::KernelStructs.Be32 addr;
    public unsafe fixed byte __pad[8];
    public Inner{i:04} inner;
    public const int SizeOf = 32;
    public static global::KernelStructs.KernelStructLayout Layout => null!;
"""
SPAN = "global::System.Span<byte>"
RO = "global::System.ReadOnlySpan<byte>"
UNSCOPED = "[global::System.Diagnostics.CodeAnalysis.UnscopedRef] "


def six(helper="global::Exp.Struct", name='"struct v"', size="SizeOf", explicit_write=False):
    h = helper
    write = f"{h}.Write<{SELF}>" if explicit_write else f"{h}.Write"
    return {
        "FromSpan": f"public static ref {SELF} FromSpan({SPAN} bytes) => ref {h}.View<{SELF}>(bytes, {size}, {name});",
        "FromReadOnlySpan": f"public static ref readonly {SELF} FromReadOnlySpan({RO} bytes) => ref {h}.ReadOnlyView<{SELF}>(bytes, {size}, {name});",
        "Read": f"public static {SELF} Read({RO} bytes) => {h}.Read<{SELF}>(bytes, {size}, {name});",
        "WriteTo": f"public readonly void WriteTo({SPAN} destination) => {write}(in this, destination, {size}, {name});",
        "AsBytes": f"{UNSCOPED}public {SPAN} AsBytes() => {h}.Of(ref this);",
        "AsReadOnlyBytes": f"{UNSCOPED}public readonly {RO} AsReadOnlyBytes() => {h}.OfReadOnly(in this);",
    }


MAIN = six()
THROW = {k: re.sub(r"=> .*;$", "=> throw null!;", v) for k, v in MAIN.items()}
NO_UNSCOPED_THROW = {k: v.replace(UNSCOPED, "") for k, v in THROW.items()}
PLAIN = {
    "FromSpan": f"public static ref {SELF} FromSpan({SPAN} bytes) => ref global::System.Runtime.CompilerServices.Unsafe.As<byte, {SELF}>(ref global::Exp.Plain.Checked(bytes, SizeOf, \"struct v\"));",
    "FromReadOnlySpan": f"public static ref readonly {SELF} FromReadOnlySpan({RO} bytes) => ref global::System.Runtime.CompilerServices.Unsafe.As<byte, {SELF}>(ref global::System.Runtime.CompilerServices.Unsafe.AsRef(in global::Exp.Plain.Checked(bytes, SizeOf, \"struct v\")));",
    "Read": f"public static {SELF} Read({RO} bytes) => global::System.Runtime.CompilerServices.Unsafe.ReadUnaligned<{SELF}>(in global::Exp.Plain.Checked(bytes, SizeOf, \"struct v\"));",
    "WriteTo": f"public readonly void WriteTo({SPAN} destination) => global::System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ref global::Exp.Plain.Checked(destination, SizeOf, \"struct v\"), this);",
    "AsBytes": MAIN["AsBytes"],
    "AsReadOnlyBytes": MAIN["AsReadOnlyBytes"],
}
MEMORY_MARSHAL = {
    "FromSpan": f"public static ref {SELF} FromSpan({SPAN} bytes) => ref global::System.Runtime.InteropServices.MemoryMarshal.AsRef<{SELF}>(global::Exp.Plain.CheckedSpan(bytes, SizeOf, \"struct v\"));",
    "FromReadOnlySpan": f"public static ref readonly {SELF} FromReadOnlySpan({RO} bytes) => ref global::System.Runtime.InteropServices.MemoryMarshal.AsRef<{SELF}>(global::Exp.Plain.CheckedSpan(bytes, SizeOf, \"struct v\"));",
    "Read": f"public static {SELF} Read({RO} bytes) => global::System.Runtime.InteropServices.MemoryMarshal.Read<{SELF}>(global::Exp.Plain.CheckedSpan(bytes, SizeOf, \"struct v\"));",
    "WriteTo": f"public readonly void WriteTo({SPAN} destination) => global::System.Runtime.InteropServices.MemoryMarshal.Write(global::Exp.Plain.CheckedSpan(destination, SizeOf, \"struct v\"), in this);",
    "AsBytes": MAIN["AsBytes"],
    "AsReadOnlyBytes": MAIN["AsReadOnlyBytes"],
}
BLOCK_STRUCT = {  # non-generic check as a statement, then the runtime's generic body inline
    "FromSpan": f"public static ref {SELF} FromSpan({SPAN} bytes) {{ global::Exp.Plain.Check(bytes.Length, SizeOf, \"struct v\"); return ref global::System.Runtime.InteropServices.MemoryMarshal.AsRef<{SELF}>(bytes); }}",
}


def only(members, *names):
    return {k: v for k, v in members.items() if k in names}


VARIANTS = {
    "none": ("no view members", {}),
    "main": ("the six as generated (`StructBytes`-like helper, `where T : struct`)", MAIN),
    "throw": ("the six with `=> throw null!` bodies", THROW),
    "throw-no-unscoped": ("the six with `=> throw null!` bodies, no `[UnscopedRef]`", NO_UNSCOPED_THROW),
    "FromSpan": ("`FromSpan` alone", only(MAIN, "FromSpan")),
    "FromReadOnlySpan": ("`FromReadOnlySpan` alone", only(MAIN, "FromReadOnlySpan")),
    "Read": ("`Read` alone", only(MAIN, "Read")),
    "WriteTo": ("`WriteTo` alone", only(MAIN, "WriteTo")),
    "AsBytes": ("`AsBytes` alone", only(MAIN, "AsBytes")),
    "AsReadOnlyBytes": ("`AsReadOnlyBytes` alone", only(MAIN, "AsReadOnlyBytes")),
    "unmanaged": ("the six, helper `where T : unmanaged`", six("global::Exp.Unmanaged")),
    "unconstrained": ("the six, helper without a constraint (`Unsafe`)", six("global::Exp.Unconstrained")),
    "ikernelstruct": ("the six, helper `where T : struct, IKernelStruct`", six("global::Exp.Kernel")),
    "explicit-write": ("the six, `Write<T>` with its type argument", six(explicit_write=True)),
    "const-name": ("the six, a `const string CName` instead of the literal", six(name="CName")),
    "literal-size": ("the six, the size as a literal instead of `SizeOf`", six(size="32")),
    "plain-unsafe": ("the four static ones as a non-generic check and `Unsafe.As`/`ReadUnaligned`/`WriteUnaligned`", PLAIN),
    "nullable-disable": ("the six as generated, between `#nullable disable` and `#nullable restore`", MAIN),
    "nullable-disable-unconstrained": ("the six between `#nullable disable` and `#nullable restore`, helper without a constraint", six("global::Exp.Unconstrained")),
    "nullable-disable-warnings": ("the six as generated, between `#nullable disable warnings` and `#nullable restore warnings`", MAIN),
    "plain-memorymarshal": ("the four static ones as a non-generic check and `MemoryMarshal.AsRef`/`Read`/`Write`", MEMORY_MARSHAL),
}


def source(variant, n):
    members = VARIANTS[variant][1]
    out = ["// <auto-generated/>", "#nullable enable", "namespace Synthetic;", ""]
    for i in range(n):
        out.append(f"public struct Inner{i:04} {{ public uint a; public global::KernelStructs.Be16 b; public ushort c; }}")
        out.append(f"public partial struct V{i:04} : global::KernelStructs.IKernelStruct")
        out.append("{")
        out.append(FIELDS.format(i=i).rstrip("\n"))
        if variant == "const-name":
            out.append('    public const string CName = "struct v";')
        if variant.startswith("nullable-disable"):
            out.append("#nullable disable" + (" warnings" if variant.endswith("warnings") else ""))
        for text in members.values():
            out.append("    " + text.format(i=i).replace(SELF, f"V{i:04}"))
        if variant.startswith("nullable-disable"):
            out.append("#nullable restore" + (" warnings" if variant.endswith("warnings") else ""))
        out.append("}")
        out.append("")
    return "\n".join(out)


def base_arguments(work):
    log = os.path.join(work, "generator", "emit.log")
    command = csc_command(log if os.path.exists(log) else os.path.join(work, "stubs-0.log"))
    tool = next(i for i, a in enumerate(command) if a.endswith(("/csc", "csc.dll")))
    host, args = command[:tool + 1], []
    for a in command[tool + 1:]:
        if a.startswith(("/analyzer:", "/analyzerconfig:", "/generatedfilesout:", "/errorlog:", "/reportanalyzer", "/out:",
                         "/refout:", "/doc:", "/pdb:", "/noconfig")) or (a.endswith(".cs") and not a.startswith("/")):
            continue
        args.append(a)
    return host, args


ENVIRONMENT = dict(os.environ)


def run(host, args, check=True):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(host + ["/noconfig"] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENVIRONMENT)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0 or (check and re.search(r"(error|warning) CS\d+", result.stdout)):
        sys.stderr.write(result.stdout[-4000:])
        sys.exit(f"compile failed or warned: {args[-1]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/kernelstructs-build-cost", help="build_cost.py's work directory")
    parser.add_argument("--out", default=None, help="where to write the variants (default: WORK/view-members)")
    parser.add_argument("--structs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="comma-separated variant names (none is always included)")
    parser.add_argument("--workstation-gc", action="store_true",
                        help="run csc with the workstation, non-concurrent GC (DOTNET_gcServer=0, DOTNET_gcConcurrent=0): "
                             "server GC threads spin while they wait for each other, which on a busy machine moves the CPU time a lot")
    parser.add_argument("--no-tiering", action="store_true",
                        help="run csc without tiered compilation (DOTNET_TieredCompilation=0): when csc's own methods reach "
                             "their optimized code depends on timers, so on a busy machine on the load")
    args = parser.parse_args()
    if args.workstation_gc:
        ENVIRONMENT.update(DOTNET_gcServer="0", DOTNET_gcConcurrent="0")
    if args.no_tiering:
        ENVIRONMENT.update(DOTNET_TieredCompilation="0")

    host, base = base_arguments(args.work)
    out = args.out or os.path.join(args.work, "view-members")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    helpers = os.path.join(out, "Exp.dll")
    with open(os.path.join(out, "Exp.cs"), "w") as f:
        f.write(HELPERS)
    run(host, [a for a in base if a not in ("/unsafe+",)] + ["/target:library", f"/out:{helpers}", os.path.join(out, "Exp.cs")])

    names = ["none"] + [n for n in (args.only.split(",") if args.only else VARIANTS) if n != "none"]
    commands = {}
    for n in names:
        directory = os.path.join(out, n)
        os.makedirs(directory)
        path = os.path.join(directory, "Structs.cs")
        with open(path, "w") as f:
            f.write(source(n, args.structs))
        commands[n] = base + [f"/reference:{helpers}", f"/out:{os.path.join(directory, 'Bench.dll')}", path]
        with open(os.path.join(directory, "csc.rsp"), "w") as f:  # for a profile: csc /noconfig @csc.rsp
            f.write("\n".join(f'"{a}"' if " " in a else a for a in commands[n]) + "\n")

    print(f"{args.structs} structs; uptime before: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    cpus = {n: [] for n in names}
    for r in range(args.runs):
        for n in names:
            cpus[n].append(run(host, commands[n], check=r == 0)[1])
        print(f"  run {r + 1}: " + ", ".join(f"{n} {cpus[n][-1]:.2f}" for n in names), flush=True)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    none = statistics.median(cpus["none"])
    print()
    print(f"| variant ({args.structs} structs, median of {args.runs}) | csc CPU | over `none` | per struct |")
    print("| --- | ---: | ---: | ---: |")
    for n in names:
        c = statistics.median(cpus[n])
        print(f"| `{n}`: {VARIANTS[n][0]} | {c:.2f} s | {c - none:+.2f} s | {(c - none) / args.structs * 1000:+.2f} ms |")
    print()
    print(f"uptime after: {load}")


if __name__ == "__main__":
    main()
