using System.Collections.Generic;
using KernelStructs.Netfilter;
using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>
/// The set match (libxt_set.c) and SET target (libxt_SET.c). A payload names its sets by index; the names come
/// from the kernel (<c>SO_IP_SET</c>, <c>IP_SET_OP_GET_BYINDEX</c>), through the socket the table was read with.
/// </summary>
internal static unsafe class Sets
{
    // print_match_v0 / print_target_v0.
    private static void InfoV0(SaveText o, in XtSetInfoV0 info, in SaveContext c, string prefix, bool match)
    {
        if (!match && info.index == XtSetConstants.IPSET_INVALID_ID)
        {
            return;
        }

        if (match)
        {
            o.Write((info.u.flags[0] & XtSetConstants.IPSET_MATCH_INV) != 0 ? " !" : string.Empty);
        }

        o.Write(' ');
        o.Write(prefix);
        o.Write(' ');
        Name(o, c, info.index);
        for (int i = 0; i < XtSetConstants.IPSET_DIM_MAX; i++)
        {
            uint flags = info.u.flags[i];
            if (flags == 0)
            {
                break;
            }

            o.Write(i == 0 ? " " : ",");
            o.Write((flags & XtSetConstants.IPSET_SRC) != 0 ? "src" : "dst");
        }
    }

    // print_match / print_target.
    private static void Info(SaveText o, in XtSetInfo info, in SaveContext c, string prefix, bool match)
    {
        if (!match && info.index == XtSetConstants.IPSET_INVALID_ID)
        {
            return;
        }

        if (match)
        {
            o.Write((info.flags & XtSetConstants.IPSET_INV_MATCH) != 0 ? " !" : string.Empty);
        }

        o.Write(' ');
        o.Write(prefix);
        o.Write(' ');
        Name(o, c, info.index);
        for (int i = 1; i <= info.dim; i++)
        {
            o.Write(i == 1 ? " " : ",");
            o.Write((info.flags & (1 << i)) != 0 ? "src" : "dst");
        }
    }

    private static void Name(SaveText o, in SaveContext c, ushort index)
    {
        if (c.Sets?.Name(index) is string name)
        {
            o.Write(name);
        }
        else
        {
            o.Write("[unsupported: set index ");
            o.Num(index);
            o.Write(']');
        }
    }

    public static void MatchV0(SaveText o, in XtSetInfoMatchV0 i, in SaveContext c) => InfoV0(o, i.match_set, c, "--match-set", match: true);

    public static void MatchV1(SaveText o, in XtSetInfoMatchV1 i, in SaveContext c) => Info(o, i.match_set, c, "--match-set", match: true);

    // set_save_v2: IPSET_RETURN_NOMATCH (1 << IPSET_BIT_RETURN_NOMATCH, bit 7) in the set's flags.
    public static void MatchV2(SaveText o, in XtSetInfoMatchV1 i, in SaveContext c)
    {
        Info(o, i.match_set, c, "--match-set", match: true);
        if ((i.match_set.flags & XtSetConstants.IPSET_RETURN_NOMATCH) != 0)
        {
            o.Write(" --return-nomatch");
        }
    }

    public static void MatchV3(SaveText o, in XtSetInfoMatchV3 i, in SaveContext c)
    {
        Info(o, i.match_set, c, "--match-set", match: true);
        Flags(o, i.flags);
        Counter(o, i.packets.op, i.packets.value, "packets");
        Counter(o, i.bytes.op, i.bytes.value, "bytes");
    }

    public static void MatchV4(SaveText o, in XtSetInfoMatchV4 i, in SaveContext c)
    {
        Info(o, i.match_set, c, "--match-set", match: true);
        Flags(o, i.flags);
        Counter(o, i.packets.op, i.packets.value, "packets");
        Counter(o, i.bytes.op, i.bytes.value, "bytes");
    }

    private static void Flags(SaveText o, uint flags)
    {
        if ((flags & XtSetConstants.IPSET_FLAG_RETURN_NOMATCH) != 0) o.Write(" --return-nomatch");
        if ((flags & XtSetConstants.IPSET_FLAG_SKIP_COUNTER_UPDATE) != 0) o.Write(" ! --update-counters");
        if ((flags & XtSetConstants.IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE) != 0) o.Write(" ! --update-subcounters");
    }

    // set_printv3_counter / set_printv4_counter.
    private static void Counter(SaveText o, byte op, ulong value, string name)
    {
        string? text = op switch
        {
            XtSetConstants.IPSET_COUNTER_EQ => " --" + name + "-eq ",
            XtSetConstants.IPSET_COUNTER_NE => " ! --" + name + "-eq ",
            XtSetConstants.IPSET_COUNTER_LT => " --" + name + "-lt ",
            XtSetConstants.IPSET_COUNTER_GT => " --" + name + "-gt ",
            _ => null,
        };
        if (text is not null)
        {
            o.Write(text);
            o.Num(value);
        }
    }

    public static void TargetV0(SaveText o, in XtSetInfoTargetV0 i, in SaveContext c)
    {
        InfoV0(o, i.add_set, c, "--add-set", match: false);
        InfoV0(o, i.del_set, c, "--del-set", match: false);
    }

    public static void TargetV1(SaveText o, in XtSetInfoTargetV1 i, in SaveContext c)
    {
        Info(o, i.add_set, c, "--add-set", match: false);
        Info(o, i.del_set, c, "--del-set", match: false);
    }

    public static void TargetV2(SaveText o, in XtSetInfoTargetV2 i, in SaveContext c)
    {
        Info(o, i.add_set, c, "--add-set", match: false);
        ExistTimeout(o, i.flags, i.timeout);
        Info(o, i.del_set, c, "--del-set", match: false);
    }

    public static void TargetV3(SaveText o, in XtSetInfoTargetV3 i, in SaveContext c)
    {
        Info(o, i.add_set, c, "--add-set", match: false);
        ExistTimeout(o, i.flags, i.timeout);
        Info(o, i.del_set, c, "--del-set", match: false);
        Info(o, i.map_set, c, "--map-set", match: false);
        if ((i.flags & XtSetConstants.IPSET_FLAG_MAP_SKBMARK) != 0) o.Write(" --map-mark");
        if ((i.flags & XtSetConstants.IPSET_FLAG_MAP_SKBPRIO) != 0) o.Write(" --map-prio");
        if ((i.flags & XtSetConstants.IPSET_FLAG_MAP_SKBQUEUE) != 0) o.Write(" --map-queue");
    }

    private static void ExistTimeout(SaveText o, uint flags, uint timeout)
    {
        if ((flags & XtSetConstants.IPSET_FLAG_EXIST) != 0)
        {
            o.Write(" --exist");
        }

        if (timeout != uint.MaxValue)
        {
            o.Write(" --timeout ");
            o.Num(timeout);
        }
    }
}

/// <summary>Set names by index, asked of the kernel once each (<see cref="IpSets.GetName"/>).</summary>
internal sealed class SetNames
{
    private readonly int _fd;
    private readonly Dictionary<ushort, string?> _names = new();

    public SetNames(int fd) => _fd = fd;

    public string? Name(ushort index)
    {
        if (!_names.TryGetValue(index, out string? name))
        {
            _names[index] = name = IpSets.GetName(_fd, index);
        }

        return name;
    }
}
