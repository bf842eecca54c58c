using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Tests.Oracles;

/// <summary>
/// Every mirror in the test corpus (Corpus/) against the real uapi headers, as gcc for this machine
/// compiles them: the generated SizeOf, AlignOf, Offsets and bitfield accessors, and the layout the CLR
/// gives the struct at run time. No layout number is written in this file.
/// </summary>
public class CorpusLayoutTests
{
    public static IReadOnlyList<Type> CorpusTypes { get; } = typeof(CorpusLayoutTests).Assembly.GetTypes()
        .Where(t => t.Namespace == "KernelStructs.Tests.Corpus" && t.GetCustomAttribute<KernelStructAttribute>() is not null)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    private static readonly Lazy<IReadOnlyDictionary<string, GccLayout>> Gcc = new(() => LayoutOracle.Probe(HostTarget, CorpusTypes.Select(Mirror)));

    public static TheoryData<string> CorpusTypeNames => new(CorpusTypes.Select(t => t.Name));

    /// <summary>The C target of the machine the tests run on.</summary>
    public static CTarget HostTarget => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => CTarget.X86_64,
        Architecture.Arm64 => CTarget.Aarch64,
        Architecture.Arm => CTarget.Arm,
        Architecture.S390x => CTarget.S390x,
        var other => throw new PlatformNotSupportedException($"No C target for {other}."),
    };

    [Fact]
    public void The_corpus_covers_the_headers()
    {
        var headers = CorpusTypes.Select(t => t.GetCustomAttribute<KernelStructAttribute>()!.Header).ToHashSet(StringComparer.Ordinal);
        Assert.True(CorpusTypes.Count >= 30, $"{CorpusTypes.Count} corpus structs");
        foreach (var header in new[]
        {
            "linux/in.h", "linux/in6.h", "linux/netfilter/x_tables.h", "linux/netfilter_ipv4/ip_tables.h",
            "linux/netfilter_ipv6/ip6_tables.h", "linux/netfilter_arp/arp_tables.h", "linux/netfilter_bridge/ebtables.h",
            "linux/ip_vs.h", "linux/tcp.h",
        })
        {
            Assert.Contains(header, headers);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(CorpusTypeNames))]
    public void The_CLR_lays_the_mirror_out_as_gcc_does(string name)
    {
        HostTarget.SkipUnlessAvailable();
        var type = CorpusTypes.Single(t => t.Name == name);
        var gcc = Gcc.Value[name];
        var errors = new List<string>();

        // The generator gives the CLR C's padding before a flexible array member ([StructLayout(Size = n)]).
        var clrSize = ClrLayout.SizeOf(type);
        if (clrSize != gcc.Size)
        {
            errors.Add($"CLR size {clrSize}, gcc sizeof {gcc.Size}");
        }

        foreach (var field in gcc.Mirror.Fields.Where(f => !f.IsFlexibleArray))
        {
            var clrOffset = ClrLayout.OffsetOf(type, field.CSharpName);
            if (field.IsBitFieldUnit)
            {
                var unit = ClrLayout.SizeOf(type.GetField(field.CSharpName)!.FieldType);
                foreach (var bitField in field.BitFields)
                {
                    var (first, last) = LayoutOracle.SetBytes(gcc.BitFieldImages[bitField.Name]);
                    if (first < clrOffset || last >= clrOffset + unit)
                    {
                        errors.Add($"{bitField.Name}: gcc sets bytes {first}..{last}, the CLR puts its unit {field.CSharpName} at {clrOffset}..{clrOffset + unit - 1}");
                    }
                }
            }
            else if (clrOffset != gcc.Offsets[field.CName])
            {
                errors.Add($"{field.CSharpName}: CLR offset {clrOffset}, gcc offsetof({gcc.Mirror.CType}, {field.CDesignator}) {gcc.Offsets[field.CName]}");
            }
        }

        Assert.True(errors.Count == 0, $"{name} ({gcc.Mirror.CType}) on {HostTarget}:\n" + string.Join("\n", errors));
    }

    [SkippableTheory]
    [MemberData(nameof(CorpusTypeNames))]
    public void The_generated_layout_constants_equal_gcc(string name)
    {
        HostTarget.SkipUnlessAvailable();
        var type = CorpusTypes.Single(t => t.Name == name);
        var gcc = Gcc.Value[name];
        var errors = new List<string>();

        Compare("SizeOf", Generated.Int(type, "SizeOf"), gcc.Size);
        Compare("AlignOf", Generated.Int(type, "AlignOf"), gcc.Alignment);
        var offsets = type.GetNestedType("Offsets") ?? throw new InvalidOperationException($"{name} has no generated Offsets class.");
        foreach (var field in gcc.Mirror.Fields.Where(f => !f.IsBitFieldUnit))
        {
            Compare($"Offsets.{field.CName}", Generated.Int(offsets, field.CName), gcc.Offsets[field.CName]);
        }

        Assert.True(errors.Count == 0, $"{name} ({gcc.Mirror.CType}) on {HostTarget}:\n" + string.Join("\n", errors));

        void Compare(string what, int generated, int expected)
        {
            if (generated != expected)
            {
                errors.Add($"{what}: generated {generated}, gcc {expected}");
            }
        }
    }

    public static TheoryData<string, string> BitFields
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var type in CorpusTypes)
            {
                foreach (var bitField in Mirror(type).Fields.SelectMany(f => f.BitFields))
                {
                    data.Add(type.Name, bitField.Name);
                }
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(BitFields))]
    public void A_bitfield_accessor_sets_and_reads_the_bits_gcc_uses(string name, string bitField)
    {
        HostTarget.SkipUnlessAvailable();
        var type = CorpusTypes.Single(t => t.Name == name);
        var gcc = Gcc.Value[name];
        var field = gcc.Mirror.Fields.Single(f => f.BitFields.Any(b => b.Name == bitField));
        var width = field.BitFields.Single(b => b.Name == bitField).Width;
        var property = type.GetProperty(bitField) ?? throw new InvalidOperationException($"{name} has no generated property {bitField}.");
        var allOnes = Convert.ChangeType((1UL << width) - 1, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture);

        // gcc's image: only this bitfield set to -1 (all ones of its real width).
        var expected = gcc.BitFieldImages[bitField];

        var written = Activator.CreateInstance(type)!;
        property.SetValue(written, allOnes);
        Assert.Equal(Hex(expected), Hex(ClrLayout.BytesOf(written)[..expected.Length]));

        var read = ClrLayout.FromBytes(type, Pad(expected, ClrLayout.SizeOf(type)));
        Assert.Equal(allOnes, property.GetValue(read));
        foreach (var other in field.BitFields.Where(b => b.Name != bitField))
        {
            Assert.Equal(Convert.ChangeType(0, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture), type.GetProperty(other.Name)!.GetValue(read));
        }
    }

    /// <summary>The mirror description of a corpus type, from its attributes.</summary>
    public static MirrorStruct Mirror(Type type)
    {
        var attribute = type.GetCustomAttribute<KernelStructAttribute>()!;
        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .OrderBy(f => f.MetadataToken)
            .Select(f =>
            {
                var cName = f.GetCustomAttribute<CFieldAttribute>()?.Name ?? f.Name;
                var bitFields = f.GetCustomAttributes<BitFieldAttribute>().Select(b => new MirrorBitField(b.Name, b.Width)).ToList();
                return new MirrorField(f.Name, cName, CorpusC.DesignatorOf(type.Name, f.Name, cName), bitFields);
            })
            .ToList();
        if (type.GetCustomAttribute<FlexibleArrayAttribute>() is { } flexible)
        {
            fields.Add(new MirrorField(flexible.Name, flexible.Name, flexible.Name, Array.Empty<MirrorBitField>(), IsFlexibleArray: true));
        }

        return new MirrorStruct(type.Name, CorpusC.CTypeOf(type.Name, attribute.CName), attribute.Header, fields);
    }

    private static byte[] Pad(byte[] bytes, int length)
    {
        var padded = new byte[Math.Max(length, bytes.Length)];
        bytes.CopyTo(padded, 0);
        return padded;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}

/// <summary>Reads the generated layout members, which are constants or, when the layout depends on the pointer size, static properties.</summary>
internal static class Generated
{
    public static int Int(Type type, string name)
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        if (type.GetField(name, Static) is { } field)
        {
            return Convert.ToInt32(field.GetValue(null), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.GetProperty(name, Static) is { } property)
        {
            return Convert.ToInt32(property.GetValue(null), System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"{type.FullName} has no generated member {name}.");
    }
}
