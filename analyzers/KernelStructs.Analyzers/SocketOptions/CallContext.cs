using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace KernelStructs.Analyzers.SocketOptions;

/// <summary>
/// One call to analyze: its operation, the member it stands in, and where its diagnostics go. The analyzers take calls
/// from a syntax-node action on invocation expressions, not from an operation action: an operation action makes the
/// compiler build the operation tree (binding, nullable analysis) of every declaration with code, each attribute and
/// field initializer included, for analysis alone; a call's operation is asked for only where a call is written.
/// </summary>
internal readonly struct CallContext
{
    private readonly SyntaxNodeAnalysisContext _context;

    private CallContext(SyntaxNodeAnalysisContext context, IInvocationOperation invocation)
    {
        _context = context;
        Operation = invocation;
    }

    /// <summary>The call.</summary>
    public IInvocationOperation Operation { get; }

    /// <summary>The member whose code makes the call (the assembly, should the compiler name none).</summary>
    public ISymbol ContainingSymbol => _context.ContainingSymbol ?? _context.Compilation.Assembly;

    public Compilation Compilation => _context.Compilation;

    public CancellationToken CancellationToken => _context.CancellationToken;

    public void ReportDiagnostic(Diagnostic diagnostic) => _context.ReportDiagnostic(diagnostic);

    /// <summary>The call an invocation expression makes, or null (a delegate made dynamic, a call that does not bind, <c>nameof</c>).</summary>
    public static CallContext? Of(SyntaxNodeAnalysisContext context)
        => context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is IInvocationOperation invocation
            ? new CallContext(context, invocation)
            : null;
}
