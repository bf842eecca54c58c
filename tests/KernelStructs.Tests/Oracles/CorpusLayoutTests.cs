using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using KernelStructs.Testing;
using Xunit;

namespace KernelStructs.Tests.Oracles;

/// <summary>
/// Every uapi mirror of the shipped catalog (runtime/KernelStructs) and of the test-only corpus (Corpus/) against the
/// real headers, as gcc for this machine compiles them: the generated SizeOf, AlignOf, Offsets and bitfield accessors,
/// and the layout the CLR gives the struct at run time. A mirror of a type without a name is probed as the
/// <c>__typeof__</c> of a member that has it, found from the declarations. No layout number is written in this file.
/// </summary>
public class CorpusLayoutTests
{
    /// <summary>
    /// The mirrors: every uapi [KernelStruct] of the catalog and of the test corpus that names its header, and the types
    /// without a name (kernel-internal ones are checked against the kernel's build headers elsewhere; a mirror without a
    /// header, such as two structs the kernel answers one after the other, has no C type to ask about).
    /// </summary>
    public static IReadOnlyList<Type> CorpusTypes { get; } = typeof(KernelStructAttribute).Assembly.GetTypes()
        .Concat(typeof(CorpusLayoutTests).Assembly.GetTypes().Where(t => t.Namespace == "KernelStructs.Tests.Corpus"))
        .Where(t => t.GetCustomAttribute<KernelStructAttribute>() is { Internal: false } a && (a.Header is not null || a.CName is "struct" or "union"))
        .Where(t => !InternalOnly(t))
        .OrderBy(Name, StringComparer.Ordinal)
        .ToList();

    private static readonly Lazy<IReadOnlyDictionary<string, MirrorStruct>> Descriptions = new(() =>
        MirrorDescriptions.Describe(CorpusTypes.Select(Node)).ToDictionary(d => d.CSharpName, StringComparer.Ordinal));

    private static readonly Lazy<(IReadOnlyDictionary<string, GccLayout> Layouts, IReadOnlyDictionary<string, int> HeaderSizes)> Gcc = new(() =>
    {
        var (mirrors, sizes) = LayoutOracle.WithoutNewerMembers(HostTarget, Descriptions.Value.Values, (m, f) => Generated.Int(OffsetsOf(m.CSharpName), f.CName));
        return (LayoutOracle.Probe(HostTarget, mirrors), sizes);
    });

    /// <summary>The mirrors gcc can be asked about: named ones, and those without a name that a named mirror has as a member.</summary>
    public static TheoryData<string> CorpusTypeNames => new(CorpusTypes.Select(Name).Where(n => Descriptions.Value.ContainsKey(n)));

