using System;
using KernelStructs.Netfilter;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>The decoders of every table family: the ip_tables/ip6_tables extensions and arp_tables' targets.</summary>
internal static class ExtensionDecoders
{
    private static readonly DecoderTable s_ipv4Matches = Build(XtFamily.IPv4, XtExtensionKind.Match);
    private static readonly DecoderTable s_ipv4Targets = Build(XtFamily.IPv4, XtExtensionKind.Target);
    private static readonly DecoderTable s_ipv6Matches = Build(XtFamily.IPv6, XtExtensionKind.Match);
    private static readonly DecoderTable s_ipv6Targets = Build(XtFamily.IPv6, XtExtensionKind.Target);
    private static readonly DecoderTable s_arpTargets = Build(XtFamily.Arp, XtExtensionKind.Target);

    /// <summary>The decoders of <paramref name="family"/>'s matches or targets.</summary>
    public static DecoderTable For(XtFamily family, XtExtensionKind kind)
    {
        if (family == XtFamily.IPv4)
        {
            return kind == XtExtensionKind.Match ? s_ipv4Matches : s_ipv4Targets;
        }

        if (family == XtFamily.IPv6)
        {
            return kind == XtExtensionKind.Match ? s_ipv6Matches : s_ipv6Targets;
        }

        return kind == XtExtensionKind.Target ? s_arpTargets : throw new ArgumentException("arp_tables has no matches.", nameof(kind));
    }

    private static DecoderTable Build(XtFamily family, XtExtensionKind kind)
    {
        var table = new DecoderTable(family, kind);
        if (family == XtFamily.Arp)
        {
            ArpTargets.Register(table);
        }
        else if (kind == XtExtensionKind.Match)
        {
            Matches.Register(table, family);
        }
        else
        {
            Targets.Register(table, family);
        }

        return table;
    }
}
