#!/usr/bin/env bash
# What KernelStructs is for, in one run: packs the NuGet package, builds samples/PackageDemo against it as a user's
# project would, runs it (a mirror with its pahole picture checked against the C header, %pI4 addresses, typed socket
# options, a typed netfilter call in a private network namespace when run as root), and shows the analyzers rejecting
# a GET command sent to setsockopt.
set -euo pipefail
cd "$(dirname "$0")/.."

# The demo verifies its mirrors against the C headers when it builds, with the system C compiler.
verify=true
if ! command -v cc >/dev/null && ! command -v gcc >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends gcc libc6-dev linux-libc-dev </dev/null
    else
        echo "No C compiler (apt-get install gcc): building the demo without header verification." >&2
        verify=false
    fi
fi

start=$SECONDS
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cached() { { ls "$cache/kernelstructs" 2>/dev/null || true; } | wc -l; }   # none yet on a fresh machine
cached_before=$(cached)
step() { printf '\n== %s  (%ds)\n' "$*" $((SECONDS - start)); }

version=$(dotnet msbuild runtime/KernelStructs -getProperty:Version -nologo)
feed=artifacts/packages
packages=artifacts/demo-packages   # PackageDemo's own packages folder (PackageDemo.csproj): not the NuGet cache

step "1/4 Packing KernelStructs $version into $feed (runtime, generator, analyzers, header verifier; Release)"
dotnet pack runtime/KernelStructs -c Release --nologo -v minimal -p:Version="$version" -o "$feed" 2>&1 | sed 's/^/   /'

step "2/4 Building samples/PackageDemo against the package"
# The freshly packed package replaces the previous run's in the demo's packages folder, under the same version.
rm -rf "$packages/kernelstructs/$version"
dotnet build samples/PackageDemo -c Release --nologo -v minimal -p:KernelStructsVersion="$version" -p:KernelStructsVerifyHeaders="$verify" 2>&1 | sed 's/^/   /'

step "3/4 Running it"
dotnet run --project samples/PackageDemo -c Release --no-build -p:KernelStructsVersion="$version" -p:KernelStructsVerifyHeaders="$verify"

step "4/4 The analyzers at compile time: samples/PackageDemo/Misuse.cs sends IPT_SO_GET_INFO to setsockopt"
set +e
misuse=$(dotnet build samples/PackageDemo -c Release --nologo -v quiet -p:KernelStructsVersion="$version" -p:KernelStructsVerifyHeaders="$verify" -p:ShowMisuse=true \
    -p:OutputPath="$PWD/artifacts/demo-misuse/" -p:IntermediateOutputPath="$PWD/artifacts/demo-misuse/obj/" 2>&1)
status=$?
set -e
ks2001=$(printf '%s\n' "$misuse" | grep -m1 -o 'error KS2001:.*' | sed 's/ \[.*\]$//' || true)
if [ "$status" -ne 0 ] && [ -n "$ks2001" ]; then
    echo "   the build fails, as it should:"
    echo "   Misuse.cs: $ks2001"
else
    echo "   expected the build to fail with KS2001; it exited $status:" >&2
    printf '%s\n' "$misuse" >&2
    exit 1
fi

echo
echo "Done in $((SECONDS - start)) s: $feed/KernelStructs.$version.nupkg. NuGet cache ($cache): $cached_before KernelStructs version(s) before, $(cached) after."
