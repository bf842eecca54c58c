#!/usr/bin/env bash
# The kernel lab: runs one command as root on another kernel (Debian's, by default the release of the
# installed linux-headers-amd64) in a qemu VM, inside a private network namespace, and streams its output
# and exit code back. The host's root is shared read-only; see docs/kernel-lab.md.
#
#   tests/vm/lab.sh [-m MODULE]... [-s PATH]... [-e NAME=VALUE]... [-C DIR] [--] COMMAND [ARG]...
#   tests/vm/lab.sh --release      prints the kernel release the lab boots
#
#   -m MODULE       modprobe MODULE in the guest before the command (repeatable; -m "a b" works too)
#   -s PATH         share PATH read-only at the same path (needed for paths under /tmp, which the guest
#                   covers with a tmpfs); the repository containing this script is always shared
#   -e NAME=VALUE   set an environment variable for the command (it starts with a clean environment)
#   -C DIR          working directory of the command (default: the current directory)
#
# Environment: KS_VM_KERNEL (kernel release, e.g. 6.1.0-56-amd64), KS_VM_ACCEL (tcg or kvm; default
# tcg: KVM did not boot on the machine this was written on), KS_VM_MEMORY (MiB, default 3072), KS_VM_CPUS (default 2), KS_VM_TIMEOUT (seconds, default 1800),
# KS_VM_KEEP=1 (keep the run folder), KS_VM_VERBOSE=1 (print the time of each phase), TMPDIR (where the
# run folder goes).
#
# Exit status: the command's; 77 with a "SKIP: reason" line when the lab cannot run here (not root, no
# qemu, no busybox, no kernel package); 125 when the VM failed before the command ended.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

skip() { echo "SKIP: $*"; exit 77; }
started=$SECONDS
phase() { [ "${KS_VM_VERBOSE:-0}" = 1 ] && echo "kernel lab: $((SECONDS - started)) s: $*" >&2 || true; }
die() { echo "kernel lab: $*" >&2; exit 125; }

kernel_release() {
    local release="${KS_VM_KERNEL:-}"
    if [ -z "$release" ]; then
        # The release of the installed headers, so that modules built against them (ctmod) load; else the candidate.
        release=$(dpkg-query -W -f='${Depends}' linux-headers-amd64 2>/dev/null | grep -o 'linux-headers-[^ ,]*' | head -1 | sed 's/^linux-headers-//')
        [ -n "$release" ] || release=$(apt-cache depends linux-image-amd64 2>/dev/null | grep -o 'linux-image-[0-9][^ ]*' | head -1 | sed 's/^linux-image-//')
    fi
    [ -n "$release" ] && echo "$release"
}
if [ "${1:-}" = --release ]; then kernel_release; exit; fi

modules=() shares=("$repo") envs=() cwd="$PWD"
while getopts "m:s:e:C:" opt; do
    case "$opt" in
        m) read -ra more <<<"$OPTARG"; modules+=("${more[@]}") ;;
        s) shares+=("$(cd "$OPTARG" && pwd)") ;;
        e) [[ "$OPTARG" == *=* ]] || die "-e wants NAME=VALUE, got '$OPTARG'"; envs+=("$OPTARG") ;;
        C) cwd="$(cd "$OPTARG" && pwd)" ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '2,/^set -e/s/^# \{0,1\}//p' "$0" >&2; exit 2; }

# ---- can the lab run here? ----------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || skip "the kernel lab needs root (apt-get download, dpkg-deb, 9p shares of / that the guest's root reads)"
command -v qemu-system-x86_64 >/dev/null || skip "needs qemu-system-x86_64 (apt-get install qemu-system-x86)"
busybox=$(command -v busybox || true)
# A static busybox runs in the initramfs without a C library (ldd fails on it).
[ -n "$busybox" ] && ! ldd "$busybox" >/dev/null 2>&1 \
    || skip "needs a static busybox for the initramfs (apt-get install busybox-static)"
for tool in apt-get dpkg-deb depmod modprobe gzip; do
    command -v "$tool" >/dev/null || skip "needs $tool"
done

release=$(kernel_release) || skip "no kernel to boot: install linux-headers-amd64 (its release is booted) or set KS_VM_KERNEL"

