using System;
using System.Net;
using KernelStructs.Netfilter;
using Xunit;

namespace KernelStructs.Tests;

/// <summary>
/// What the generator emits for anonymous members and members of types without a name, on the catalog's mirrors:
/// <c>Offsets</c> named as C names the members, references to the members of anonymous members, and views that read
/// the bytes the kernel writes. The numbers themselves are checked against gcc by the layout oracles.
/// </summary>
public class AnonymousMemberTests
{
    [Fact]
    public void The_members_of_anonymous_members_are_named_as_C_names_them()
    {
        Assert.Equal(KernelSockaddrStorage.Storage.Offsets.ss_family, KernelSockaddrStorage.Offsets.ss_family);
        Assert.Equal(KernelSockaddrStorage.FamilyAndData.Offsets.__data, KernelSockaddrStorage.Offsets.__data);
        Assert.Equal(KernelSockaddrStorage.Offsets.ss_family, KernelSockaddrStorage.Offsets.__align);
        Assert.Equal(GroupReq.Offsets.gr_group + KernelSockaddrStorage.SizeOf, GroupReq.SizeOf);
    }

    [Fact]
    public void A_reference_to_a_member_of_an_anonymous_member_reads_and_writes_the_field()
    {
        var storage = default(KernelSockaddrStorage);
        storage.ss_family = 10;
        Assert.Equal(10, storage.u.s.ss_family);
        Assert.Equal(10, BitConverter.ToUInt16(storage.AsBytes()[KernelSockaddrStorage.Offsets.ss_family..]));

        storage.__align = -1;
        Assert.Equal(-1, storage.u.__align);
        Assert.Equal(0xff, storage.AsReadOnlyBytes()[KernelSockaddrStorage.Offsets.__align]);
    }

    [Fact]
    public void A_sockaddr_in_in_the_storage_reads_back_through_its_own_mirror()
    {
        var storage = default(KernelSockaddrStorage);
        SockAddrIn.FromIPEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 8080)).WriteTo(storage.AsBytes());

        Assert.Equal(2, storage.ss_family);
        var back = SockAddrIn.Read(storage.AsReadOnlyBytes());
        Assert.Equal("192.0.2.7:8080", $"{back.sin_addr}:{back.sin_port.Value}");
    }

    [Fact]
    public void An_nf_conntrack_tuple_reads_its_destination_through_the_members_without_a_name()
    {
        var bytes = new byte[NfConntrackTuple.SizeOf];
        var tuple = default(NfConntrackTuple);
        tuple.src.u3.ip = new Be32(0xC0000201);
        tuple.src.u.tcp.port = new Be16(40000);
        tuple.src.l3num = 2;
        tuple.dst.u3.@in = new InAddr(198, 51, 100, 9);
        tuple.dst.u.tcp.port = new Be16(443);
        tuple.dst.protonum = 6;
        tuple.dst.dir = 1;
        tuple.WriteTo(bytes);

        // dst.u3 starts at offsetof(struct nf_conntrack_tuple, dst.u3): dst's offset plus u3's offset in the unnamed struct.
        var dstU3 = NfConntrackTuple.Offsets.dst + NfConntrackTuple.Dst.Offsets.u3;
        Assert.Equal(new byte[] { 198, 51, 100, 9 }, bytes[dstU3..(dstU3 + 4)]);
        var port = NfConntrackTuple.Offsets.dst + NfConntrackTuple.Dst.Offsets.u;
        Assert.Equal(new byte[] { 443 >> 8, 443 & 0xff }, bytes[port..(port + 2)]);

        ref readonly var read = ref NfConntrackTuple.FromReadOnlySpan(bytes);
        Assert.Equal(443, read.dst.u.all.Value);
        Assert.Equal((byte)(443 >> 8), read.dst.u.icmp.type);
        Assert.Equal("198.51.100.9", read.dst.u3.@in.ToString());
        Assert.Equal(40000, read.src.u.udp.port.Value);
        Assert.Contains("dir = 1", read.ToString());
    }
}
