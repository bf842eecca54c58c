#!/usr/bin/env bash
# Sets up a fresh Debian machine and runs every KernelStructs test.
# As root it installs what the tests use: gcc and the cross compilers (layout oracles), pahole,
# iptables/arptables (legacy) and iproute2 (kernel tests in private network namespaces), and the kernel lab's
# qemu, busybox, ebtables, ipvsadm and kernel headers (the kernel tests again on Debian's 6.1 kernel).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(gcc libc6-dev linux-libc-dev gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc-s390x-linux-gnu
          dwarves iptables arptables iproute2 util-linux procps)
# The kernel lab (tests/vm): qemu, a static busybox, the legacy bridge and IPVS tools, kbuild for ctmod.
packages+=(qemu-system-x86 busybox-static kmod ebtables ipvsadm linux-headers-amd64 make)
if [ "$(id -u)" = 0 ]; then
    missing=()
    for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
    fi
else
    echo "Not root: skipping package installation; kernel tests will be skipped." >&2
fi

dotnet build KernelStructs.sln --nologo -v quiet
# A log of this run only (several runs may share the machine).
log=$(mktemp /tmp/kernelstructs-test.XXXXXX.log)
dotnet test KernelStructs.sln --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The kernel-facing tests again, on Debian's 6.1 kernel in the kernel lab (docs/kernel-lab.md).
if ! bash tests/vm/run.sh 2>&1 | tee -a "$log"; then status=1; fi

# One closing line for the whole run.
awk '/^(Passed|Failed)!/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
