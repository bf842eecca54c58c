#!/bin/busybox sh
# /init of the kernel lab's initramfs (busybox, no host files but the modules lab.sh copies in).
#
# Loads the virtio and 9p modules, mounts the host's root read-only over virtio-9p at /newroot, gives it
# writable scratch space (tmpfs on /tmp, /run, /var/tmp), the guest kernel's modules and the shares that
# lab.sh names, then runs the command in a chroot, as root, in a private network namespace. The command's
# output goes to the virtio console (hvc0), which lab.sh streams; its exit code goes to the run folder.
# The host's root stays read-only: nothing the command does can change the host.

/bin/busybox --install -s /bin
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

. /lab.env   # LAB_RELEASE, LAB_DIR, LAB_SHARES (host paths), LAB_MODULES (loaded before the command)

fail() {
    echo "kernel lab: $*" >/dev/ttyS0
    [ -e /dev/hvc0 ] && echo "kernel lab: $*" >/dev/hvc0
    poweroff -f
}

while read -r module; do
    insmod "/modules/$module" || fail "insmod $module failed"
done </modules.load

# The host's root, read-only; the page cache may keep what it read (nothing on it changes under the guest).
mkdir -p /newroot
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 root /newroot || fail "cannot mount the host root over 9p"

for dir in tmp run var/tmp; do
    mount -t tmpfs -o mode=1777 tmpfs "/newroot/$dir" || fail "cannot mount a tmpfs on /$dir"
done
# A writable copy of /etc/alternatives, so that a command can choose the legacy tools (ebtables-legacy-save
# runs /usr/sbin/ebtables, which Debian points at ebtables-nft) without touching the host's choice.
mkdir -p /alternatives
cp -a /newroot/etc/alternatives/. /alternatives/
mount -t tmpfs tmpfs /newroot/etc/alternatives
cp -a /alternatives/. /newroot/etc/alternatives/
mount -t proc proc /newroot/proc
mount -t sysfs sysfs /newroot/sys
mount -t devtmpfs devtmpfs /newroot/dev
mkdir -p /newroot/dev/pts /newroot/dev/shm
mount -t devpts devpts /newroot/dev/pts
mount -t tmpfs -o mode=1777 tmpfs /newroot/dev/shm
ln -s /proc/self/fd /newroot/dev/fd   # bash's <(...) and /dev/stdin need them; devtmpfs has none
ln -s /proc/self/fd/0 /newroot/dev/stdin
ln -s /proc/self/fd/1 /newroot/dev/stdout
ln -s /proc/self/fd/2 /newroot/dev/stderr

# The run folder (read-write) and the extra shares (read-only), each at its host path; a path the tmpfs
# mounts above hide (under /tmp) is made in the tmpfs.
mkdir -p "/newroot$LAB_DIR"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 lab "/newroot$LAB_DIR" || fail "cannot mount the run folder over 9p"
n=0
for share in $LAB_SHARES; do
    mkdir -p "/newroot$share"
    mount -t 9p -o "trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000" "share$n" "/newroot$share" || fail "cannot mount $share over 9p"
    n=$((n + 1))
done

# The guest kernel's modules where kmod looks for them; the host's /lib/modules is hidden in the guest only.
mount -t tmpfs tmpfs /newroot/lib/modules
mkdir -p "/newroot/lib/modules/$LAB_RELEASE"
mount --bind "/newroot$LAB_DIR/kernel/lib/modules/$LAB_RELEASE" "/newroot/lib/modules/$LAB_RELEASE"

# Module requests: the kernel's (request_module) and user space's (iptables reads /proc/sys/kernel/modprobe)
# may run in either root; /run/lab-modprobe exists in both and reaches the host's kmod with the guest's modules.
mkdir -p /run
printf '#!/bin/sh\nexec chroot /newroot /sbin/modprobe "$@"\n' >/run/lab-modprobe
printf '#!/bin/sh\nexec /sbin/modprobe "$@"\n' >/newroot/run/lab-modprobe
chmod +x /run/lab-modprobe /newroot/run/lab-modprobe
echo /run/lab-modprobe >/proc/sys/kernel/modprobe

for module in $LAB_MODULES; do
    chroot /newroot /sbin/modprobe "$module" || fail "modprobe $module failed"
done

# hvc0 carries the command's output: no \r added to line ends.
exec 3>/dev/hvc0
stty -opost <&3

chroot /newroot /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home \
    /bin/sh -c 'mkdir -p "$HOME" && cd "$1" && exec unshare --net /bin/sh -c "ip link set lo up && exec /bin/bash \"\$0\"" "$2"' \
    lab "$LAB_CWD" "$LAB_DIR/command.sh" >&3 2>&3 </dev/null
echo $? >"/newroot$LAB_DIR/exit-code"
exec 3>&-
sync
poweroff -f
