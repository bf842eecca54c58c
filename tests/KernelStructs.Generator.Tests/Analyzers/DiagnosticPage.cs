using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>
/// A diagnostic's help page, <c>docs/diagnostics/KSnnnn.md</c>, read the way <see cref="DiagnosticPageTests"/> compiles
/// it: its <c>##</c> sections and its fenced blocks, each with the hidden context and options of the HTML comments right
/// before it (docs/diagnostics/README.md, "How the examples are checked").
/// </summary>
internal sealed partial record DiagnosticPage(string Id, string Path, ImmutableArray<string> Lines, ImmutableArray<string> Sections, ImmutableArray<PageBlock> Blocks)
{
    public const string ExampleSection = "Example";
    public const string FixSection = "How to fix it";
    public const string SuppressSection = "How to suppress it";

    /// <summary>The folder of the pages in the repository the tests run from.</summary>
    public static string Folder => System.IO.Path.Combine(Infrastructure.RepositoryRoot.Path, "docs", "diagnostics");

    /// <summary>The IDs of every page in <see cref="Folder"/>.</summary>
    public static IEnumerable<string> AllIds()
        => Directory.EnumerateFiles(Folder, "KS*.md")
            .Select(System.IO.Path.GetFileNameWithoutExtension)
            .Where(name => IdPattern().IsMatch(name!))
            .Order(StringComparer.Ordinal)!;

    public static DiagnosticPage Read(string id)
    {
        var path = System.IO.Path.Combine(Folder, id + ".md");
        var lines = File.ReadAllLines(path);
        var section = "";
        var sections = ImmutableArray.CreateBuilder<string>();
        var blocks = ImmutableArray.CreateBuilder<PageBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i][3..].Trim();
                sections.Add(section);
                continue;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            var (context, languageVersion) = Comments(lines, i);
            blocks.Add(new PageBlock(section, lines[i][3..].Trim(), string.Join("\n", lines[(i + 1)..end]), i + 1, context, languageVersion));
            i = end;
        }

        return new DiagnosticPage(id, path, lines.ToImmutableArray(), sections.ToImmutable(), blocks.ToImmutable());
    }

    /// <summary>The text of the <c>##</c> section <paramref name="name"/>, up to the next one ("" without it).</summary>
    public string Section(string name)
    {
        var start = Lines.IndexOf("## " + name);
        if (start < 0)
        {
            return "";
        }

        var end = start + 1;
        while (end < Lines.Length && !Lines[end].StartsWith("## ", StringComparison.Ordinal))
        {
            end++;
        }

        return string.Join("\n", Lines[(start + 1)..end]);
    }

    /// <summary>The HTML comments right above the fence at <paramref name="fence"/>: <c>context:</c> C# and <c>langversion:</c>.</summary>
    private static (string? Context, LanguageVersion? LanguageVersion) Comments(string[] lines, int fence)
    {
        string? context = null;
        LanguageVersion? languageVersion = null;
        for (var end = fence - 1; end >= 0 && lines[end].TrimEnd().EndsWith("-->", StringComparison.Ordinal);)
        {
            var start = end;
            while (start > 0 && !lines[start].Contains("<!--", StringComparison.Ordinal))
            {
                start--;
            }

            var text = string.Join("\n", lines[start..(end + 1)]);
            text = text[(text.IndexOf("<!--", StringComparison.Ordinal) + 4)..text.LastIndexOf("-->", StringComparison.Ordinal)];
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = colon < 0 ? (text.Trim(), "") : (text[..colon].Trim(), text[(colon + 1)..]);
            switch (name)
            {
                case "context":
                    context = value.Trim('\n', ' ') + "\n" + context;
                    break;
                case "langversion":
                    Require(LanguageVersionFacts.TryParse(value.Trim(), out var version), $"{lines[start]}: not a C# version");
                    languageVersion = version;
                    break;
                default:
                    throw new InvalidOperationException($"line {start + 1}: unknown comment '{name}' before a block (context: or langversion:)");
            }

            end = start - 1;
        }

        return (context, languageVersion);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    [GeneratedRegex(@"^KS\d{4}$")]
    private static partial Regex IdPattern();
}

/// <summary>
/// A fenced block of a page: the <c>##</c> section it is in, its language, its text, the page line of its opening
/// fence, and the hidden context and C# version the comments above it give.
/// </summary>
internal sealed record PageBlock(string Section, string Language, string Code, int FenceLine, string? Context, LanguageVersion? LanguageVersion)
{
    public bool IsCSharp => Language == "csharp";

    public override string ToString() => $"the {Language} block at line {FenceLine} ({Section})";
}
