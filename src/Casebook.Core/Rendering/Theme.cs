using System.Text.Encodings.Web;
using System.Text.Unicode;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Rendering.ViewModels;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Casebook.Core.Rendering;

/// <summary>The Liquid theme: layouts parsed once, partials served from memory, UI strings from i18n/ja.yml.</summary>
public sealed class Theme
{
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, IFluidTemplate> _layouts;
    private readonly TemplateOptions _options;
    private readonly IFluidTemplate? _cardPartial;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CardHtml> _cardHtml = new(StringComparer.Ordinal);
    private readonly FluidValue _strings; // `t`, one value for every page, so an include can tell it was not reassigned

    public string Directory { get; }
    public IReadOnlyDictionary<string, object> Strings { get; }

    private Theme(string dir, Dictionary<string, IFluidTemplate> layouts, TemplateOptions options, Dictionary<string, object> strings,
        IFluidTemplate? cardPartial)
    {
        Directory = dir;
        _options = options;
        Strings = strings;
        _strings = FluidValue.Create(strings, options);
        _cardPartial = cardPartial;
        _layouts = cardPartial is null ? layouts
            : layouts.ToDictionary(kv => kv.Key, kv => new CardIncludeRewriter(this).VisitTemplate(kv.Value), StringComparer.Ordinal);
    }

    public bool HasLayout(string name) => _layouts.ContainsKey(name);

    /// <summary>Loads and parses every template; reports all template errors, not just the first.</summary>
    public static Theme? Load(string themeDir, DiagnosticBag diagnostics, bool strict = false)
    {
        var display = themeDir.Replace('\\', '/');
        var layoutsDir = Path.Combine(themeDir, "layouts");
        if (!System.IO.Directory.Exists(layoutsDir))
        {
            diagnostics.Error(DiagnosticCodes.MissingTemplate, "テーマの layouts フォルダーが見つかりません。", SourceSpan.File(display));
            return null;
        }
        var parser = new FluidParser();
        var partials = new Dictionary<string, string>(StringComparer.Ordinal);
        var partialTemplates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        var partialsDir = Path.Combine(themeDir, "partials");
        if (System.IO.Directory.Exists(partialsDir))
            foreach (var f in System.IO.Directory.EnumerateFiles(partialsDir, "*.liquid").Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(f);
                partials[Path.GetFileName(f)] = text;
                if (parser.TryParse(text, out var partial, out var error)) partialTemplates[Path.GetFileName(f)] = partial;
                else
                    diagnostics.Error(DiagnosticCodes.TemplateError, $"テンプレートの誤り: {error}", SourceSpan.File(Path.GetRelativePath(themeDir, f)));
            }

        var options = new TemplateOptions
        {
            FileProvider = new MemoryFileProvider(partials),
            StrictVariables = strict,
            StrictFilters = true,
            MaxSteps = 0,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var t in typeof(Theme).Assembly.GetTypes().Where(t => t.Namespace == "Casebook.Core.Rendering.ViewModels" && t.IsPublic))
            options.MemberAccessStrategy.Register(t);

        var layouts = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var f in System.IO.Directory.EnumerateFiles(layoutsDir, "*.liquid").Order(StringComparer.Ordinal))
        {
            if (parser.TryParse(File.ReadAllText(f), out var template, out var error))
                layouts[Path.GetFileNameWithoutExtension(f)] = template;
            else
                diagnostics.Error(DiagnosticCodes.TemplateError, $"テンプレートの誤り: {error}", SourceSpan.File(Path.Combine(display, "layouts", Path.GetFileName(f))));
        }

