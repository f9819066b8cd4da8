using Casebook.Core.Diagnostics;

namespace Casebook.Core.Model;

public sealed record TermRef(string Raw, SourceSpan Span);
