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

/// <summary>The dump's decoding of one extension at a time, for listings and tests.</summary>
public static class ExtensionText
{
    /// <summary>Whether the dump decodes <paramref name="extension"/> in <paramref name="family"/>'s tables (through its catalog mirror).</summary>
    public static bool Decodes(XtFamily family, XtExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (family == XtFamily.Arp && extension.Kind == XtExtensionKind.Match)
        {
            return false;
        }

        var decoder = ExtensionDecoders.For(family, extension.Kind).Find(System.Text.Encoding.ASCII.GetBytes(extension.Name), extension.Revision);
        return decoder is not null && ReferenceEquals(decoder.Extension, extension);
    }

    /// <summary>
    /// The options the dump writes after <c>-m name</c> or <c>-j name</c> for <paramref name="payload"/> (e.g.
    /// <c> --selctx system_u:object_r:x_t:s0</c>); <see langword="null"/> when it does not decode the extension.
    /// Set names print as <c>[unsupported: set index N]</c> (there is no kernel to ask).
    /// </summary>
    /// <param name="family">The table family.</param>
    /// <param name="extension">The catalog entry.</param>
    /// <param name="payload">The payload (the bytes after the match or target header).</param>
    /// <param name="protocol">The rule's <c>-p</c> protocol (0: any).</param>
    public static string? Options(XtFamily family, XtExtension extension, ReadOnlySpan<byte> payload, ushort protocol = 0)
    {
        ArgumentNullException.ThrowIfNull(extension);
        if (!Decodes(family, extension))
        {
            return null;
        }

        var decoder = ExtensionDecoders.For(family, extension.Kind).Find(System.Text.Encoding.ASCII.GetBytes(extension.Name), extension.Revision)!;
        var text = new System.IO.StringWriter { NewLine = "\n" };
        var o = new SaveText(text);
        if (!decoder.Write(o, payload, new SaveContext(family, extension.Revision, protocol, null)))
        {
            return null;
        }

        o.Flush();
        return text.ToString();
    }
}
