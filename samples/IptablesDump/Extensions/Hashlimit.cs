using KernelStructs.Netfilter.Extensions;

namespace KernelStructs.Samples.IptablesDump.Extensions;

/// <summary>hashlimit_mt_save and its revision wrappers of libxt_hashlimit.c (revision 1 in 1/10000 s, 2 and 3 in µs).</summary>
internal static unsafe class Hashlimit
{
    private const uint GcInterval = 1000;   // XT_HASHLIMIT_GCINTERVAL of libxt_hashlimit.c (ms)
    private const uint ByteExpire = 15;     // XT_HASHLIMIT_BYTE_EXPIRE (s)
    private const uint ByteExpireBurst = 60; // XT_HASHLIMIT_BYTE_EXPIRE_BURST (s)

    private static readonly (string Name, ulong Mult)[] RatesV1 =
    {
        ("day", XtHashlimit.XT_HASHLIMIT_SCALE * 24UL * 60 * 60), ("hour", XtHashlimit.XT_HASHLIMIT_SCALE * 60UL * 60),
        ("min", XtHashlimit.XT_HASHLIMIT_SCALE * 60UL), ("sec", XtHashlimit.XT_HASHLIMIT_SCALE),
    };

    private static readonly (string Name, ulong Mult)[] Rates =
    {
        ("day", XtHashlimit.XT_HASHLIMIT_SCALE_v2 * 24 * 60 * 60), ("hour", XtHashlimit.XT_HASHLIMIT_SCALE_v2 * 60 * 60),
        ("min", XtHashlimit.XT_HASHLIMIT_SCALE_v2 * 60), ("sec", XtHashlimit.XT_HASHLIMIT_SCALE_v2),
    };

    private static readonly (string Name, uint Thresh)[] Units = { ("m", 1024 * 1024), ("k", 1024), (string.Empty, 1) };

    public static void SaveV1(SaveText o, in XtHashlimitMtinfo1 i, in SaveContext c)
        => Save(o, c, 1, i.cfg.mode, i.cfg.avg, i.cfg.burst, i.cfg.size, i.cfg.max, i.cfg.gc_interval, i.cfg.expire, 0, i.cfg.srcmask, i.cfg.dstmask,
            MemoryMarshalBytes(in i.name[0], 16));

    public static void SaveV2(SaveText o, in XtHashlimitMtinfo2 i, in SaveContext c)
        => Save(o, c, 2, i.cfg.mode, i.cfg.avg, i.cfg.burst, i.cfg.size, i.cfg.max, i.cfg.gc_interval, i.cfg.expire, 0, i.cfg.srcmask, i.cfg.dstmask,
            MemoryMarshalBytes(in i.name[0], XtHashlimit.NAME_MAX));

    public static void SaveV3(SaveText o, in XtHashlimitMtinfo3 i, in SaveContext c)
        => Save(o, c, 3, i.cfg.mode, i.cfg.avg, i.cfg.burst, i.cfg.size, i.cfg.max, i.cfg.gc_interval, i.cfg.expire, i.cfg.interval, i.cfg.srcmask, i.cfg.dstmask,
            MemoryMarshalBytes(in i.name[0], XtHashlimit.NAME_MAX));

    private static System.ReadOnlySpan<byte> MemoryMarshalBytes(in byte first, int length)
        => System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(in first, length);

