#!/usr/bin/env bash
# Packs KernelStructs into artifacts/packages and runs samples/PackageDemo against the package.
set -euo pipefail
cd "$(dirname "$0")/.."
version="0.1.0-demo.$(date +%s)"
dotnet pack runtime/KernelStructs -c Release -p:Version="$version" --nologo -v quiet
dotnet run --project samples/PackageDemo -c Release -p:KernelStructsVersion="$version"
