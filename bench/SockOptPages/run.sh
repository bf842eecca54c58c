#!/bin/sh
# Builds syscall_pages.c and runs every (call, touch, k) once per round, alternating, inside a private network namespace
# with a nat OUTPUT REDIRECT of 127.0.0.1:9 to 40000 (the host's netfilter state is not touched); then prints, per call,
# the minimum over the rounds and the cost per touch against k = 0. Needs root, gcc, ip and iptables-legacy.
# Usage: bench/SockOptPages/run.sh [ROUNDS]
set -e
dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
ns=ks-pages-$$
trap 'ip netns del $ns 2>/dev/null; rm -rf "$work"' EXIT INT TERM
gcc -O2 -fno-toplevel-reorder -o "$work/syscall_pages" "$dir/syscall_pages.c"
ip netns add $ns
ip -n $ns link set lo up
ip netns exec $ns iptables-legacy -t nat -A OUTPUT -p tcp -d 127.0.0.1 --dport 9 -j REDIRECT --to-ports 40000
for round in $(seq 1 "${1:-3}"); do
    for call in 0 1 2; do
        for k in 0 8 32; do
            for touch in 0 1 2 3; do
                [ $k = 0 ] && [ $touch != 0 ] && continue
                ip netns exec $ns "$work/syscall_pages" $call $touch $k 150 1000
            done
        done
    done
done > "$work/out.txt"
python3 - "$work/out.txt" <<'PY'
import re, sys
best = {}
for line in open(sys.argv[1]):
    m = re.match(r'call=(\d) touch=(\d) k=\s*(\d+) min ([\d.]+)', line)
    key = tuple(int(g) for g in m.groups()[:3])
    best[key] = min(best.get(key, float('inf')), float(m.group(4)))
calls = {0: 'no call', 1: 'getppid', 2: 'getsockopt(SO_ORIGINAL_DST)'}
touches = {0: 'a line on each of k data pages', 1: 'k lines on one data page', 2: 'a call on each of k code pages', 3: 'k calls on one code page'}
print('| call | touched after it | k = 0 | k = 8 | k = 32 | per touch, k = 32 |')
print('| --- | --- | ---: | ---: | ---: | ---: |')
for call in calls:
    base = best[(call, 0, 0)]
    for touch in touches:
        print(f'| {calls[call]} | {touches[touch]} | {base:.1f} ns | {best[(call, touch, 8)]:.1f} ns | {best[(call, touch, 32)]:.1f} ns | {(best[(call, touch, 32)] - base) / 32:.2f} ns |')
PY