    /// <summary>The C target of the machine the tests run on.</summary>
    public static CTarget HostTarget => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => CTarget.X86_64,
        Architecture.Arm64 => CTarget.Aarch64,
        Architecture.Arm => CTarget.Arm,
        Architecture.S390x => CTarget.S390x,
        var other => throw new PlatformNotSupportedException($"No C target for {other}."),
    };

    /// <summary>A mirror's name in the theories: <c>Namespace.Outer.Name</c>.</summary>
    public static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    [Fact]
    public void The_corpus_covers_the_headers_and_the_members_C_leaves_without_a_name()
    {
        var headers = CorpusTypes.Select(t => t.GetCustomAttribute<KernelStructAttribute>()!.Header).ToHashSet(StringComparer.Ordinal);
        Assert.True(CorpusTypes.Count >= 60, $"{CorpusTypes.Count} corpus structs");
        foreach (var header in new[]
        {
            "linux/in.h", "linux/in6.h", "linux/netfilter/x_tables.h", "linux/netfilter_ipv4/ip_tables.h",
            "linux/netfilter_ipv6/ip6_tables.h", "linux/netfilter_arp/arp_tables.h", "linux/netfilter_bridge/ebtables.h",
            "linux/ip_vs.h", "linux/tcp.h", "linux/socket.h", "linux/netfilter.h",
        })
        {
            Assert.Contains(header, headers);
        }

        // Types without a name, reached through a named member (probed as __typeof__) and as anonymous members (through their parent).
        Assert.Contains(Descriptions.Value.Values, d => d.CType == "__typeof__(((struct xt_entry_match *)0)->u.user)");
        Assert.Contains(Descriptions.Value.Values, d => d.CType == "__typeof__(((struct in6_addr *)0)->in6_u)");
        Assert.Contains(Descriptions.Value[Name(typeof(KernelSockaddrStorage))].Fields, f => f.CSharpName == "u.s.ss_family" && f.CDesignator == "ss_family");
        Assert.Contains(Descriptions.Value[Name(typeof(KernelStructs.Netfilter.EbtEntryMatch.U))].Fields, f => f.CSharpName == "user.name" && f.CDesignator == "name");
    }

    [SkippableTheory]
    [MemberData(nameof(CorpusTypeNames))]
    public void The_CLR_lays_the_mirror_out_as_gcc_does(string name)
    {
        Skip.IfNot(HostTarget.IsAvailable, HostTarget.SkipReason);
        var type = CorpusTypes.Single(t => Name(t) == name);
        var gcc = Gcc.Value.Layouts[name];
        var errors = new List<string>();

        // The generator gives the CLR C's padding before a flexible array member ([StructLayout(Size = n)]).
        var clrSize = ClrLayout.SizeOf(type);
        if (Gcc.Value.HeaderSizes.TryGetValue(name, out var headerSize) ? clrSize < headerSize : clrSize != gcc.Size)
        {
            errors.Add($"CLR size {clrSize}, gcc sizeof {gcc.Size}");
        }

        foreach (var field in gcc.Mirror.Fields.Where(f => !f.IsFlexibleArray))
        {
            var clrOffset = ClrLayout.OffsetOf(type, field.CSharpName);
            if (field.IsBitFieldUnit)
            {
                var unit = ClrLayout.SizeOf(ClrLayout.FieldType(type, field.CSharpName));
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
        Skip.IfNot(HostTarget.IsAvailable, HostTarget.SkipReason);
        var type = CorpusTypes.Single(t => Name(t) == name);
        var gcc = Gcc.Value.Layouts[name];
        var errors = new List<string>();

        if (Gcc.Value.HeaderSizes.TryGetValue(name, out var headerSize))
        {
            // A struct that grows with the kernel: the mirror may be newer than the header, never shorter than it.
            Assert.True(Generated.Int(type, "SizeOf") >= headerSize, $"{name}: SizeOf {Generated.Int(type, "SizeOf")}, header {headerSize}");
        }
        else
        {
            Compare("SizeOf", Generated.Int(type, "SizeOf"), gcc.Size);
        }

        Compare("AlignOf", Generated.Int(type, "AlignOf"), gcc.Alignment);
        var offsets = OffsetsOf(name);
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
            foreach (var mirror in Descriptions.Value.Values)
            {
                foreach (var bitField in mirror.Fields.SelectMany(f => f.BitFields))
                {
                    data.Add(mirror.CSharpName, bitField.Name);
                }
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(BitFields))]
    public void A_bitfield_accessor_sets_and_reads_the_bits_gcc_uses(string name, string bitField)
    {
        Skip.IfNot(HostTarget.IsAvailable, HostTarget.SkipReason);
        var type = CorpusTypes.Single(t => Name(t) == name);
        var gcc = Gcc.Value.Layouts[name];
        Skip.IfNot(gcc.BitFieldImages.ContainsKey(bitField), $"{bitField} is newer than the installed header's {gcc.Mirror.CType}");
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

    /// <summary>The generated <c>Offsets</c> class of a mirror.</summary>
    private static Type OffsetsOf(string name) =>
        CorpusTypes.Single(t => Name(t) == name).GetNestedType("Offsets") ?? throw new InvalidOperationException($"{name} has no generated Offsets class.");

    /// <summary>Whether a type is nested in a kernel-internal mirror (the type of one of its members).</summary>
    private static bool InternalOnly(Type type)
    {
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            if (outer.GetCustomAttribute<KernelStructAttribute>()?.Internal ?? false)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A mirror as its attributes declare it; a field's struct type has a node when it is a [KernelStruct] or an anonymous member's plain struct.</summary>
    public static MirrorNode Node(Type type)
    {
        var attribute = type.GetCustomAttribute<KernelStructAttribute>();
        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .OrderBy(f => f.MetadataToken)
            .Select(f =>
            {
                var cField = f.GetCustomAttribute<CFieldAttribute>();
                var anonymous = cField?.Anonymous ?? false;
                var bitFields = f.GetCustomAttributes<BitFieldAttribute>().Select(b => new MirrorBitField(b.Name, b.Width)).ToList();
                var nested = f.FieldType.IsValueType && (f.FieldType.GetCustomAttribute<KernelStructAttribute>() is not null || anonymous) ? Node(f.FieldType) : null;
                return new MirrorNodeField(f.Name, cField?.Name ?? f.Name, anonymous, bitFields, nested is not null && anonymous && !nested.IsUnnamed ? nested with { CName = "struct" } : nested);
            })
            .ToList();
        return new MirrorNode(
            Name(type),
            attribute?.CName ?? "struct " + type.Name,
            attribute?.Header,
            attribute?.Includes ?? Array.Empty<string>(),
            attribute?.Defines ?? Array.Empty<string>(),
            fields,
            type.GetCustomAttribute<FlexibleArrayAttribute>()?.Name)
        {
            Growing = attribute?.Extent == StructExtent.Growing,
        };
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
