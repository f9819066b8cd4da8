using System.Text.Encodings.Web;
using System.Text.Unicode;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Rendering.ViewModels;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace Casebook.Core.Rendering;

/// <summary>The Liquid theme: layouts parsed once, partials served from memory, UI strings from i18n/ja.yml.</summary>
public sealed class Theme
{
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, IFluidTemplate> _layouts;
    private readonly TemplateOptions _options;
    private readonly CardHtmlCache? _cards;
    private readonly FluidValue _strings; // `t`, one value for every page, so an include can tell it was not reassigned
    private readonly ViewModelValues _values;
    private readonly bool _contentOnlyWritten; // see LayoutContent

    public string Directory { get; }
    public IReadOnlyDictionary<string, object> Strings { get; }

    private Theme(string dir, Dictionary<string, IFluidTemplate> layouts, TemplateOptions options, Dictionary<string, object> strings,
        IFluidTemplate? cardPartial, bool contentOnlyWritten, ViewModelValues values)
    {
        _values = values;
        _contentOnlyWritten = contentOnlyWritten;
        Directory = dir;
        _options = options;
        Strings = strings;
        _strings = FluidValue.Create(strings, options);
        _cards = cardPartial is null ? null : new CardHtmlCache(cardPartial, options, _strings, Encoder, values);
        _layouts = _cards is null ? layouts : layouts.ToDictionary(kv => kv.Key, kv => _cards.Rewrite(kv.Value), StringComparer.Ordinal);
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
        options.Filters.AddFilter("csp_hash", CspHash);
        var viewModels = ViewModelTypes;
        foreach (var t in viewModels) options.MemberAccessStrategy.Register(t);

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
        var cardPartial = partialTemplates.GetValueOrDefault(CardHtmlCache.Partial + ".liquid");
        if (partialTemplates.Values.Any(CardHtmlCache.KeepsState)) cardPartial = null;
        var contentOnlyWritten = (!layouts.TryGetValue("base", out var baseLayout) || LayoutContent.OnlyWrittenIn(baseLayout))
            && partialTemplates.Values.All(LayoutContent.OnlyWrittenIn);
        return new Theme(themeDir, layouts, options, strings, cardPartial, contentOnlyWritten, new ViewModelValues(options, viewModels));
    }

    /// <summary>The types templates see (members reach them in snake_case).</summary>
    internal static List<Type> ViewModelTypes =>
        typeof(Theme).Assembly.GetTypes().Where(t => t.Namespace == "Casebook.Core.Rendering.ViewModels" && t.IsPublic).ToList();

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
    /// <paramref name="output"/> as it is rendered, so a large page is never held whole in memory.</summary>
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
        FluidValue body = _contentOnlyWritten
            ? LayoutContent.Render(_layouts[layout], context, Encoder)
            : new StringValue(_layouts[layout].Render(context, Encoder), false);
        context.SetValue("content", body);
        baseLayout.Render(context, Encoder, output);
    }
#pragma warning restore CS0618

    private TemplateContext Context(object model, object page, object site)
    {
        var context = new TemplateContext(_options);
        context.SetValue("site", _values.Of(site));
        context.SetValue("t", _strings);
        context.SetValue("page", _values.Of(page));
        context.SetValue("model", _values.Of(model));
        return context;
    }

    /// <summary>Cards rendered by the partial since the theme was loaded (for tests: the rest were reused).</summary>
    internal int CardHtmlRendered => _cards?.Rendered ?? 0;

    /// <summary>Card includes answered from the card cache (for tests).</summary>
    internal int CardHtmlReused => _cards?.Reused ?? 0;

    /// <summary>Off: view models reach templates through Fluid's reflection-based strategy (tests compare both ways).</summary>
    internal bool TypedMembers
    {
        get => _values.Enabled;
        set => _values.Enabled = value;
    }

    /// <summary>The template names the typed tables answer for a view-model type (for tests).</summary>
    internal IReadOnlyCollection<string> TypedMemberNames(Type type) => _values.MemberNames(type);

    /// <summary>The template names Fluid's strategy answers for a view-model type (for tests).</summary>
    /// <summary>The <c>csp_hash</c> filter: a Content-Security-Policy source for an inline script of exactly this text
    /// (<c>sha256-</c> and the Base64 SHA-256 of its UTF-8 bytes), so the search page's inline boot script (theme
    /// partial search-boot) runs under the site's policy, which allows no other inline script.</summary>
    public static ValueTask<FluidValue> CspHash(FluidValue input, FilterArguments arguments, TemplateContext context) =>
        new(new StringValue("sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(input.ToStringValue())))));

    internal bool StrategyAnswers(Type type, string name) => _options.MemberAccessStrategy.GetAccessor(type, name) is not null;

    /// <summary>Off: every card include renders in its page (tests compare both ways).</summary>
    internal bool ReuseCardHtml
    {
        get => _cards?.Enabled ?? false;
        set { if (_cards is not null) _cards.Enabled = value; }
    }
}
