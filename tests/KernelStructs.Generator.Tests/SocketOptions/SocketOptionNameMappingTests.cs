using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using KernelStructs.Analyzers.SocketOptions;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Generator.Tests.SocketOptions;

/// <summary>
/// KS2013's table of what .NET does with <c>SocketOptionLevel</c>/<c>SocketOptionName</c> on Linux
/// (<see cref="DotNetSocketOptions"/>): every row's kernel numbers against the C headers (gcc) and its .NET numbers
/// against .NET's enums; against the running .NET and kernel, every plain-int row set through <c>SetSocketOption</c>
/// changes the kernel option the table names (read back with <c>GetRawSocketOption</c>), and a pair the table does not
/// have makes no system call.
/// </summary>
public sealed class SocketOptionNameMappingTests
{
    /// <summary>Every row's kernel option: its number, as the C headers define its C name.</summary>
    [SkippableFact]
    public void Every_row_names_the_number_the_C_headers_give_its_kernel_option()
    {
        CTarget.X86_64.SkipUnlessAvailable();
        var probe = new CProbe(CTarget.X86_64).Define("_GNU_SOURCE").Include("sys/socket.h").Include("netinet/in.h").Include("netinet/tcp.h").Include("netinet/udp.h");
        var numbers = DotNetSocketOptions.Options.Select(o => (o.KernelCName, Value: probe.Value(o.KernelCName))).ToList();
        var levels = DotNetSocketOptions.Levels.Select(l => (l.Kernel, Value: probe.Value(KernelStructs.Generator.Vocabulary.SockOptFacts.LevelCName(l.Kernel)))).ToList();
        var result = probe.Compile();

        Assert.Equal(DotNetSocketOptions.Options.Select(o => $"{o.KernelCName} {o.KernelName}"), numbers.Select(n => $"{n.KernelCName} {result[n.Value]}"));
        Assert.Equal(levels.Select(l => $"{l.Kernel} {(int)l.Kernel}"), levels.Select(l => $"{l.Kernel} {result[l.Value]}"));
    }

    /// <summary>Every row's .NET side: the <c>SocketOptionLevel</c> and <c>SocketOptionName</c> members it names have its numbers.</summary>
    [Fact]
    public void Every_row_names_the_DotNet_members_with_its_numbers()
    {
        Assert.Equal(
            DotNetSocketOptions.Levels.Select(l => $"{l.Name} {l.DotNet}"),
            DotNetSocketOptions.Levels.Select(l => $"{l.Name} {(int)Enum.Parse<SocketOptionLevel>(l.Name)}"));
        Assert.Equal(
            DotNetSocketOptions.Options.Select(o => $"{o.DotNetName} {o.Name}"),
            DotNetSocketOptions.Options.Select(o => $"{o.DotNetName} {(int)Enum.Parse<SocketOptionName>(o.DotNetName)}"));
        Assert.Equal(DotNetSocketOptions.Options.Length, DotNetSocketOptions.Options.Select(o => (o.Level, o.Name)).Distinct().Count());
    }

    /// <summary>The rows whose value is a plain <c>int</c> that the kernel reads back as it was set.</summary>
    public static IEnumerable<object[]> PlainIntRows() => DotNetSocketOptions.Options
        .Where(o => o.Note is null && !NotPlainInt.Contains(o.DotNetName + "@" + o.Level))
        .Select(o => new object[] { o.DotNetName, o.Level, o.Name });

    // Rows whose value is a structure or bytes (membership requests, linger, timeouts, IP options, multicast interface),
    // that only a raw or listening socket takes (HeaderIncluded, AcceptConnection), that the kernel reports but never
    // takes (Error, Type, SO_SNDLOWAT; IPV6_HOPLIMIT, ancillary data that setsockopt refuses) or that needs CAP_NET_ADMIN
    // (Debug).
    private static readonly HashSet<string> NotPlainInt = new(StringComparer.Ordinal)
    {
        "Debug@65535", "AcceptConnection@65535", "Linger@65535", "SendLowWater@65535", "SendTimeout@65535",
        "ReceiveTimeout@65535", "Error@65535", "Type@65535", "IPOptions@0", "HeaderIncluded@0", "MulticastInterface@0",
        "AddMembership@0", "DropMembership@0", "AddSourceMembership@0", "DropSourceMembership@0", "BlockSource@0",
        "UnblockSource@0", "MulticastInterface@41", "HopLimit@41",
    };

    /// <summary>Every plain-int row: setting it through .NET changes the kernel option it names, to the value set.</summary>
    [Theory]
    [MemberData(nameof(PlainIntRows))]
    public void Every_plain_int_row_sets_the_kernel_option_it_names(string dotNetName, int level, int name)
    {
        var row = DotNetSocketOptions.Option(level, name)!;
        var kernelLevel = (int)DotNetSocketOptions.Level(level)!.Kernel;
        var (family, type, protocol) = level switch
        {
            6 => (AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp),
            41 => (AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp),
            _ => (AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp),
        };
        using var socket = new Socket(family, type, protocol);

        var before = Read(socket, kernelLevel, row.KernelName);
        // Buffer sizes are doubled by the kernel and TOS keeps only some bits: values it reads back as something else.
        var value = row.KernelCName switch
        {
            "SO_SNDBUF" or "SO_RCVBUF" => before + 8192,
            "IP_TOS" => 0x10,
            "SO_RCVLOWAT" => before + 7, // 0 would read back as 1
            "IPV6_UNICAST_HOPS" or "IP_TTL" or "IPV6_MULTICAST_HOPS" or "IP_MULTICAST_TTL" => before == 7 ? 9 : 7,
            _ => before == 0 ? 1 : before == 1 ? 0 : before + 7,
        };
        socket.SetSocketOption((SocketOptionLevel)level, (SocketOptionName)name, value);
        var after = Read(socket, kernelLevel, row.KernelName);

        Assert.True(before != after, $"{dotNetName} ({level}, {name}) did not change {row.KernelCName}: {before} before and after");
        if (row.KernelCName is "SO_SNDBUF" or "SO_RCVBUF")
        {
            Assert.Equal(2 * value, after);
        }
        else if (row.KernelCName != "TCP_FASTOPEN")
        {
            Assert.Equal(value, after);
        }
    }

    [Theory]
    [InlineData(0, 80)]        // SO_ORIGINAL_DST
    [InlineData(0, 64)]        // IPT_SO_GET_INFO / IPT_SO_SET_REPLACE
    [InlineData(0xffff, 36)]   // SO_MARK
    [InlineData(1, 36)]        // SOL_SOCKET cast to SocketOptionLevel: no level .NET knows
    public void A_pair_the_table_does_not_have_makes_no_system_call(int level, int name)
    {
        Assert.Null(DotNetSocketOptions.Option(level, name));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = Assert.Throws<SocketException>(() => socket.GetSocketOption((SocketOptionLevel)level, (SocketOptionName)name, new byte[16]));
        Assert.Equal(SocketError.OperationNotSupported, error.SocketErrorCode);
    }

    private static int Read(Socket socket, int level, int name)
    {
        var buffer = new byte[4];
        socket.GetRawSocketOption(level, name, buffer);
        return BitConverter.ToInt32(buffer);
    }
}
