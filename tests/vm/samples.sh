#!/usr/bin/env bash
# Runs the kernel samples in the kernel lab against the tools they clone, and shows the diffs (empty when the
# outputs are byte-identical): EbtablesSave against ebtables-legacy-save (with and without counters), IpvsadmList
# against ipvsadm -Ln; then ConntrackTupleModule against a real redirected connection (made with python3), with
# ctmod loaded.
#
#   bash tests/vm/samples.sh          (root; builds the solution if needed; about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
[ -f samples/EbtablesSave/bin/Debug/net10.0/EbtablesSave.dll ] || dotnet build KernelStructs.sln --nologo -v quiet
release=$(bash tests/vm/lab.sh --release)
ko=$(bash samples/ConntrackTupleModule/module/build.sh "$repo/artifacts/kernel-lab/ctmod" "/lib/modules/$release/build" 2>/dev/null)

exec bash tests/vm/lab.sh -m "nf_conntrack ebtables ip_vs" -e "KO=$ko" -e "REPO=$repo" -- bash -c '
set -euo pipefail
bin() { echo "$REPO/samples/$1/bin/Debug/net10.0/$1.dll"; }
ln -sfn /usr/sbin/ebtables-legacy /etc/alternatives/ebtables
ebtables-legacy-restore <<RULES
*filter
:INPUT ACCEPT
:FORWARD DROP
:OUTPUT ACCEPT
:mychain RETURN
-A INPUT -p IPv4 -i eth0 --ip-src 10.0.0.1 -j ACCEPT
-A INPUT -p IPv4 --ip-dst 192.168.0.0/16 --ip-proto tcp --ip-dport 22 -j mychain
-A INPUT -d 01:00:5e:00:00:00/ff:ff:ff:80:00:00 --log-level info --log-prefix "mc" --log-ip -j CONTINUE
-A FORWARD --mark 0x10/0xff --pkttype-type broadcast -j DROP
-A OUTPUT --limit 10/sec --limit-burst 5 -j ACCEPT
-A mychain -j mark --set-mark 0x5 --mark-target ACCEPT
*nat
:PREROUTING ACCEPT
:OUTPUT ACCEPT
:POSTROUTING ACCEPT
-A PREROUTING -d 00:11:22:33:44:55 -j dnat --to-dst 00:aa:bb:cc:dd:ee --dnat-target ACCEPT
-A POSTROUTING -s 00:11:22:33:44:55 -j snat --to-src 00:aa:bb:cc:dd:ee --snat-target ACCEPT
*broute
:BROUTING ACCEPT
-A BROUTING -p IPv4 --ip-proto udp --ip-sport 67:68 -j DROP
RULES
for counters in no yes; do
    echo "== EBTABLES_SAVE_COUNTER=$counters: diff <(ebtables-legacy-save) <(EbtablesSave), comment lines dropped"
    diff <(EBTABLES_SAVE_COUNTER=$counters ebtables-legacy-save | grep -v "^#") <(EBTABLES_SAVE_COUNTER=$counters dotnet "$(bin EbtablesSave)" | grep -v "^#") && echo "(no difference)"
done
EBTABLES_SAVE_COUNTER=yes dotnet "$(bin EbtablesSave)"

ipvsadm -A -t 192.0.2.10:443 -s lc -p 120
ipvsadm -a -t 192.0.2.10:443 -r 198.51.100.20:8443 -m -w 4
ipvsadm -a -t 192.0.2.10:443 -r 198.51.100.3:8443 -g -w 0
ipvsadm -A -u 192.0.2.10:53 -s sh
ipvsadm -a -u 192.0.2.10:53 -r 198.51.100.53 -i
ipvsadm -A -f 42 -s wlc -p 30 -M 255.255.0.0
echo "== diff <(ipvsadm -Ln) <(IpvsadmList -Ln)"
diff <(ipvsadm -Ln) <(dotnet "$(bin IpvsadmList)" -Ln) && echo "(no difference)"
dotnet "$(bin IpvsadmList)" -Ln

echo "== ConntrackTupleModule against a redirected connection (ctmod loaded: $KO)"
insmod "$KO"
iptables-legacy -t nat -A OUTPUT -p tcp -d 127.0.0.1 --dport 9 -j REDIRECT --to-ports 5000
python3 -c "
import socket, time
l = socket.create_server((\"127.0.0.1\", 5000))
c = socket.socket(); c.bind((\"127.0.0.1\", 40000)); c.connect((\"127.0.0.1\", 9)); a, _ = l.accept()
time.sleep(60)" & pair=$!
for _ in $(seq 30); do grep -q "sport=40000 dport=9 " /proc/net/nf_conntrack 2>/dev/null && break; sleep 1; done
dotnet "$(bin ConntrackTupleModule)" tcp 127.0.0.1:40000 127.0.0.1:9
kill $pair 2>/dev/null || true
'
