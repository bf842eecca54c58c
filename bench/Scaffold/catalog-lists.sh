#!/usr/bin/env bash
# Writes the argument lists for scaffolding the whole shipped catalog (bench/Scaffold/scaffold-catalog.sh) into DIR:
# the named mirrors' C types and headers, read from the layout manifests the generator compiles into KernelStructs.dll.
#   btf.txt         the C types this machine's BTF has (each is tried with the tool once)
#   headers.txt     the C types declared in a uapi header (linux/...), and includes.txt their headers, in one probe
#   headers-2.txt   the same for the headers that cannot share that probe: ip6t_hl.h/ip6t_HL.h and ipt_ttl.h/ipt_TTL.h
#                   have one include guard each, so only the first included of each pair is read
# Usage: bench/Scaffold/catalog-lists.sh DIR [KernelStructs.dll] [kernelstructs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1
dll=${2:-$root/runtime/KernelStructs/bin/Release/net8.0/KernelStructs.dll}
tool=${3:-$root/tools/KernelStructs.Scaffold/bin/Release/net8.0/KernelStructs.Scaffold}
mkdir -p "$dir"
strings -n 20 "$dll" | grep '{"version":2,' | python3 -c '
import json, sys
out = sys.argv[1]
manifests = [json.loads(line[line.index("{\"version\""):]) for line in sys.stdin]
named = [m for m in manifests if not m.get("unnamed")]
apart = ("linux/netfilter_ipv6/ip6t_hl.h", "linux/netfilter_ipv4/ipt_ttl.h")
uapi = [m for m in named if (m.get("header") or "").startswith("linux/") and not m.get("internal")]
def write(name, lines): open(f"{out}/{name}", "w").write("".join(l + "\n" for l in lines))
def includes(ms): return list(dict.fromkeys(h for m in ms for h in m.get("includes", []) + [m["header"]]))
write("all.txt", [m["cType"] for m in named])
for suffix, ms in (("", [m for m in uapi if m["header"] not in apart]), ("-2", [m for m in uapi if m["header"] in apart])):
    write(f"headers{suffix}.txt", [m["cType"] for m in ms])
    write(f"includes{suffix}.txt", includes(ms))
' "$dir"
while IFS= read -r type; do
    if "$tool" btf "$type" >/dev/null 2>&1; then echo "$type"; fi
done < "$dir/all.txt" > "$dir/btf.txt"
wc -l "$dir"/btf.txt "$dir"/headers.txt "$dir"/headers-2.txt