# ---- the run folder -----------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/ks-vm.XXXXXX")
qemu_pid=
cleanup() {
    if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then kill "$qemu_pid" 2>/dev/null || true; fi
    if [ "${KS_VM_KEEP:-0}" = 1 ]; then echo "kernel lab: run folder kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the kernel and its modules, unpacked here (never installed on the host) --------------------------
phase "downloading linux-image-$release"
(cd "$work" && apt-get download -q "linux-image-$release" >"$work/apt.log" 2>&1) \
    || { sed 's/^/  /' "$work/apt.log" >&2; skip "cannot download linux-image-$release (apt-get update first?)"; }
dpkg-deb -x "$work"/linux-image-*.deb "$work/kernel"
rm -f "$work"/linux-image-*.deb
kernel="$work/kernel/boot/vmlinuz-$release"
[ -f "$kernel" ] || die "linux-image-$release has no /boot/vmlinuz-$release"
depmod -b "$work/kernel" "$release"
phase "unpacked; building the initramfs"

# ---- the initramfs: busybox, the init script, the virtio/9p modules in load order ---------------------
initrd="$work/initrd"
mkdir -p "$initrd"/{bin,dev,proc,sys,modules}
cp "$busybox" "$initrd/bin/busybox"
cp "$here/init.sh" "$initrd/init"
chmod +x "$initrd/init"
: >"$initrd/modules.load"
for m in virtio_pci 9pnet_virtio 9p virtio_console; do
    modprobe -d "$work/kernel" -S "$release" --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
done | awk '!seen[$0]++' | while read -r ko; do
    cp "$ko" "$initrd/modules/"
    basename "$ko" >>"$initrd/modules.load"
done
{
    printf 'LAB_RELEASE=%q\n' "$release"
    printf 'LAB_DIR=%q\n' "$work"
    printf 'LAB_CWD=%q\n' "$cwd"
    printf 'LAB_SHARES=%q\n' "$(printf '%s\n' "${shares[@]}" | sort -u | tr '\n' ' ')"
    printf 'LAB_MODULES=%q\n' "${modules[*]:-}"
} >"$initrd/lab.env"
(cd "$initrd" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1 >"$work/initrd.gz")
rm -rf "$initrd"

# ---- the command, as the guest runs it ----------------------------------------------------------------
{
    echo 'set -e'
    for e in "${envs[@]}"; do printf 'export %q\n' "$e"; done
    echo 'set +e'
    printf 'exec'; printf ' %q' "$@"; printf '\n'
} >"$work/command.sh"

# ---- boot ----------------------------------------------------------------------------------------------
accel="${KS_VM_ACCEL:-tcg}"
case "$accel" in
    kvm) accel_args=(-accel kvm -cpu host) ;;
    tcg) accel_args=(-accel tcg,thread=multi -cpu max) ;;
    *) die "KS_VM_ACCEL is tcg or kvm, not '$accel'" ;;
esac

share_args=(-virtfs "local,path=/,mount_tag=root,security_model=passthrough,readonly=on,multidevs=remap,id=root"
            -virtfs "local,path=$work,mount_tag=lab,security_model=passthrough,id=lab")
n=0
for s in $(printf '%s\n' "${shares[@]}" | sort -u); do
    share_args+=(-virtfs "local,path=$s,mount_tag=share$n,security_model=passthrough,readonly=on,id=share$n")
    n=$((n + 1))
done

# no_timer_check: under emulation on a busy host the kernel's IO-APIC timer check can fail and panic the boot.
boot() {
    : >"$work/output"
    timeout -k 10 "${KS_VM_TIMEOUT:-1800}" qemu-system-x86_64 \
        "${accel_args[@]}" -m "${KS_VM_MEMORY:-3072}" -smp "${KS_VM_CPUS:-2}" \
        -nodefaults -no-user-config -display none -no-reboot \
        -kernel "$kernel" -initrd "$work/initrd.gz" \
        -append "console=ttyS0 quiet loglevel=3 panic=-1 no_timer_check rdinit=/init" \
        -serial "file:$work/console.log" \
        -device virtio-serial-pci -chardev "file,id=out,path=$work/output" -device virtconsole,chardev=out \
        "${share_args[@]}" </dev/null >"$work/qemu.log" 2>&1 &
    qemu_pid=$!
    tail -n +1 -f --pid="$qemu_pid" "$work/output" &
    tail_pid=$!
    wait "$qemu_pid" && qemu_status=0 || qemu_status=$?
    qemu_pid=
    wait "$tail_pid" 2>/dev/null || true
}

for attempt in 1 2; do
    phase "booting ($accel)"
    boot
    phase "the VM stopped"
    # A boot that failed before the command started (nothing written, no exit code) is tried once more.
    [ -f "$work/exit-code" ] || [ -s "$work/output" ] || [ "$qemu_status" = 124 ] || [ "$attempt" = 2 ] && break
    echo "kernel lab: the VM stopped before the command started; booting again. Console:" >&2
    tail -n 5 "$work/console.log" | sed 's/^/  /' >&2
done

if [ -f "$work/exit-code" ]; then
    exit "$(cat "$work/exit-code")"
fi
{
    [ "$qemu_status" = 124 ] && echo "kernel lab: the VM did not finish within ${KS_VM_TIMEOUT:-1800} s"
    echo "kernel lab: the VM stopped before the command ended (qemu exit $qemu_status). qemu:"
    sed 's/^/  /' "$work/qemu.log"
    echo "console (last 40 lines):"
    tail -n 40 "$work/console.log" | sed 's/^/  /'
} >&2
exit 125
