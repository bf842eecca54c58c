using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using KernelStructs.Netfilter;

namespace KernelStructs.Tests.Netfilter.Fuzz;

/// <summary>What a field of a blob holds, for the values a mutation writes into it.</summary>
internal enum FieldKind
{
    /// <summary>An offset from the start of the record (<c>next_offset</c>, <c>target_offset</c>, <c>watchers_offset</c>).</summary>
    Offset,

    /// <summary>A size (<c>match_size</c>, <c>target_size</c>).</summary>
    Size,

    /// <summary>A count (<c>nentries</c>, <c>counter_offset</c>).</summary>
    Count,

    /// <summary>An extension's or chain's name (<see cref="Field.Size"/> bytes).</summary>
    Name,

    /// <summary>An extension's revision.</summary>
    Revision,

    /// <summary>A standard target's verdict: a negative verdict or the offset of an entry.</summary>
    Verdict,

    /// <summary>Other bytes: flags, addresses, counters, payloads.</summary>
    Bytes,
}

/// <summary>A field of a well-formed blob: where it is, how wide (1, 2, 4 bytes, or a name's length), what it holds.</summary>
internal readonly record struct Field(int At, int Size, FieldKind Kind, string What);

/// <summary>
/// A well-formed blob and where its fields and records are, found by walking it once; <see cref="Mutate"/> damages a
/// copy of it.
/// </summary>
internal sealed class BlobShape
{
    private static readonly string[] Names = XtExtensions.All.Select(e => e.Name).Distinct()
        .Concat(["", "ERROR", "standard", "ip", "mark_m", "pkttype", "limit", "log", "mark", "snat", "dnat", "redirect", "INPUT", "ks0"]).ToArray();

    public BlobShape(byte[] blob, List<Field> fields, List<(int Start, int Length)> records)
    {
        Blob = blob;
        Fields = fields;
        Records = records;
    }

    public byte[] Blob { get; }

    public List<Field> Fields { get; }

    /// <summary>The records (entries; for ebtables chain heads and rules): what duplicating and removing work on.</summary>
    public List<(int Start, int Length)> Records { get; }

    /// <summary>A damaged copy of the blob and what was done to it.</summary>
    public (byte[] Data, string Mutation) Mutate(Random r)
    {
        byte[] data = (byte[])Blob.Clone();
        int n = r.Next(8) == 0 ? r.Next(2, 4) : 1;
        var done = new List<string>();
        for (int i = 0; i < n; i++)
        {
            done.Add(MutateOnce(ref data, r));
        }

        return (data, string.Join("; then ", done));
    }

    /// <summary>A value for a 32-bit word that holds an offset or a count: near a record's start, or anything.</summary>
    public uint Offset(Random r, uint old) => r.Next(6) switch
    {
        0 => (uint)Records[r.Next(Records.Count)].Start,
        1 => (uint)(Records[r.Next(Records.Count)].Start + r.Next(-9, 10)),
        2 => old + (uint)r.Next(-9, 10),
        3 => (uint)Blob.Length + (uint)r.Next(-9, 10),
        4 => (uint)r.Next(3) switch { 0 => 0, 1 => uint.MaxValue, _ => int.MaxValue },
        _ => (uint)r.Next() ^ (uint)r.Next(2) << 31,
    };

