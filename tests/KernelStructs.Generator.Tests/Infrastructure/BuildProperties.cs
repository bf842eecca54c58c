using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelStructs.Generator.Tests.Infrastructure;

/// <summary>MSBuild properties as a generator sees them (<c>build_property.X</c>), for the whole project.</summary>
public sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Values _global;

    public BuildProperties(Dictionary<string, string> properties) => _global = new Values(properties);

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.Empty;

    private sealed class Values : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Values(Dictionary<string, string> values) => _values = values;

        public static Values Empty { get; } = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
