using System.Text;

namespace KernelStructs.Generator.Emit;

/// <summary>A small indenting text writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>A writer for a compilation whose parse options read documentation comments, or not.</summary>
    /// <param name="documentation">
    /// Whether to write documentation comments (<c>///</c> lines): they are for a compilation that parses them (the IDE, and
    /// builds that write an XML documentation file); where the compiler reads them as plain comments, no one sees them.
    /// </param>
    public SourceWriter(bool documentation = true) => Documentation = documentation;

    /// <summary>Whether documentation comments are written; an emitter can skip the work of building them when not.</summary>
    public bool Documentation { get; }

    public SourceWriter Line(string line = "")
    {
        if (!Documentation && line.StartsWith("///", System.StringComparison.Ordinal))
        {
            return this;
        }

        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    public SourceWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _text.ToString();
}
