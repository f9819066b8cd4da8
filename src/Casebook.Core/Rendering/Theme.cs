using System.Text.Encodings.Web;
using System.Text.Unicode;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Fluid;
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

    public string Directory { get; }
    public IReadOnlyDictionary<string, object> Strings { get; }

    private Theme(string dir, Dictionary<string, IFluidTemplate> layouts, TemplateOptions options, Dictionary<string, object> strings)
    {
        Directory = dir;
        _layouts = layouts;
        _options = options;
        Strings = strings;
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
        var partialsDir = Path.Combine(themeDir, "partials");
        if (System.IO.Directory.Exists(partialsDir))
            foreach (var f in System.IO.Directory.EnumerateFiles(partialsDir, "*.liquid").Order(StringComparer.Ordinal))
            {
                var text = File.ReadAllText(f);
                partials[Path.GetFileName(f)] = text;
                if (!parser.TryParse(text, out _, out var error))
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
        // {{ html | search_text }}: the hidden copy only the search index reads (see Search/SearchText.cs).
        options.Filters.AddFilter("search_text", (input, _, _) =>
            new ValueTask<FluidValue>(new StringValue(Search.SearchText.ForIndex(input.ToStringValue()))));
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
        return new Theme(themeDir, layouts, options, strings);
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

    private TemplateContext Context(object model, object page, object site)
    {
        var context = new TemplateContext(_options);
        context.SetValue("site", site);
        context.SetValue("t", Strings);
        context.SetValue("page", page);
        context.SetValue("model", model);
        return context;
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
