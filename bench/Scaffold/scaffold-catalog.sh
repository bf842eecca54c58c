#!/usr/bin/env bash
# Scaffolds the whole shipped catalog from the lists bench/Scaffold/catalog-lists.sh wrote into DIR.
# Usage: bench/Scaffold/scaffold-catalog.sh btf|headers|abis DIR [kernelstructs]
#   btf      one `kernelstructs btf` call: every catalog type this machine's BTF has
#   headers  two `kernelstructs headers` calls (x86_64, gcc): every catalog type a uapi header declares
#   abis     the same two calls with --abis x86_64,aarch64,arm,s390x
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=$1 dir=$2
tool=${3:-$root/tools/KernelStructs.Scaffold/bin/Release/net8.0/KernelStructs.Scaffold}
headers() { # LIST INCLUDES OUTPUT [options]
    local -a types includes=()
    mapfile -t types < "$dir/$1"
    while IFS= read -r header; do includes+=(--include "$header"); done < "$dir/$2"
    "$tool" headers "${types[@]}" "${includes[@]}" -o "$dir/$3" "${@:4}"
}
case $mode in
    btf) mapfile -t types < "$dir/btf.txt"; "$tool" btf "${types[@]}" -o "$dir/btf.cs" ;;
    headers) headers headers.txt includes.txt headers.cs; headers headers-2.txt includes-2.txt headers-2.cs ;;
    abis) for n in "" -2; do headers "headers$n.txt" "includes$n.txt" "abis$n.cs" --abis x86_64,aarch64,arm,s390x; done ;;
    *) echo "usage: $0 btf|headers|abis DIR [kernelstructs]" >&2; exit 2 ;;
esac
