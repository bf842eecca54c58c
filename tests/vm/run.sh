#!/usr/bin/env bash
# Runs the kernel-facing tests (trait Category=Kernel) on the kernel lab's kernel: Debian's 6.1 in qemu, with
# every netfilter registrant loaded (conntrack, ip_tables, ip6_tables, arp_tables, ebtables, IPVS) and the
# ctmod sample module built with kbuild and loaded. See docs/kernel-lab.md.
#
#   tests/vm/run.sh [RUNNER FILTER]...    e.g. tests/vm/run.sh --match EbtablesKernelTests
#
# Filters go to the in-process test runner (tests/KernelStructs.Tests/KernelLab/InProcessRunner.cs): --trait,
# --class, --method, --match; without any, every test with the Kernel trait runs. Ends with the usual
# "N passed, N failed, N skipped" line; a lab that cannot run here counts as one skipped test, with the reason.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
started=$SECONDS

tests_dir="$repo/tests/KernelStructs.Tests/bin/Debug/net10.0"
if [ ! -f "$tests_dir/KernelStructs.Tests.dll" ]; then
    dotnet build KernelStructs.sln --nologo -v quiet || exit 1
fi

# The modules every registrant lives in; the tables' own modules (iptable_nat, ebtable_broute, ...) and IPVS
# schedulers load on demand through the guest's modprobe.
modules="nf_conntrack nf_nat ip_tables ip6_tables arp_tables ebtables ip_vs"

# The generated-ruleset differential (XtDifferentialTests) draws a short slice here, rulesets per family: each
# iptables run costs about a second under an emulated CPU.
xt_rulesets=${KS_VM_XT_RULESETS:-3}

# ctmod, built on the host against linux-headers-amd64 (the release the lab boots), loaded in the guest.
mkdir -p artifacts/kernel-lab
release=$(bash tests/vm/lab.sh --release || true)
ctmod_ko=
if [ -n "$release" ] && ctmod_ko=$(bash samples/ConntrackTupleModule/module/build.sh "$repo/artifacts/kernel-lab/ctmod" \
        "/lib/modules/$release/build" 2>"$repo/artifacts/kernel-lab/ctmod.log"); then
    echo "ctmod: built $ctmod_ko"
else
    echo "ctmod: not built, its tests will skip:"; sed 's/^/  /' "$repo/artifacts/kernel-lab/ctmod.log"
    ctmod_ko=
fi

# The README's walk-through (tests/vm/walkthrough.sh): its five commands on the host, against the release the lab boots;
# ScaffoldWalkthroughKernelTests runs the client it builds against ctmod in the lab.
walkthrough=$(mktemp -d "${TMPDIR:-/tmp}/ks-walkthrough.XXXXXX")
walkthrough_client= walkthrough_error=
if [ -n "$ctmod_ko" ] && walkthrough_client=$(bash tests/vm/walkthrough.sh "$walkthrough/run" "/lib/modules/$release/build" \
        2>"$walkthrough/walkthrough.log" | tail -1); then
    echo "walkthrough: built $walkthrough_client"
else
    walkthrough_client=
    [ -z "$ctmod_ko" ] || walkthrough_error=$(tail -n 30 "$walkthrough/walkthrough.log")
    echo "walkthrough: no client built${walkthrough_error:+, ScaffoldWalkthroughKernelTests will fail:}"; printf '%s\n' "$walkthrough_error" | sed 's/^/  /'
fi

filters=("$@")
[ ${#filters[@]} -gt 0 ] || filters=(--trait Category=Kernel)

log=$(mktemp)
trap 'rm -f "$log"; rm -rf "$walkthrough"' EXIT
bash tests/vm/lab.sh -m "$modules" -C "$tests_dir" -e DOTNET_NOLOGO=1 -e DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    -e "KS_CTMOD_KO=$ctmod_ko" -e "KS_XT_RULESETS=$xt_rulesets" -s "$walkthrough" \
    -e "KS_WALKTHROUGH_CLIENT=$walkthrough_client" -e "KS_WALKTHROUGH_ERROR=$walkthrough_error" \
    -- sh -c 'if [ -n "$KS_CTMOD_KO" ]; then insmod "$KS_CTMOD_KO" || exit 1; fi
              # ebtables-legacy-save runs /usr/sbin/ebtables: point it at the legacy tool (a guest-only copy).
              ln -sfn /usr/sbin/ebtables-legacy /etc/alternatives/ebtables
              echo "kernel: $(uname -r)"; exec dotnet KernelStructs.Tests.dll "$@"' \
    lab "${filters[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -1)
minutes=$(awk -v s=$((SECONDS - started)) 'BEGIN { printf "%d min %d s", s / 60, s % 60 }')
if [ "$status" = 77 ]; then
    reason=$(sed -n 's/^SKIP: //p' "$log" | head -1)
    summary="0 passed, 0 failed, 1 skipped"
    status=0
    echo "kernel lab skipped: $reason"
elif [ -z "$summary" ]; then
    echo "kernel lab: the run ended without a result (exit $status)"
    summary="0 passed, 1 failed, 0 skipped"
    status=1
fi
read -r passed _ failed _ skipped _ <<<"${summary//,/}"
if [ "$status" = 0 ] && [ $((passed + failed)) = 0 ] && [ "$skipped" != 1 ]; then
    echo "kernel lab: no test ran"
    failed=1 status=1 summary="0 passed, 1 failed, $skipped skipped"
fi
# The same closing line as dotnet test's, so that tests/run.sh adds these counts to the whole run's.
result=$([ "$failed" = 0 ] && echo "Passed!" || echo "Failed!")
echo "$result  - Failed: $failed, Passed: $passed, Skipped: $skipped, Total: $((passed + failed + skipped)), Duration: $minutes - kernel lab ${release:-(no kernel)}"
echo "$summary"
exit "$status"
