using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using KernelStructs.Analyzers;
using KernelStructs.CodeFixes;
using KernelStructs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace KernelStructs.Generator.Tests.Analyzers;

/// <summary>
/// Every diagnostic page's examples are compiled with the real generator and every KernelStructs analyzer: an example
/// reports exactly what its <c>// KSnnnn</c> comments mark, on their lines; a fix compiles and no longer reports the
/// page's diagnostic; a quoted message is what the analyzer says; a code fix the example gets is named in "How to fix
/// it". The convention is documented in docs/diagnostics/README.md ("How the examples are checked").
/// </summary>
public sealed partial class DiagnosticPageTests
{
    /// <summary>The namespaces every block is compiled with, as global usings (the list in docs/diagnostics/README.md).</summary>
    public static readonly ImmutableArray<string> Usings =
    [
        "KernelStructs",
        "KernelStructs.Netfilter",
        "System",
        "System.Net.Sockets",
        "System.Runtime.CompilerServices",
        "System.Runtime.InteropServices",
        "Tmds.Linux",
    ];

    /// <summary>The class statements and members are wrapped in, and the method statements are wrapped in.</summary>
    private const string ClassHeader = "public static unsafe partial class Example\n{\n";
    private const string MethodHeader = "    public static void Run(int fd, Socket socket)\n    {\n";

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(KernelStructAnalyzer).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static readonly ImmutableArray<CodeFixProvider> CodeFixes = typeof(CharToByteCodeFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static TheoryData<string> Pages() => new(DiagnosticPage.AllIds());

    [Fact]
    public void Every_page_is_found()
        => Assert.Contains("KS1006", DiagnosticPage.AllIds());

    [Theory]
    // Marked and reported on the same line: no mismatch.
    [InlineData("public char c;   // KS1001", true)]
    // Reported but not marked, marked but not reported, marked on another line, marked once but reported twice.
    [InlineData("public char c;", false)]
    [InlineData("public byte c;   // KS1001", false)]
    [InlineData("// KS1001\npublic char c;", false)]
    [InlineData("public char c, d;   // KS1001", false)]
    [InlineData("public char c, d;   // KS1001, KS1001: both fields", true)]
    public async Task A_block_matches_only_what_it_marks(string fields, bool matches)
    {
        var page = new DiagnosticPage("KS1001", "KS1001.md", [], [], []);
        var code = $"[KernelStruct(\"struct s\")]\npublic partial struct S\n{{\n{fields}\n}}";
        using var run = await ExampleRun.CompileAsync(page, new PageBlock(DiagnosticPage.ExampleSection, "csharp", code, 10, null, null));
        Assert.Equal(matches, !run.Mismatches().Any());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_has_the_common_structure(string id)
    {
        var page = DiagnosticPage.Read(id);
        var reporters = Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        var descriptor = Assert.Single(reporters.SelectMany(a => a.SupportedDiagnostics).Where(d => d.Id == id).Distinct());

        // The title, and the header table with what the descriptor says.
        Assert.Equal($"# {id}: {descriptor.Title}", page.Lines[0]);
        var severity = descriptor.DefaultSeverity.ToString() + (descriptor.IsEnabledByDefault ? "" : ", off by default");
        Assert.Equal(["", "| | |", "|---|---|", $"| Severity | {severity} |", $"| Category | {descriptor.Category} |"], page.Lines.Skip(1).Take(5).ToArray());
        var reportedBy = Assert.Single(page.Lines, line => line.StartsWith("| Reported by | ", StringComparison.Ordinal));
        var names = ReporterName().Matches(reportedBy).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, reporters.Select(r => r.GetType().Name).Append(nameof(KernelStructGenerator))));

        // The sections, in this order (others may stand between them).
        string[] required = ["What it means", "Why it matters", DiagnosticPage.ExampleSection, DiagnosticPage.FixSection, DiagnosticPage.SuppressSection];
        Assert.Equal(required, page.Sections.Where(required.Contains).ToArray());
        Assert.Equal(DiagnosticPage.SuppressSection, page.Sections[^1]);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Examples_report_what_they_mark_and_fixes_compile_without_it(string id)
    {
        var page = DiagnosticPage.Read(id);
        var failures = new List<string>();

        // Examples: exactly the marked diagnostics, the page's own among them.
        var examples = page.Blocks.Where(b => b.IsCSharp && b.Section == DiagnosticPage.ExampleSection).ToList();
        Assert.True(examples.Count > 0, $"{id}.md has no csharp block under '## {DiagnosticPage.ExampleSection}'");
        var reported = new List<Diagnostic>();
        var fixTitles = new SortedSet<string>(StringComparer.Ordinal);
        var fixers = CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(id)).ToList();
        foreach (var block in examples)
        {
            using var run = await ExampleRun.CompileAsync(page, block);
            failures.AddRange(run.Mismatches());
            reported.AddRange(run.Reported);
            foreach (var diagnostic in run.Reported.Where(d => d.Id == id))
            {
                foreach (var fixer in fixers)
                {
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(run.Document, diagnostic, (action, _) => fixTitles.Add(action.Title), CancellationToken.None));
                }
            }
        }