    private static void Save(
        SaveText o, in SaveContext c, int revision, uint mode, ulong avg, ulong burst, uint size, uint max, uint gcInterval, uint expire,
        uint interval, byte srcmask, byte dstmask, System.ReadOnlySpan<byte> name)
    {
        uint quantum;
        o.Write((mode & XtHashlimit.XT_HASHLIMIT_INVERT) != 0 ? " --hashlimit-above" : " --hashlimit-upto");
        if ((mode & XtHashlimit.XT_HASHLIMIT_BYTES) != 0)
        {
            quantum = Bytes(o, avg, burst);
        }
        else
        {
            quantum = Rate(o, avg, revision);
            o.Write(" --hashlimit-burst ");
            o.Num(burst);
        }

        if ((mode & (XtHashlimit.XT_HASHLIMIT_HASH_SIP | XtHashlimit.XT_HASHLIMIT_HASH_SPT | XtHashlimit.XT_HASHLIMIT_HASH_DIP | XtHashlimit.XT_HASHLIMIT_HASH_DPT)) != 0)
        {
            o.Write(" --hashlimit-mode ");
            bool previous = false;
            void Mode(uint bit, string text)
            {
                if ((mode & bit) != 0)
                {
                    o.Write(previous ? "," : string.Empty);
                    o.Write(text);
                    previous = true;
                }
            }

            Mode(XtHashlimit.XT_HASHLIMIT_HASH_SIP, "srcip");
            Mode(XtHashlimit.XT_HASHLIMIT_HASH_SPT, "srcport");
            Mode(XtHashlimit.XT_HASHLIMIT_HASH_DIP, "dstip");
            Mode(XtHashlimit.XT_HASHLIMIT_HASH_DPT, "dstport");
        }

        o.Write(" --hashlimit-name ");
        o.CString(name);
        if (size != 0)
        {
            o.Write(" --hashlimit-htable-size ");
            o.Num(size);
        }

        if (max != 0)
        {
            o.Write(" --hashlimit-htable-max ");
            o.Num(max);
        }

        if (gcInterval != GcInterval)
        {
            o.Write(" --hashlimit-htable-gcinterval ");
            o.Num(gcInterval);
        }

        if (expire != quantum)
        {
            o.Write(" --hashlimit-htable-expire ");
            o.Num(expire);
        }

        byte defaultMask = (byte)(c.IsIPv6 ? 128 : 32);
        if (srcmask != defaultMask)
        {
            o.Write(" --hashlimit-srcmask ");
            o.Num(srcmask);
        }

        if (dstmask != defaultMask)
        {
            o.Write(" --hashlimit-dstmask ");
            o.Num(dstmask);
        }

        if (revision == 3 && (mode & XtHashlimit.XT_HASHLIMIT_RATE_MATCH) != 0)
        {
            o.Write(" --hashlimit-rate-match");
            if (interval != 1)
            {
                o.Write(" --hashlimit-rate-interval ");
                o.Num(interval);
            }
        }
    }

    // print_rate: as the limit match's, in the revision's scale; returns the rate unit in ms (the default expiry).
    private static uint Rate(SaveText o, ulong period, int revision)
    {
        var rates = revision == 1 ? RatesV1 : Rates;
        ulong scale = revision == 1 ? XtHashlimit.XT_HASHLIMIT_SCALE : XtHashlimit.XT_HASHLIMIT_SCALE_v2;
        if (period == 0)
        {
            o.Write(' ');
            o.Fixed(double.PositiveInfinity, 6);
            return 0;
        }

        int i;
        for (i = 1; i < rates.Length; ++i)
        {
            if (period > rates[i].Mult || rates[i].Mult / period < rates[i].Mult % period)
            {
                break;
            }
        }

        o.Write(' ');
        o.Num(rates[i - 1].Mult / period);
        o.Write('/');
        o.Write(rates[i - 1].Name);
        return (uint)(rates[i - 1].Mult / scale * 1000);
    }

    // print_bytes: the byte rate (cost_to_bytes of avg) in the largest unit that reads back to the same cost, then the burst.
    private static uint Bytes(SaveText o, ulong avg, ulong burst)
    {
        ulong r = CostToBytes(avg);
        int i;
        for (i = 0; i < Units.Length - 1; ++i)
        {
            if (r >= Units[i].Thresh && BytesToCost(r & ~((ulong)Units[i].Thresh - 1)) == avg)
            {
                break;
            }
        }

        o.Write(' ');
        o.Num(r / Units[i].Thresh);
        o.Write(Units[i].Name);
        o.Write("b/s");
        if (burst == 0)
        {
            return ByteExpire * 1000;
        }

        r *= burst;
        o.Write(" --hashlimit-");
        for (i = 0; i < Units.Length - 1; ++i)
        {
            if (r >= Units[i].Thresh)
            {
                break;
            }
        }

        o.Write("burst ");
        o.Num(r / Units[i].Thresh);
        o.Write(Units[i].Name);
        o.Write('b');
        return ByteExpireBurst * 1000;
    }

    private static ulong CostToBytes(ulong cost)
    {
        ulong r = cost != 0 ? uint.MaxValue / cost : uint.MaxValue;
        return (r - 1) << XtHashlimit.XT_HASHLIMIT_BYTE_SHIFT;
    }

    private static ulong BytesToCost(ulong bytes)
    {
        uint r = (uint)(bytes >> XtHashlimit.XT_HASHLIMIT_BYTE_SHIFT);
        return uint.MaxValue / (r + 1UL);
    }
}
