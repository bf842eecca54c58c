using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>sctp_save of libxt_sctp.c.</summary>
internal static unsafe class Sctp
{
    // sctp_chunk_names: name, type and the letters of the eight flag bits, highest first.
    private static readonly (string Name, int Type, string Flags)[] Chunks =
    {
        ("DATA", 0, "----IUBE"), ("INIT", 1, "--------"), ("INIT_ACK", 2, "--------"), ("SACK", 3, "--------"),
        ("HEARTBEAT", 4, "--------"), ("HEARTBEAT_ACK", 5, "--------"), ("ABORT", 6, "-------T"), ("SHUTDOWN", 7, "--------"),
        ("SHUTDOWN_ACK", 8, "--------"), ("ERROR", 9, "--------"), ("COOKIE_ECHO", 10, "--------"), ("COOKIE_ACK", 11, "--------"),
        ("ECN_ECNE", 12, "--------"), ("ECN_CWR", 13, "--------"), ("SHUTDOWN_COMPLETE", 14, "-------T"), ("I_DATA", 64, "----IUBE"),
        ("RE_CONFIG", 130, "--------"), ("PAD", 132, "--------"), ("ASCONF", 193, "--------"), ("ASCONF_ACK", 128, "--------"),
        ("FORWARD_TSN", 192, "--------"), ("I_FORWARD_TSN", 194, "--------"),
    };

    public static void Save(SaveText o, in XtSctpInfo info, in SaveContext c)
    {
        if ((info.flags & XtSctp.XT_SCTP_SRC_PORTS) != 0)
        {
            o.Write((info.invflags & XtSctp.XT_SCTP_SRC_PORTS) != 0 ? " !" : string.Empty);
            Matches.PortRange(o, " --sport ", info.spts[0], info.spts[1]);
        }

        if ((info.flags & XtSctp.XT_SCTP_DEST_PORTS) != 0)
        {
            o.Write((info.invflags & XtSctp.XT_SCTP_DEST_PORTS) != 0 ? " !" : string.Empty);
            Matches.PortRange(o, " --dport ", info.dpts[0], info.dpts[1]);
        }

        if ((info.flags & XtSctp.XT_SCTP_CHUNK_TYPES) != 0)
        {
            o.Write((info.invflags & XtSctp.XT_SCTP_CHUNK_TYPES) != 0 ? " !" : string.Empty);
            o.Write(" --chunk-types");
            ChunkList(o, info);
        }
    }

    // print_chunks with names.
    private static void ChunkList(SaveText o, in XtSctpInfo info)
    {
        switch (info.chunk_match_type)
        {
            case XtSctp.SCTP_CHUNK_MATCH_ANY: o.Write(" any"); break;
            case XtSctp.SCTP_CHUNK_MATCH_ALL: o.Write(" all"); break;
            case XtSctp.SCTP_CHUNK_MATCH_ONLY: o.Write(" only"); break;
            default: o.Write("Never reach here\n"); break;
        }

        bool clear = true, all = true;
        for (int w = 0; w < 64; w++)
        {
            clear &= info.chunkmap[w] == 0;
            all &= info.chunkmap[w] == uint.MaxValue;
        }

        if (clear)
        {
            o.Write(" NONE");
            return;
        }

        if (all)
        {
            o.Write(" ALL");
            return;
        }

        bool first = true;
        int flagCount = System.Math.Clamp(info.flag_count, 0, XtSctp.XT_NUM_SCTP_FLAGS);
        for (int type = 0; type < 256; type++)
        {
            if ((info.chunkmap[type / 32] & (1u << (type % 32))) == 0)
            {
                continue;
            }

            o.Write(first ? ' ' : ',');
            first = false;
            string flags = "--------";
            foreach (var chunk in Chunks)
            {
                if (chunk.Type == type)
                {
                    o.Write(chunk.Name);
                    flags = chunk.Flags;
                }
            }

            for (int j = 0; j < flagCount; j++)
            {
                ref readonly var f = ref info.flag_info[j];
                if (f.chunktype != type)
                {
                    continue;
                }

                // print_chunk_flags: ':' then, highest bit first, the flag's letter (lower case when it must be clear).
                if (f.flag_mask != 0)
                {
                    o.Write(':');
                }

                for (int bit = 7; bit >= 0; bit--)
                {
                    if ((f.flag_mask & (1 << bit)) != 0)
                    {
                        char letter = flags[7 - bit];
                        o.Write((f.flag & (1 << bit)) != 0 ? letter : char.ToLowerInvariant(letter));
                    }
                }
            }
        }
    }
}