        var strings = new Dictionary<string, object>(StringComparer.Ordinal);
        var i18n = Path.Combine(themeDir, "i18n", "ja.yml");
        if (File.Exists(i18n))
        {
            var source = SourceReader.Read(i18n, Path.Combine(display, "i18n", "ja.yml"), diagnostics);
            var map = source is null ? null : YamlMap.Parse(source.Text, source.Path, 1, diagnostics);
            if (map is not null)
                foreach (var (k, v) in map.Pairs("strings")) strings[k] = v;
        }
        // A card is rendered once and its HTML reused on every page listing it, unless some partial keeps
        // state between includes (cycle, increment…), which only the page-by-page rendering reproduces.
        var cardPartial = partialTemplates.GetValueOrDefault(CardPartial + ".liquid");
        if (partialTemplates.Values.Any(StatefulTags.Find)) cardPartial = null;
        return new Theme(themeDir, layouts, options, strings, cardPartial);
    }

    public string T(string key) => Strings.TryGetValue(key, out var v) ? (string)v : key;

    /// <summary>Renders <paramref name="layout"/> with the model, then wraps it in the base layout.</summary>
    public string Render(string layout, object model, object page, object site)
    {
        var context = Context(model, page, site);
        var body = _layouts[layout].Render(context, Encoder);
        if (!_layouts.TryGetValue("base", out var baseLayout) || layout is "print" or "standalone") return body;
        context.SetValue("content", new StringValue(body, false));
        return baseLayout.Render(context, Encoder);
    }

    /// <summary>The same page as <see cref="Render(string, object, object, object)"/>, written to
    /// <paramref name="output"/> as it is rendered instead of built up as one string.</summary>
    // Fluid 2.41 marks the synchronous TextWriter overload obsolete in favour of an overload that exists
    // only as RenderAsync; the async one costs thread-pool hops per page (docs/performance.md).
#pragma warning disable CS0618
    public void Render(string layout, object model, object page, object site, TextWriter output)
    {
        var context = Context(model, page, site);
        if (!_layouts.TryGetValue("base", out var baseLayout) || layout is "print" or "standalone")
        {
            _layouts[layout].Render(context, Encoder, output);
            return;
        }
        var body = _layouts[layout].Render(context, Encoder);
        context.SetValue("content", new StringValue(body, false));
        baseLayout.Render(context, Encoder, output);
    }
