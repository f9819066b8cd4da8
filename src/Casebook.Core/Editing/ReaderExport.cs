using Casebook.Core.Diagnostics;

namespace Casebook.Core.Editing;

public sealed record ExportReader(string Id, string Name);

public sealed record ExportedTag(string Tag, IReadOnlyList<string> Readers, SourceSpan Span);

public sealed record ExportedNote(string Reader, string Text);

public sealed record ExportedCase(string Id, SourceSpan Span, List<ExportedTag> Tags, List<ExportedNote> Notes);

/// <summary>One マイタグ export (a reader's, or a team's merged on /my/).</summary>
public sealed record ReaderExport(string Path, string SiteTitle, List<ExportReader> Readers, List<ExportedCase> Cases);
