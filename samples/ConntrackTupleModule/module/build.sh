#!/usr/bin/env bash
# Builds ctmod.ko with kbuild against a kernel build tree, in OUTDIR (a copy of the sources: kbuild writes next
# to them), and prints the module's path. Needs make, gcc and the kernel's headers (linux-headers-amd64).
#
#   build.sh OUTDIR [KERNEL_BUILD_DIR]    default: /lib/modules/RELEASE/build of the installed linux-headers-amd64
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUTDIR [KERNEL_BUILD_DIR]}"
kdir="${2:-}"
if [ -z "$kdir" ]; then
    release=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null | grep -o 'linux-headers-[^ ,]*' | head -1 | sed 's/^linux-headers-//')
    [ -n "$release" ] || { echo "ctmod: no kernel headers: apt-get install linux-headers-amd64" >&2; exit 1; }
    kdir="/lib/modules/$release/build"
fi
[ -f "$kdir/Makefile" ] || { echo "ctmod: $kdir is not a kernel build tree (apt-get install linux-headers-amd64)" >&2; exit 1; }
command -v make >/dev/null || { echo "ctmod: needs make (apt-get install make)" >&2; exit 1; }

mkdir -p "$out"
cp "$here/ctmod.c" "$here/Kbuild" "$out/"
make -s -C "$kdir" M="$(cd "$out" && pwd)" modules >&2
echo "$(cd "$out" && pwd)/ctmod.ko"