        if (!reported.Any(d => d.Id == id))
        {
            failures.Add($"no example reports {id}");
        }

        // Fixes: they compile, and report only what they mark, which is not the page's diagnostic.
        foreach (var block in page.Blocks.Where(b => b.IsCSharp && b.Section == DiagnosticPage.FixSection))
        {
            using var run = await ExampleRun.CompileAsync(page, block);
            failures.AddRange(run.Mismatches());
            if (run.Reported.Any(d => d.Id == id))
            {
                failures.Add($"{block}: the fix still reports {id}");
            }
        }

        // Quoted messages are what an example reports: a message starts with "KSnnnn: " and runs to the next one (a
        // message may have several lines), and one that ends with "..." is the start of a message.
        foreach (var quote in page.Blocks.Where(b => QuotedMessage().IsMatch(b.Code.Split('\n')[0])))
        {
            var quoted = new List<(string Id, string Text)>();
            foreach (var line in quote.Code.Split('\n'))
            {
                var match = QuotedMessage().Match(line);
                if (match.Success)
                {
                    quoted.Add((match.Groups["id"].Value, match.Groups["text"].Value));
                }
                else
                {
                    quoted[^1] = (quoted[^1].Id, quoted[^1].Text + "\n" + line);
                }
            }

            foreach (var (quotedId, quotedText) in quoted)
            {
                var text = quotedText.TrimEnd('\n');
                var messages = reported.Where(d => d.Id == quotedId).Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
                var found = text.EndsWith("...", StringComparison.Ordinal)
                    ? messages.Any(m => m.StartsWith(text[..^3], StringComparison.Ordinal))
                    : messages.Contains(text);
                if (!found)
                {
                    failures.Add($"{quote}: no example reports\n    {quotedId}: {text}\n  the examples' {quotedId} messages:\n    {string.Join("\n    ", messages)}");
                }
            }
        }

        // A code fix the examples get is named, in italics, under "How to fix it".
        if (fixers.Count > 0 && fixTitles.Count == 0)
        {
            failures.Add($"{string.Join(", ", fixers.Select(f => f.GetType().Name))} fixes {id}, but offers nothing for the examples");
        }

        var fixSection = page.Section(DiagnosticPage.FixSection);
        failures.AddRange(fixTitles.Where(title => !fixSection.Contains($"*{title}*", StringComparison.Ordinal)).Select(title => $"'{DiagnosticPage.FixSection}' does not name the code fix *{title}*"));

        // Suppression blocks name the page's diagnostic.
        foreach (var block in page.Blocks.Where(b => b.Section == DiagnosticPage.SuppressSection))
        {
            failures.AddRange(SuppressedId().Matches(block.Code).Select(m => m.Groups[1].Value).Where(other => other != id).Select(other => $"{block}: names {other}"));
        }

