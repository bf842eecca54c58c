#!/usr/bin/env bash
# Two clones of the committed tree at different paths pack the same packages: every DLL in the .nupkg (runtime,
# generator, analyzers, code fixes, header verifier) and in the kernelstructs tool's .nupkg must have the same SHA-256
# in both. Release builds set
# ContinuousIntegrationBuild (Directory.Build.props), so paths are written as /_/..., and the layout manifests
# record sources through that PathMap.
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse HEAD)   # both clones at this commit, whatever is committed meanwhile
work=$(mktemp -d "${TMPDIR:-/tmp}/kernelstructs-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
a="$work/a"
b="$work/a-second-clone/at/a/deeper/path"
for clone in "$a" "$b"; do
    git clone -q "$repo" "$clone"
    git -C "$clone" checkout -q --detach "$commit"
    echo "packing $commit in $clone" >&2
    dotnet pack "$clone/runtime/KernelStructs" -c Release --nologo -v quiet -o "$clone/out" >&2
    dotnet pack "$clone/tools/KernelStructs.Scaffold" -c Release --nologo -v quiet -o "$clone/out" >&2
    mkdir -p "$clone/unpacked/tool" && (cd "$clone/unpacked" && unzip -q "$clone"/out/KernelStructs.[0-9]*[0-9].nupkg)
    (cd "$clone/unpacked/tool" && unzip -q "$clone"/out/KernelStructs.Tool.*[0-9].nupkg)
done
status=0
while read -r dll; do
    ha=$(sha256sum "$a/unpacked/$dll" | cut -d' ' -f1)
    hb=$(sha256sum "$b/unpacked/$dll" | cut -d' ' -f1)
    if [ "$ha" = "$hb" ]; then echo "same      $ha  $dll"; else echo "DIFFERENT $ha $hb  $dll"; status=1; fi
done < <(cd "$a/unpacked" && find . -name '*.dll' | sort)
exit $status
