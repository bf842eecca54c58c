#!/usr/bin/env bash
# The README's walk-through "From a C struct to a typed GET: `kernelstructs`", run as a user runs it, on the host:
# KernelStructs and KernelStructs.Tool are packed into a folder feed; in DIR (a new, empty directory outside the
# repository), with HOME and DOTNET_CLI_HOME in DIR (the global tool, the NuGet cache and the SDK's first-run files
# land there, not in the host's home), the README's five commands run as the README states them, taken from
# README.md itself. Two things differ, each checked to have been applied:
#   - the feed: DIR/nuget.config names it (KernelStructs* from the feed only, everything else from nuget.org);
#   - `--kernel-build /lib/modules/$(uname -r)/build` becomes the kernel build tree of the kernel lab's release
#     (linux-headers-amd64, Debian's 6.1), which is where the client runs: the host may run another kernel.
# Then Program.cs (below) replaces the template's and the project is built again: DIR/CtClient/bin/Debug/net10.0/
# CtClient.dll, whose path is the last line printed. ScaffoldWalkthroughKernelTests runs it in the kernel lab against
# ctmod (tests/vm/run.sh calls this script and passes the path on).
#
#   bash tests/vm/walkthrough.sh DIR [KERNEL_BUILD]     (default KERNEL_BUILD: /lib/modules/<lab release>/build)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
dir=${1:?usage: tests/vm/walkthrough.sh DIR [KERNEL_BUILD]}
kernel_build=${2:-/lib/modules/$(bash tests/vm/lab.sh --release)/build}
[ -d "$kernel_build" ] || { echo "walkthrough: no kernel build tree at $kernel_build (apt-get install linux-headers-amd64)" >&2; exit 1; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
case "$dir/" in "$repo"/*) echo "walkthrough: DIR must be outside the repository (its Directory.Build.props would apply)" >&2; exit 1 ;; esac
[ -z "$(ls -A "$dir")" ] || { echo "walkthrough: $dir is not empty" >&2; exit 1; }

feed="$dir/feed"
dotnet pack runtime/KernelStructs -c Release -o "$feed" --nologo -v quiet >&2
dotnet pack tools/KernelStructs.Scaffold -c Release -o "$feed" --nologo -v quiet >&2

cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="walkthrough" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="walkthrough">
      <package pattern="KernelStructs" />
      <package pattern="KernelStructs.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML

# The README's commands: the first ```sh block of its kernelstructs section.
commands=$(awk '/^## From a C struct to a typed GET/ { section = 1; next }
                section && /^## / { exit }
                section && /^```sh$/ { block = 1; next }
                block && /^```$/ { exit }
                block { print }' README.md)
[ -n "$commands" ] || { echo "walkthrough: README.md has no sh block under 'From a C struct to a typed GET'" >&2; exit 1; }
readme_build='--kernel-build /lib/modules/$(uname -r)/build'
case "$commands" in *"$readme_build"*) ;; *) echo "walkthrough: the README's commands no longer say $readme_build" >&2; exit 1 ;; esac
commands=${commands//"$readme_build"/--kernel-build $kernel_build}
printf '%s\n' "$commands" >"$dir/readme-commands.sh"

mkdir -p "$dir/home"
(
    cd "$dir"
    export HOME="$dir/home" DOTNET_CLI_HOME="$dir/home" PATH="$dir/home/.dotnet/tools:$PATH"
    unset NUGET_PACKAGES
    bash -euo pipefail -x readme-commands.sh

    # Program.cs: the tuple of a connection from the command line, CtModOptions.LookupTuple, the answer printed
    # as the sample prints it (ConntrackTupleModule's CtModClient.Describe).
    cat >"$dir/CtClient/Program.cs" <<'CS'
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CtClient;

// CtClient tcp|udp SRC:SPORT DST:DPORT: asks ctmod for the conntrack entry of that IPv4 connection.
if (args.Length != 3 || args[0] is not ("tcp" or "udp")
    || !IPEndPoint.TryParse(args[1], out var source) || !IPEndPoint.TryParse(args[2], out var destination))
{
    Console.Error.WriteLine("usage: CtClient tcp|udp SRC:SPORT DST:DPORT");
    return 2;
}

var tuple = default(NfConntrackTuple);
tuple.src.u3.ip = new KernelStructs.Be32(BinaryPrimitives.ReadUInt32BigEndian(source.Address.GetAddressBytes()));
tuple.src.u.all = new KernelStructs.Be16((ushort)source.Port);
tuple.src.l3num = (ushort)AddressFamily.InterNetwork;
tuple.dst.u3.ip = new KernelStructs.Be32(BinaryPrimitives.ReadUInt32BigEndian(destination.Address.GetAddressBytes()));
tuple.dst.u.all = new KernelStructs.Be16((ushort)destination.Port);
tuple.dst.protonum = (byte)(args[0] == "tcp" ? ProtocolType.Tcp : ProtocolType.Udp);

using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
CtModOptions.LookupTuple(socket, ref tuple);
Console.WriteLine(Describe(tuple));
return 0;

static string Describe(in NfConntrackTuple t)
{
    static IPAddress Address(in NfInetAddr a) => new(BinaryPrimitives.ReverseEndianness(a.ip.Value));
    string protocol = t.dst.protonum switch { 6 => "tcp", 17 => "udp", _ => $"proto {t.dst.protonum}" };
    return $"{protocol} src={Address(t.src.u3)} sport={t.src.u.all.Value} dst={Address(t.dst.u3)} dport={t.dst.u.all.Value} (dir {(t.dst.dir == 1 ? "reply" : "original")})";
}
CS
    cd "$dir/CtClient"
    dotnet build -p:AllowUnsafeBlocks=true --nologo -v quiet
) >&2

client="$dir/CtClient/bin/Debug/net10.0/CtClient.dll"
[ -f "$client" ] || { echo "walkthrough: the build did not write $client" >&2; exit 1; }
echo "$client"
