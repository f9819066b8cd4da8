namespace Casebook.Core.Diagnostics;

public enum Severity { Warning, Error }

/// <summary>A position in a source file; line and column are 1-based, 0 when unknown.</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    public static SourceSpan File(string path) => new(path, 0, 0);
}

public sealed record Diagnostic(Severity Severity, string Code, string Message, SourceSpan Span)
{
    /// <summary>MSBuild form: <c>path(line,col): error CB1234: message</c>.</summary>
    public override string ToString()
    {
        var where = Span.Line > 0 ? $"{Span.Path}({Span.Line},{Math.Max(1, Span.Column)})" : Span.Path;
        var kind = Severity == Severity.Error ? "error" : "warning";
        return $"{where}: {kind} {Code}: {Message}";
    }
}

/// <summary>Collects diagnostics from every stage; thread-safe so parallel stages can report.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();
    private readonly Lock _lock = new();

    public void Add(Diagnostic d) { lock (_lock) _items.Add(d); }
    public void Error(string code, string message, SourceSpan span) => Add(new(Severity.Error, code, message, span));
    public void Warning(string code, string message, SourceSpan span) => Add(new(Severity.Warning, code, message, span));

    public bool HasErrors { get { lock (_lock) return _items.Any(d => d.Severity == Severity.Error); } }

    /// <summary>Sorted by path, position and code so output is stable across parallel runs.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_lock)
            return _items.Distinct()
                .OrderBy(d => d.Span.Path, StringComparer.Ordinal)
                .ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)
                .ThenBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal)
                .ToList();
    }
}