    private string MutateOnce(ref byte[] data, Random r)
    {
        switch (r.Next(12))
        {
            case 0:
            {
                int length = r.Next(4) == 0 && Records.Count > 0 ? Records[r.Next(Records.Count)].Start + r.Next(-8, 9) : r.Next(data.Length + 1);
                length = Math.Clamp(length, 0, data.Length);
                data = data[..length];
                return $"truncated to {length} bytes";
            }

            case 1:
            {
                var flips = new List<int>();
                for (int k = r.Next(1, 9); k > 0 && data.Length > 0; k--)
                {
                    int at = r.Next(data.Length);
                    data[at] ^= (byte)(1 << r.Next(8));
                    flips.Add(at);
                }

                return $"bits flipped at {string.Join(",", flips)}";
            }

            case 2:
            {
                if (data.Length == 0)
                {
                    return "nothing (empty)";
                }

                int start = r.Next(data.Length);
                int end = Math.Min(data.Length, start + r.Next(1, 64));
                r.NextBytes(data.AsSpan(start, end - start));
                return $"bytes {start}..{end} randomized";
            }

            case 3:
            {
                int extra = r.Next(1, 200);
                int at = data.Length;
                Array.Resize(ref data, data.Length + extra);
                if (r.Next(2) == 0)
                {
                    r.NextBytes(data.AsSpan(at));
                }
                else if (Records.Count > 0)
                {
                    var (s, l) = Records[r.Next(Records.Count)];
                    extra = Math.Min(extra, l);
                    Array.Resize(ref data, at + extra);
                    Blob.AsSpan(s, extra).CopyTo(data.AsSpan(at));
                }

                return $"extended by {extra} bytes";
            }

            case 4 when Records.Count > 0:
            {
                var (s, l) = Records[r.Next(Records.Count)];
                if (s + l > data.Length)
                {
                    return "nothing (record cut off)";
                }

                if (r.Next(2) == 0)
                {
                    data = [.. data.AsSpan(0, s + l), .. data.AsSpan(s, l), .. data.AsSpan(s + l)];
                    return $"record at {s} ({l} bytes) duplicated";
                }

                data = [.. data.AsSpan(0, s), .. data.AsSpan(s + l)];
                return $"record at {s} ({l} bytes) removed";
            }

            case 5:
            {
                int from = r.Next(data.Length + 1), to = r.Next(data.Length + 1);
                int count = Math.Min(r.Next(1, 64), Math.Min(data.Length - from, data.Length - to));
                Blob.AsSpan(Math.Min(from, Blob.Length - count), count).CopyTo(data.AsSpan(to));
                return $"{count} bytes copied from {from} to {to}";
            }

            default:
            {
                if (Fields.Count == 0)
                {
                    return "nothing (no fields)";
                }

                var f = Fields[r.Next(Fields.Count)];
                if (f.At + f.Size > data.Length)
                {
                    return $"nothing ({f.What} at {f.At} cut off)";
                }

                return $"{f.What} at {f.At} set to {SetField(data, f, r)}";
            }
        }
    }

    private string SetField(byte[] data, Field f, Random r)
    {
        var span = data.AsSpan(f.At, f.Size);
        switch (f.Kind)
        {
            case FieldKind.Name:
            {
                span.Clear();
                if (r.Next(4) == 0)
                {
                    r.NextBytes(span);
                    return $"random bytes {Convert.ToHexString(span)}";
                }

                string name = Names[r.Next(Names.Length)];
                Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, span.Length)), span);
                return $"'{name}'";
            }

            case FieldKind.Revision:
            {
                byte value = (byte)(r.Next(2) == 0 ? span[0] + r.Next(-2, 3) : r.Next(256));
                span[0] = value;
                return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            case FieldKind.Verdict:
            {
                int value = r.Next(3) switch
                {
                    0 => -r.Next(1, 8),
                    1 => r.Next(3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => r.Next() },
                    _ => (int)Offset(r, (uint)MemoryMarshal.Read<int>(span)),
                };
                MemoryMarshal.Write(span, value);
                return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            case FieldKind.Bytes:
                // Zeros too: a count, a rate or a length of zero is the value a reader forgets.
                if (r.Next(3) == 0)
                {
                    span.Slice(r.Next(span.Length)).Clear();
                }
                else
                {
                    r.NextBytes(span);
                }

                return Convert.ToHexString(span);

            default:
            {
                uint old = f.Size == 2 ? MemoryMarshal.Read<ushort>(span) : MemoryMarshal.Read<uint>(span);
                uint value = r.Next(5) switch
                {
                    0 => old + (uint)r.Next(-16, 17),
                    1 => (uint)r.Next(3) switch { 0 => 0, 1 => 1, _ => uint.MaxValue },
                    2 => old + (uint)(XTables.XtAlignment * r.Next(-4, 5)),
                    3 => f.Kind == FieldKind.Count ? (uint)r.Next(64) : (uint)r.Next(Blob.Length + 64),
                    _ => (uint)r.Next() ^ (uint)r.Next(2) << 31,
                };
                if (f.Size == 2)
                {
                    MemoryMarshal.Write(span, (ushort)value);
                    return ((ushort)value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                MemoryMarshal.Write(span, value);
                return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
