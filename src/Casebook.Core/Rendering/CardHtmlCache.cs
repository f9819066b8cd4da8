using System.Text.Encodings.Web;
using Casebook.Core.Rendering.ViewModels;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Casebook.Core.Rendering;

/// <summary>Pages with many cases (term, list, home, lesson) repeat the same cards: each case appears on a dozen
/// such pages. <c>{% include 'case-card' %}</c> therefore writes the card's HTML rendered once by the theme's own
/// partial, with only <c>card</c> and <c>t</c> defined. A card whose partial reads anything else (<c>page</c>,
/// <c>forloop</c>…) is not reused: its include renders in the page as Liquid would.
/// The HTML is kept by case id for as long as the theme (serve keeps it across rebuilds) and reused only for a
/// card view model equal to the one it was rendered from, field by field and term by term.</summary>
internal sealed class CardHtmlCache(IFluidTemplate partial, TemplateOptions options, FluidValue strings, TextEncoder encoder,
    ViewModelValues values)
{
    public const string Partial = "case-card";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CardHtml> _html = new(StringComparer.Ordinal);
    private int _rendered;
    private int _reused;

    public int Rendered => _rendered;
    public int Reused => _reused;
    public bool Enabled { get; set; } = true;

    /// <summary>A layout whose plain card includes are answered from this cache.</summary>
    public IFluidTemplate Rewrite(IFluidTemplate layout) => new IncludeRewriter(this).VisitTemplate(layout);

    /// <summary>Some partial keeps state between includes (cycle, increment…), which only the page-by-page rendering reproduces.</summary>
    public static bool KeepsState(IFluidTemplate template) => StatefulTags.Find(template);

    private string? HtmlFor(CaseCardVm card)
    {
        if (!Enabled) return null;
        // One entry per id; pages rendering in parallel wait for the one rendering of a card (Lazy).
        while (true)
        {
            var kept = _html.GetOrAdd(card.Id, _ => new CardHtml(card, this));
            if (ReferenceEquals(kept.Card, card) || SameCard(kept.Card, card)) return kept.Html;
            _html.TryUpdate(card.Id, new CardHtml(card, this), kept);
        }
    }

    private static readonly List<TermVm> NoTerms = [];

    /// <summary>Equal values: every field of the record (whatever fields it gains later) and the terms of each list.</summary>
    internal static bool SameCard(CaseCardVm a, CaseCardVm b) =>
        a with { Elements = NoTerms, Pillars = NoTerms, Tags = NoTerms } == b with { Elements = NoTerms, Pillars = NoTerms, Tags = NoTerms }
        && a.Elements.SequenceEqual(b.Elements) && a.Pillars.SequenceEqual(b.Pillars) && a.Tags.SequenceEqual(b.Tags);

    private sealed class CardHtml(CaseCardVm card, CardHtmlCache cache)
    {
        private readonly Lazy<string?> _html = new(() => cache.Render(card));
        public CaseCardVm Card => card;
        public string? Html => _html.Value;
    }

    /// <summary>The card's HTML, or null when the partial reads more than <c>card</c> and <c>t</c> or fails.</summary>
    private string? Render(CaseCardVm card)
    {
        Interlocked.Increment(ref _rendered);
        var context = new TemplateContext(options);
        var selfContained = true;
        context.Undefined = _ => { selfContained = false; return new ValueTask<FluidValue>(NilValue.Instance); };
        context.SetValue("card", values.Of(card));
        context.SetValue("t", strings);
        try
        {
            var html = partial.Render(context, encoder);
            return selfContained ? html : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the include in the page reports it
        }
    }

    /// <summary>Replaces plain <c>{% include 'case-card' %}</c> (no with/for/arguments) with <see cref="CardInclude"/>.</summary>
    private sealed class IncludeRewriter(CardHtmlCache cache) : AstRewriter
    {
        protected override Statement VisitIncludeStatement(IncludeStatement include) =>
            include.With is null && include.For is null && include.AssignStatements is not { Count: > 0 }
            && include.Path is LiteralExpression literal && literal.Value.ToStringValue() is Partial or Partial + ".liquid"
                ? new CardInclude(include, cache)
                : base.VisitIncludeStatement(include);
    }

    private sealed class CardInclude(IncludeStatement include, CardHtmlCache cache) : Statement
    {
        public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            if (ReferenceEquals(encoder, cache.EncoderUsed) && ReferenceEquals(context.GetValue("t"), cache.Strings)
                && context.GetValue("card").ToObjectValue() is CaseCardVm card && cache.HtmlFor(card) is { } html)
            {
                context.IncrementSteps();
                Interlocked.Increment(ref cache._reused);
                writer.Write(html);
                return new ValueTask<Completion>(Completion.Normal);
            }
            return include.WriteToAsync(writer, encoder, context);
        }
    }

    private TextEncoder EncoderUsed => encoder;
    private FluidValue Strings => strings;

    private sealed class StatefulTags : AstVisitor
    {
        private bool _found;
        public static bool Find(IFluidTemplate template) { var v = new StatefulTags(); v.VisitTemplate(template); return v._found; }
        protected override Statement VisitCycleStatement(CycleStatement s) { _found = true; return base.VisitCycleStatement(s); }
        protected override Statement VisitIncrementStatement(IncrementStatement s) { _found = true; return base.VisitIncrementStatement(s); }
        protected override Statement VisitDecrementStatement(DecrementStatement s) { _found = true; return base.VisitDecrementStatement(s); }
        protected override Statement VisitIfChangedStatement(IfChangedStatement s) { _found = true; return base.VisitIfChangedStatement(s); }
    }
}
