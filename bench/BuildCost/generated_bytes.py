#!/usr/bin/env python3
"""Where the generated source's bytes go: the KernelStructs generator's output, by kind of emitted member.

Reads the generated files of a build (the build-cost project's `obj/generated-files`, which `build_cost.py` writes with
EmitCompilerGeneratedFiles, or any directory of `*.g.cs`) and charges every line to one kind of member: a member's doc
comment and attributes go with it. Prints MB and share by kind, with the doc comments' part of each kind.

  python3 bench/BuildCost/generated_bytes.py DIR [--against OTHER_DIR]

With --against, prints both directories' figures side by side (OTHER_DIR first, e.g. main's build).
"""
import argparse
import os
import re
import sys

# The kinds, in the order of the table. The first matching pattern on a member's first line names its kind.
STRUCT_MEMBERS = [
    ("sizes", re.compile(r"\b(SizeOf|AlignOf)\b\s*(=|=>)")),
    ("offsets", re.compile(r"\bstatic class Offsets\b")),
    ("views and copies", re.compile(r"\b(FromSpan|FromReadOnlySpan|Read|WriteTo|AsBytes|AsReadOnlyBytes)\(")),
    ("flexible array", re.compile(r"\bSizeFor\(|StructBytes\.(Elements|ReadOnlyElements)<|\(global::System\.(ReadOnly)?Span<byte> buffer\)")),
    ("C strings", re.compile(r"\bstring \w+\(\) => global::KernelStructs\.StructHelpers\.ReadCString|ReadOnlySpan<char> value\)|\bStructStrings\.")),
    ("Layout", re.compile(r"\bKernelStructLayout Layout\b")),
    ("ToString", re.compile(r"\bstring ToString\(\)")),
    ("anonymous member references", re.compile(r"=> ref this\.")),
    ("bitfields", re.compile(r"^\s*(public|internal|private)( readonly)? (byte|sbyte|ushort|short|uint|int|ulong|long) \w+$|StructBits\.")),
]
KINDS = ["file header and braces", "registration", "type doc and layout picture"] + [k for k, _ in STRUCT_MEMBERS] + [
    "other struct members", "socket options: comment", "socket options: [SockOptWrapper]",
    "socket options: signatures", "socket options: bodies", "socket options: doc comments", "other"]


def classify_struct_file(lines, add):
    type_line = max((i for i, l in enumerate(lines) if re.match(r"^\s*(readonly )?(unsafe )?partial (record )?struct ", l)), default=None)
    if type_line is None:
        for line in lines:
            add("other", line, False)
        return
    member_indent = len(lines[type_line]) - len(lines[type_line].lstrip()) + 4
    pending = []
    current = "other struct members"
    for i, line in enumerate(lines):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if i < type_line:
            if "KernelStructRegistration<" in line:
                add("registration", line, False)
            elif stripped.startswith("///"):
                add("type doc and layout picture", line, True)
            else:
                add("file header and braces", line, False)
            continue
        if i == type_line or not stripped:
            add("file header and braces", line, False)
            continue
        if indent < member_indent:
            for doc in pending:
                add(current, doc, doc.strip().startswith("///"))
            pending = []
            add("file header and braces", line, False)
            current = "other struct members"
            continue
        if indent == member_indent and (stripped.startswith("///") or stripped.startswith("[")):
            pending.append(line)
            continue
        if indent == member_indent and stripped not in ("{", "}"):
            current = next((kind for kind, pattern in STRUCT_MEMBERS if pattern.search(stripped)), None)
            if current is None:
                # A property whose accessors follow on the next lines: a bitfield if they call StructBits.
                following = " ".join(lines[i + 1:i + 4])
                current = "bitfields" if "StructBits." in following else "other struct members"
            for doc in pending:
                add(current, doc, doc.strip().startswith("///"))
            pending = []
        add(current, line, stripped.startswith("///"))


def classify_sockopt_file(lines, add):
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("///"):
            add("socket options: doc comments", line, True)
        elif stripped.startswith("//") and not stripped.startswith("// <auto"):
            add("socket options: comment", line, False)
        elif stripped.startswith("[global::KernelStructs.SockOptWrapper"):
            add("socket options: [SockOptWrapper]", line, False)
        elif stripped.startswith("=>"):
            add("socket options: bodies", line, False)
        elif re.match(r"^(public|internal|private|protected)\b.*\(", stripped):
            add("socket options: signatures", line, False)
        else:
            add("file header and braces", line, False)


def measure(directory):
    totals = {kind: [0, 0] for kind in KINDS}  # kind -> [bytes, doc-comment bytes]
    files = 0

    def add(kind, line, doc):
        size = len((line + "\n").encode("utf-8"))
        totals[kind][0] += size
        if doc:
            totals[kind][1] += size

    for root, _, names in os.walk(directory):
        for name in sorted(names):
            if not name.endswith(".cs"):
                continue
            files += 1
            with open(os.path.join(root, name), encoding="utf-8-sig") as f:
                lines = f.read().split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            if name.endswith(".SockOpt.g.cs"):
                classify_sockopt_file(lines, add)
            elif name == "KernelStructs.Registrations.g.cs":
                for line in lines:
                    add("registration" if "KernelStructRegistration<" in line else "file header and braces", line, False)
            elif name.endswith(".KernelStruct.g.cs"):
                classify_struct_file(lines, add)
            else:
                for line in lines:
                    add("other", line, line.strip().startswith("///"))
    return totals, files


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--against", help="a second directory of generated files, shown first (the baseline)")
    args = parser.parse_args()
    columns = [(args.against, measure(args.against))] if args.against else []
    columns.append((args.directory, measure(args.directory)))
    for path, (totals, files) in columns:
        if files == 0:
            sys.exit(f"no generated .cs files under {path}")
        print(f"{path}: {files} files, {sum(t[0] for t in totals.values()) / 1e6:.2f} MB")
    print()
    header = "| kind |" + "".join(" MB | share | of it doc comments |" for _ in columns)
    print(header)
    print("| --- |" + " ---: | ---: | ---: |" * len(columns))
    grand = [sum(t[0] for t in totals.values()) for _, (totals, _) in columns]
    for kind in KINDS:
        if all(totals[kind][0] == 0 for _, (totals, _) in columns):
            continue
        row = f"| {kind} |"
        for (_, (totals, _)), whole in zip(columns, grand):
            size, doc = totals[kind]
            row += f" {size / 1e6:.2f} | {100 * size / whole:.1f} % | {doc / 1e6:.2f} |"
        print(row)
    row = "| **total** |"
    for (_, (totals, _)), whole in zip(columns, grand):
        row += f" **{whole / 1e6:.2f}** | 100 % | {sum(t[1] for t in totals.values()) / 1e6:.2f} |"
    print(row)


if __name__ == "__main__":
    main()
