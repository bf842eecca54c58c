using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelStructs.Fuzz.Cases;

/// <summary>A source file of a case.</summary>
public sealed record CaseFile(string Path, string Text);

/// <summary>How the case's compilation is set up.</summary>
/// <param name="LayoutManifest">Whether the project asks for layout manifests (<c>KernelStructsLayoutManifest</c>).</param>
/// <param name="AllowUnsafe">Whether unsafe code is allowed.</param>
/// <param name="Executable">Whether the output is an executable (top-level statements need one).</param>
/// <param name="LanguageVersion">The C# version, a <c>LanguageVersion</c> name.</param>
public sealed record CaseOptions(bool LayoutManifest, bool AllowUnsafe, bool Executable, string LanguageVersion = "Latest");

/// <summary>One input to the generator and the analyzers: the files, the options, and the mutation kinds that made it.</summary>
public sealed record FuzzCase(long Index, IReadOnlyList<CaseFile> Files, CaseOptions Options, IReadOnlyList<string> Kinds)
{
    /// <summary>The file every case carries: a valid struct that must get its code whatever the other files hold.</summary>
    public const string CanaryPath = "Canary.cs";

    /// <summary>The canary's type, as the generated code declares it.</summary>
    public const string CanaryDeclaration = "partial struct FuzzCanary";

    public static readonly CaseFile Canary = new(CanaryPath, """
        using KernelStructs;

        namespace KernelStructsFuzzCanary
        {
            [KernelStruct("struct fuzz_canary")]
            public partial struct FuzzCanary
            {
                public uint a;
                public Be16 b;
            }
        }
        """);
}

/// <summary>Draws cases: a valid seed program, then one to three mutations.</summary>
public static class CaseGenerator
{
    /// <summary>Every mutation kind, struct and token mutations together.</summary>
    public static IReadOnlyList<string> Kinds { get; } = Mutations.Select(m => m.Kind).Concat(TokenMutations.Kinds).ToList();

    /// <summary>The mutations of declarations: structs and socket options.</summary>
    private static IReadOnlyList<Mutation> Mutations => StructMutations.All.Concat(SockOptMutations.All).ToList();

    /// <summary>The case <paramref name="index"/> of the run with <paramref name="seed"/>: the same numbers give the same case.</summary>
    public static FuzzCase Generate(int seed, long index)
    {
        var random = new Random(Mix(seed, index));
        var builder = new CaseBuilder(random);
        var kinds = new List<string>();
        var wanted = 1 + random.Next(3);
        string? token = null;
        for (var attempts = 0; kinds.Count < wanted && attempts < 20; attempts++)
        {
            var kind = Kinds[random.Next(Kinds.Count)];
            if (kind.StartsWith(TokenMutations.Prefix, StringComparison.Ordinal))
            {
                if (token is null)
                {
                    token = kind;
                    kinds.Add(kind);
                }

                continue;
            }

            var mutation = Mutations.First(m => m.Kind == kind);
            if (mutation.Apply(builder))
            {
                kinds.Add(kind);
            }
        }

        foreach (var options in builder.SockOpts)
        {
            options.Materialize();
        }

        var files = new List<CaseFile> { new(builder.Main.Path, builder.Main.Render()) };
        if (builder.Second.Types.Count > 0)
        {
            files.Add(new CaseFile(builder.Second.Path, builder.Second.Render()));
        }

        if (token is not null)
        {
            files[0] = files[0] with { Text = TokenMutations.Apply(token, files[0].Text, random) };
        }

        files.Add(FuzzCase.Canary);
        return new FuzzCase(index, files, new CaseOptions(builder.LayoutManifest, builder.AllowUnsafe, builder.Executable, builder.LanguageVersion), kinds);
    }

    /// <summary>A seed for case <paramref name="index"/>: a stable mix of both numbers (splitmix64's finalizer).</summary>
    private static int Mix(int seed, long index)
    {
        unchecked
        {
            var x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xC2B2AE3D27D4EB4FUL);
            x ^= x >> 30;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 27;
            x *= 0x94D049BB133111EBUL;
            x ^= x >> 31;
            return (int)(x ^ (x >> 32));
        }
    }
}

/// <summary>Edits of the source text at the token level: what a user in the middle of typing leaves behind.</summary>
internal static class TokenMutations
{
    public const string Prefix = "token.";

    public static readonly string[] Kinds = ["token.delete", "token.duplicate", "token.swap", "token.replace", "token.insertCharacter"];

    private static readonly string[] Replacements =
    [
        "{", "}", ";", "[", "]", "(", ")", "@", ",", "partial", "struct", "static", "unsafe", "fixed", "=", "*", "?", "<", ">",
        "class", "namespace", "\"", "'", "//", "/*", "#if X", "#endif", "\\u0041", "global::", "..", "0", "-1", "int", "KernelStruct",
    ];

    public static string Apply(string kind, string text, Random random)
    {
        var tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            return text;
        }

        var token = tokens[random.Next(tokens.Count)];
        var span = token.Span;
        switch (kind)
        {
            case "token.delete":
                return text.Remove(span.Start, span.Length);
            case "token.duplicate":
                return text.Insert(span.End, " " + token.Text);
            case "token.swap":
                var other = tokens[random.Next(tokens.Count)];
                var (first, second) = span.Start < other.Span.Start ? (token, other) : (other, token);
                if (first.Span.End > second.Span.Start || first == second)
                {
                    return text;
                }

                return text.Substring(0, first.Span.Start) + second.Text + text.Substring(first.Span.End, second.Span.Start - first.Span.End) + first.Text + text.Substring(second.Span.End);
            case "token.replace":
                return text.Remove(span.Start, span.Length).Insert(span.Start, Replacements[random.Next(Replacements.Length)]);
            default:
                var characters = "{}[]();,.@\"'\\/*#\0\u0085\u2028\u00A0é$`~";
                return text.Insert(random.Next(text.Length + 1), characters[random.Next(characters.Length)].ToString());
        }
    }
}
