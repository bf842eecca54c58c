#!/usr/bin/env bash
# Sets up a fresh Debian machine and runs every KernelStructs test.
# As root it installs what the tests use: gcc and the cross compilers with their C libraries and kernel headers
# (layout oracles and header verification on x86_64, aarch64, arm and s390x), a kernel build tree (kernel-internal
# mirrors, compiled with kbuild), pahole, iptables/arptables (legacy) and iproute2 (kernel tests in private network
# namespaces), and the kernel lab's qemu, busybox, ebtables, ipvsadm and kernel headers (the kernel tests again on
# Debian's 6.1 kernel).
set -euo pipefail
cd "$(dirname "$0")/.."

# A cross compiler alone cannot compile a probe: <linux/types.h> needs the ABI's <asm/types.h>, which comes with
# linux-libc-dev-ARCH-cross (a dependency of libc6-dev-ARCH-cross, which apt only recommends).
packages=(gcc libc6-dev linux-libc-dev
          gcc-aarch64-linux-gnu libc6-dev-arm64-cross
          gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
          gcc-s390x-linux-gnu libc6-dev-s390x-cross
          "linux-headers-$(dpkg --print-architecture)" make
          dwarves iptables arptables ipset nfacct iproute2 util-linux procps)
# The kernel lab (tests/vm): qemu, a static busybox, the legacy bridge and IPVS tools, kbuild for ctmod (against
# linux-headers-amd64, the kernel the lab boots).
packages+=(qemu-system-x86 busybox-static kmod ebtables ipvsadm linux-headers-amd64)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        echo "Installing ${missing[*]}" >&2
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
    else
        echo "Not root: not installing ${missing[*]}; the tests that need them are skipped and say why." >&2
        echo "  (as root: apt-get install ${missing[*]})" >&2
    fi
fi
if [ "$(id -u)" != 0 ]; then
    echo "Not root: kernel tests in network namespaces are skipped." >&2
fi

# Every toolchain is installed now (or the run says why not): an oracle whose compiler cannot compile a probe is
# a broken toolchain, which fails the run with the package to install instead of being skipped.
if [ ${#missing[@]} -eq 0 ] || [ "$(id -u)" = 0 ]; then
    export KS_REQUIRE_TOOLCHAINS=1
fi

# A log of this run only, where this user can write (several runs and users may share the machine). From here on
# a failing step fails the run but does not stop it: the closing line always comes.
log=$(mktemp "${TMPDIR:-/tmp}/kernelstructs-test.XXXXXX.log")
set +e
status=0
dotnet build KernelStructs.sln --nologo -v quiet 2>&1 | tee "$log"
if [ "${PIPESTATUS[0]}" != 0 ]; then
    status=1
    echo "Failed!  - Failed: 1, Passed: 0, Skipped: 0, Total: 1 - dotnet build KernelStructs.sln" | tee -a "$log"
else
    dotnet test KernelStructs.sln --no-build --nologo 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" = 0 ] || status=1
    # The kernel-facing tests again, on Debian's 6.1 kernel in the kernel lab (docs/kernel-lab.md).
    bash tests/vm/run.sh 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" = 0 ] || status=1
fi

# One closing line for the whole run.
echo "Test log: $log"
awk '/^(Passed|Failed)!/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
