#!/usr/bin/env bash
# Packs KernelStructs into artifacts/packages and runs samples/PackageDemo against the package.
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
version="0.1.0-demo.$(date +%s)"
dotnet pack runtime/KernelStructs -c Release -p:Version="$version" --nologo -v quiet
dotnet run --project samples/PackageDemo -c Release -p:KernelStructsVersion="$version" -p:KernelStructsVerifyHeaders="$verify"
