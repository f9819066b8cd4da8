using System.Text.Json;
using Casebook.Core.Editing;
using Casebook.Core.Text;
using Microsoft.AspNetCore.Http;
using Casebook.Core.Model;

namespace Casebook.Cli.Serve;

/// <summary>Serve-mode endpoint behind the tagging panel: <c>GET /__casebook/api/case/{id}</c> returns the case's
/// terms, the file's hash and the choices; <c>POST</c> with <c>{hash, elements, pillars, tags}</c> saves them.
/// Every request needs the session token; only the case files of the current site can be written.</summary>
internal sealed class TaggingApi(PreviewServer server, string root)
{
    private sealed record SaveRequest(string? Hash, List<string>? Elements, List<string>? Pillars, List<string>? Tags);

    public async Task Handle(HttpContext ctx, string caseId)
    {
        if (!server.TokenOk(ctx))
        {
            await Reply(ctx, StatusCodes.Status403Forbidden, new { message = "トークンがありません。ページを再読み込みしてください。" });
            return;
        }
        var origin = ctx.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != server.Origin && origin != server.Origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal))
        {
            await Reply(ctx, StatusCodes.Status403Forbidden, new { message = "別のサイトからの要求は受け付けません。" });
            return;
        }
        var site = server.Site;
        if (site is null || !site.Graph.Content.Cases.Any(c => c.Id == caseId))
        {
            await Reply(ctx, StatusCodes.Status404NotFound, new { message = $"事例「{caseId}」はありません。" });
            return;
        }
        var c = site.Graph.Content.Cases.First(x => x.Id == caseId);
        var editor = new CaseTermEditor(site.Graph.Content.Taxonomies);
        string full;
        try { full = SourceFileWriter.CheckEditable(root, c.SourcePath); }
        catch (FrontMatterEditException e)
        {
            await Reply(ctx, StatusCodes.Status403Forbidden, new { message = e.Message });
            return;
        }

        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            await Reply(ctx, StatusCodes.Status200OK, State(site, editor, c.Id, c.Title, full));
            return;
        }
        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (ctx.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await Reply(ctx, StatusCodes.Status415UnsupportedMediaType, new { message = "JSON で送ってください。" });
            return;
        }
        SaveRequest? req;
        try { req = await JsonSerializer.DeserializeAsync<SaveRequest>(ctx.Request.Body, PreviewServer.JsonOptions, ctx.RequestAborted); }
        catch (JsonException) { req = null; }
        if (req?.Hash is null)
        {
            await Reply(ctx, StatusCodes.Status400BadRequest, new { message = "要求の形が正しくありません。" });
            return;
        }
        try
        {
            var desired = new Dictionary<string, IReadOnlyList<TermChoice>>();
            foreach (var (tax, list) in new[] { (TaxonomyIds.Elements, req.Elements), (TaxonomyIds.Pillars, req.Pillars), (TaxonomyIds.Tags, req.Tags) })
                if (list is not null) desired[tax] = list.Select(v => editor.ResolveIn(tax, v)).ToList();
            var (bytes, hash) = SourceFileWriter.Read(full);
            if (!string.Equals(hash, req.Hash, StringComparison.OrdinalIgnoreCase))
                throw new EditConflictException("このファイルは、編集を始めた後にほかで変更されています。上書きせずに中止しました。最新の内容を読み込み直してから、もう一度編集してください。", hash);
            var edited = editor.Apply(bytes, c.SourcePath, desired);
            if (!ReferenceEquals(edited, bytes)) SourceFileWriter.Write(root, c.SourcePath, edited, req.Hash);
            await Reply(ctx, StatusCodes.Status200OK, State(site, editor, c.Id, c.Title, full) with { Changed = !ReferenceEquals(edited, bytes) });
        }
        catch (EditConflictException e)
        {
            await Reply(ctx, StatusCodes.Status409Conflict, new { message = e.Message, hash = e.CurrentHash });
        }
        catch (FrontMatterEditException e)
        {
            await Reply(ctx, StatusCodes.Status422UnprocessableEntity, new { message = e.Message });
        }
    }

    private sealed record Option(string Key, string Label, int Count);
    private sealed record CaseState(string Id, string Title, string Path, string Hash, Dictionary<string, List<string>> Terms,
        Dictionary<string, List<Option>> Options, IReadOnlyDictionary<string, string> Strings, bool Changed = false);

    private static CaseState State(SiteSnapshot site, CaseTermEditor editor, string id, string title, string full)
    {
        var (bytes, hash) = SourceFileWriter.Read(full);
        var current = editor.Read(bytes);
        var terms = current.ToDictionary(kv => kv.Key, kv => kv.Value.Select(raw => editor.KeyOf(kv.Key, raw)).Distinct().ToList());
        var g = site.Graph;
        var options = new Dictionary<string, List<Option>>();
        foreach (var tax in CaseTermEditor.Keys)
        {
            var t = g.Content.Taxonomies[tax];
            var counts = g.TermCases.Where(kv => kv.Key.Taxonomy == tax).ToDictionary(kv => kv.Key.Id, kv => kv.Value.Count);
            options[tax] = t.Closed
                ? t.Terms.Select(x => new Option(x.Id, x.Display, counts.GetValueOrDefault(x.Id))).ToList()
                : g.TaxonomyTerms[tax].Select(x => new Option(editor.KeyOf(tax, x.Label), x.Label, counts.GetValueOrDefault(x.Id)))
                    .OrderByDescending(o => o.Count).ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
        }
        var rel = Path.GetRelativePath(g.Content.SourceRoot, full).Replace('\\', '/');
        return new CaseState(id, title, rel, hash, terms, options, site.Strings);
    }

    private static async Task Reply(HttpContext ctx, int status, object body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, body, body.GetType(), PreviewServer.JsonOptions, ctx.RequestAborted);
    }
}