        Assert.True(failures.Count == 0, $"{page.Path}:\n" + string.Join("\n\n", failures));
    }

    /// <summary>One block compiled: what it marks, what the generator's output and the analyzers report, and the block's document.</summary>
    private sealed class ExampleRun : IDisposable
    {
        private const string ExampleFile = "Example.cs";

        private readonly AdhocWorkspace _workspace;
        private readonly PageBlock _block;
        private readonly int _offset;

        private ExampleRun(AdhocWorkspace workspace, PageBlock block, int offset, Document document, ImmutableArray<Diagnostic> reported, ImmutableArray<(int Line, string Id)> marked)
        {
            _workspace = workspace;
            _block = block;
            _offset = offset;
            Document = document;
            Reported = reported;
            Marked = marked;
        }

        /// <summary>The block's document (its wrapping included), in a project that holds the generated code.</summary>
        public Document Document { get; }

        /// <summary>Every KS diagnostic, analyzer failure and compiler error of the compilation.</summary>
        public ImmutableArray<Diagnostic> Reported { get; }

        /// <summary>The diagnostics the block's comments mark, by page line.</summary>
        public ImmutableArray<(int Line, string Id)> Marked { get; }

        public static async Task<ExampleRun> CompileAsync(DiagnosticPage page, PageBlock block)
        {
            var parseOptions = GeneratorHarness.ParseOptions.WithLanguageVersion(block.LanguageVersion ?? LanguageVersion.Latest);
            var specific = new Dictionary<string, ReportDiagnostic>
            {
                // Unification of the runtime's net8.0 references with the running framework, as the SDK does.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            };
            if (Analyzers.SelectMany(a => a.SupportedDiagnostics).Any(d => d.Id == page.Id && !d.IsEnabledByDefault))
            {
                // A diagnostic that is off by default is on for its own page.
                specific[page.Id] = ReportDiagnostic.Info;
            }

            var compilationOptions = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: specific);

            // The context: types as they are, members in the class Example, statements ahead of the block's.
            var context = CSharpSyntaxTree.ParseText(block.Context ?? "", parseOptions).GetCompilationUnitRoot();
            var contextStatements = string.Concat(context.Members.OfType<GlobalStatementSyntax>().Select(s => s.ToFullString()));
            var contextMembers = string.Concat(context.Members.Where(m => Kind(m) == BlockKind.Members).Select(m => m.ToFullString()));
            var contextSource = context.Usings.ToFullString()
                + string.Concat(context.Members.Where(m => Kind(m) == BlockKind.Types).Select(m => m.ToFullString()))
                + (contextMembers.Length > 0 ? ClassHeader + contextMembers + "\n}\n" : "");

            var kind = CSharpSyntaxTree.ParseText(block.Code, parseOptions).GetCompilationUnitRoot().Members.Select(Kind).DefaultIfEmpty(BlockKind.Types).Max();
            if (contextStatements.Length > 0 && kind != BlockKind.Statements)
            {
                throw new InvalidOperationException($"{page.Id}.md, {block}: the context has statements, but the block is no statements");
            }

            var prefix = kind switch
            {
                BlockKind.Statements => ClassHeader + MethodHeader + contextStatements + "\n",
                BlockKind.Members => ClassHeader,
                _ => "",
            };
            var suffix = kind switch
            {
                BlockKind.Statements => "\n    }\n}\n",
                BlockKind.Members => "\n}\n",
                _ => "\n",
            };

            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Example",
                "Example",
                LanguageNames.CSharp,
                compilationOptions: compilationOptions,
                parseOptions: parseOptions,
                metadataReferences: GeneratorHarness.References));
            var solution = project.Solution
                .AddDocument(DocumentId.CreateNewId(project.Id), "Usings.cs", SourceText.From(string.Concat(Usings.Select(u => $"global using {u};\n"))), filePath: "Usings.cs")
                .AddDocument(DocumentId.CreateNewId(project.Id), "Context.cs", SourceText.From(contextSource), filePath: "Context.cs");
            var documentId = DocumentId.CreateNewId(project.Id);
            solution = solution.AddDocument(documentId, ExampleFile, SourceText.From(prefix + block.Code + suffix), filePath: ExampleFile);

            var (result, _) = GeneratorHarness.Run((await solution.GetProject(project.Id)!.GetCompilationAsync())!, parseOptions);
            Assert.All(result.Results, r => Assert.Null(r.Exception));
            foreach (var generated in result.GeneratedTrees)
            {
                var name = System.IO.Path.GetFileName(generated.FilePath);
                solution = solution.AddDocument(DocumentId.CreateNewId(project.Id), name, generated.GetText(), filePath: "Generated/" + name, isGenerated: true);
            }

            var document = solution.GetDocument(documentId)!;
            var compilation = (await document.Project.GetCompilationAsync())!;
            var analyzerDiagnostics = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
            // The generator reports one diagnostic itself (KS1006 for a cycle by value, which stops a build before analyzers run).
            var reported = result.Diagnostics
                .Concat(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
                .Concat(analyzerDiagnostics.Where(d => d.Id.StartsWith("KS", StringComparison.Ordinal) || d.Id.StartsWith("AD", StringComparison.Ordinal)))
                .ToImmutableArray();

            // The markers: a // comment that starts with IDs, in the block's own lines.
            var offset = prefix.Count(c => c == '\n');
            var tree = (await document.GetSyntaxTreeAsync())!;
            var blockLines = block.Code.Split('\n').Length;
            var marked = ImmutableArray.CreateBuilder<(int, string)>();
            foreach (var comment in tree.GetRoot().DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)))
            {
                var line = comment.GetLocation().GetLineSpan().StartLinePosition.Line - offset;
                var marker = Marker().Match(comment.ToString()[2..]);
                if (line >= 0 && line < blockLines && marker.Success)
                {
                    marked.AddRange(marker.Groups["ids"].Value.Split(',').Select(markedId => (block.FenceLine + 1 + line, markedId.Trim())));
                }
            }

            return new ExampleRun(workspace, block, offset, document, reported, marked.ToImmutable());
        }

        /// <summary>What the block marks and the compilation does not report, and what it reports and the block does not mark.</summary>
        public IEnumerable<string> Mismatches()
        {
            var expected = Marked.Select(m => $"line {m.Line}: {m.Id}").Order(StringComparer.Ordinal).ToList();
            var actual = Reported.Select(d => (Key: Key(d), Text: $"{Key(d)} {d.GetMessage(CultureInfo.InvariantCulture)}")).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
            if (!expected.SequenceEqual(actual.Select(a => a.Key)))
            {
                yield return $"{_block}\n  marks:\n    {string.Join("\n    ", expected)}\n  reports:\n    {string.Join("\n    ", actual.Select(a => a.Text))}";
            }
        }

        public void Dispose() => _workspace.Dispose();

        /// <summary>"line N: ID" for a diagnostic on the block's page line N, the file and line for one elsewhere.</summary>
        private string Key(Diagnostic diagnostic)
        {
            var span = diagnostic.Location.GetLineSpan();
            var line = span.StartLinePosition.Line - _offset;
            var inBlock = span.Path == ExampleFile && line >= 0 && line < _block.Code.Split('\n').Length;
            return inBlock ? $"line {_block.FenceLine + 1 + line}: {diagnostic.Id}" : $"{span.Path}({span.StartLinePosition.Line + 1}): {diagnostic.Id}";
        }
    }

    private enum BlockKind
    {
        Types,
        Members,
        Statements,
    }

    /// <summary>
    /// A type (or namespace), a member, or a statement. At the top level the parser reads a member such as
    /// <c>public const int X = 1;</c> or <c>[A] public static partial T M();</c> as a statement: its attributes or an
    /// accessibility or <c>partial</c> modifier make it a member.
    /// </summary>
    private static BlockKind Kind(MemberDeclarationSyntax member) => member switch
    {
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } when local.AttributeLists.Count > 0 || local.Modifiers.Any(IsMemberModifier) => BlockKind.Members,
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } when function.AttributeLists.Count > 0 || function.Modifiers.Any(IsMemberModifier) => BlockKind.Members,
        GlobalStatementSyntax => BlockKind.Statements,
        BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax => BlockKind.Types,
        _ => BlockKind.Members,
    };

    private static bool IsMemberModifier(SyntaxToken modifier)
        => modifier.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.PartialKeyword;

    /// <summary>A marker: a comment that starts with diagnostic IDs, separated by commas (an ID twice: reported twice).</summary>
    [GeneratedRegex(@"^\s*(?<ids>(?:KS|CS)\d{4}(?:\s*,\s*(?:KS|CS)\d{4})*)(?![0-9A-Za-z])")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^(?<id>KS\d{4}): (?<text>.*)$")]
    private static partial Regex QuotedMessage();

    [GeneratedRegex(@"(?:#pragma warning (?:disable|restore)|dotnet_diagnostic\.)\s*(KS\d{4})")]
    private static partial Regex SuppressedId();

    [GeneratedRegex(@"`([A-Za-z]+)`")]
    private static partial Regex ReporterName();
}