#pragma warning restore CS0618

    private TemplateContext Context(object model, object page, object site)
    {
        var context = new TemplateContext(_options);
        context.SetValue("site", site);
        context.SetValue("t", _strings);
        context.SetValue("page", page);
        context.SetValue("model", model);
        return context;
    }

    private const string CardPartial = "case-card";

    /// <summary>Pages with many cases (term, list, home, lesson) repeat the same cards: each case appears on a dozen
    /// such pages. <c>{% include 'case-card' %}</c> therefore writes the card's HTML rendered once by the theme's own
    /// partial, with only <c>card</c> and <c>t</c> defined. A card whose partial reads anything else (<c>page</c>,
    /// <c>forloop</c>…) is not reused: its include renders in the page as Liquid would.
    /// The HTML is kept by case id for as long as the theme (serve keeps it across rebuilds) and reused only for a
    /// card view model equal to the one it was rendered from, field by field and term by term.</summary>
    internal string? CachedCardHtml(CaseCardVm card)
    {
        if (!ReuseCardHtml || _cardPartial is null) return null;
        // One entry per id; pages rendering in parallel wait for the one rendering of a card (Lazy).
        while (true)
        {
            var kept = _cardHtml.GetOrAdd(card.Id, _ => new CardHtml(card, this));
            if (ReferenceEquals(kept.Card, card) || SameCard(kept.Card, card)) return kept.Html;
            _cardHtml.TryUpdate(card.Id, new CardHtml(card, this), kept);
        }
    }

    private static readonly List<TermVm> NoTerms = [];

    /// <summary>Equal values: every field of the record (whatever fields it gains later) and the terms of each list.</summary>
    internal static bool SameCard(CaseCardVm a, CaseCardVm b) =>
        a with { Elements = NoTerms, Pillars = NoTerms, Tags = NoTerms } == b with { Elements = NoTerms, Pillars = NoTerms, Tags = NoTerms }
        && a.Elements.SequenceEqual(b.Elements) && a.Pillars.SequenceEqual(b.Pillars) && a.Tags.SequenceEqual(b.Tags);

    /// <summary>Cards rendered by the partial since the theme was loaded (for tests: the rest were reused).</summary>
    internal int CardHtmlRendered => _cardHtmlRendered;
    private int _cardHtmlRendered;

    /// <summary>Off: every card include renders in its page (tests compare both ways).</summary>
    internal bool ReuseCardHtml { get; set; } = true;

    /// <summary>Card includes answered from <see cref="CachedCardHtml"/> (for tests).</summary>
    internal int CardHtmlReused => _cardHtmlReused;
    private int _cardHtmlReused;

    private sealed class CardHtml(CaseCardVm card, Theme theme)
    {
        private readonly Lazy<string?> _html = new(() => theme.RenderCard(card));
        public CaseCardVm Card => card;
        public string? Html => _html.Value;
    }

    /// <summary>The card's HTML, or null when the partial reads more than <c>card</c> and <c>t</c> or fails.</summary>
    private string? RenderCard(CaseCardVm card)
    {
        Interlocked.Increment(ref _cardHtmlRendered);
        var context = new TemplateContext(_options);
        var selfContained = true;
        context.Undefined = _ => { selfContained = false; return new ValueTask<FluidValue>(NilValue.Instance); };
        context.SetValue("card", card);
        context.SetValue("t", _strings);
        try
        {
            var html = _cardPartial!.Render(context, Encoder);
            return selfContained ? html : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the include in the page reports it
        }
    }

    /// <summary>Replaces plain <c>{% include 'case-card' %}</c> (no with/for/arguments) with <see cref="CardInclude"/>.</summary>
    private sealed class CardIncludeRewriter(Theme theme) : AstRewriter
    {
        protected override Statement VisitIncludeStatement(IncludeStatement include) =>
            include.With is null && include.For is null && include.AssignStatements is not { Count: > 0 }
            && include.Path is LiteralExpression literal && literal.Value.ToStringValue() is CardPartial or CardPartial + ".liquid"
                ? new CardInclude(include, theme)
                : base.VisitIncludeStatement(include);
    }

    private sealed class CardInclude(IncludeStatement include, Theme theme) : Statement
    {
        public override ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
        {
            if (ReferenceEquals(encoder, Encoder) && ReferenceEquals(context.GetValue("t"), theme._strings)
                && context.GetValue("card").ToObjectValue() is CaseCardVm card && theme.CachedCardHtml(card) is { } html)
            {
                context.IncrementSteps();
                Interlocked.Increment(ref theme._cardHtmlReused);
                writer.Write(html);
                return new ValueTask<Completion>(Completion.Normal);
            }
            return include.WriteToAsync(writer, encoder, context);
        }
    }

    private sealed class StatefulTags : AstVisitor
    {
        private bool _found;
        public static bool Find(IFluidTemplate template) { var v = new StatefulTags(); v.VisitTemplate(template); return v._found; }
        protected override Statement VisitCycleStatement(CycleStatement s) { _found = true; return base.VisitCycleStatement(s); }
        protected override Statement VisitIncrementStatement(IncrementStatement s) { _found = true; return base.VisitIncrementStatement(s); }
        protected override Statement VisitDecrementStatement(DecrementStatement s) { _found = true; return base.VisitDecrementStatement(s); }
        protected override Statement VisitIfChangedStatement(IfChangedStatement s) { _found = true; return base.VisitIfChangedStatement(s); }
    }

    private sealed class MemoryFileProvider(Dictionary<string, string> files) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) =>
            files.TryGetValue(subpath.TrimStart('/'), out var text) ? new MemoryFile(subpath, text) : new NotFoundFileInfo(subpath);
        public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;
        public IChangeToken Watch(string filter) => NullChangeToken.Singleton;
    }

    private sealed class MemoryFile(string name, string text) : IFileInfo
    {
        private readonly byte[] _bytes = System.Text.Encoding.UTF8.GetBytes(text);
        public Stream CreateReadStream() => new MemoryStream(_bytes, false);
        public bool Exists => true;
        public long Length => _bytes.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public bool IsDirectory => false;
    }
}
