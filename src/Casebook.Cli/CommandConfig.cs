using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;
using Casebook.Core.Model;

namespace Casebook.Cli;

/// <summary>casebook.yml as the editing commands (new, tag) need it, with the reason printed when it cannot be read.</summary>
public static class CommandConfig
{
    /// <summary>Loads casebook.yml for a command that edits the site; prints why when it cannot.
    /// With <paramref name="errorsAreFatal"/> a configuration with errors is refused too.</summary>
    public static (SiteSettings Settings, Dictionary<string, Taxonomy> Taxonomies, List<Volume> Volumes)? Load(string source, bool errorsAreFatal = false)
    {
        var configPath = Path.Combine(source, ConfigLoader.FileName);
        var diagnostics = new DiagnosticBag();
        var config = File.Exists(configPath) ? ConfigLoader.Load(source, null, diagnostics) : null;
        if (config is not null && !(errorsAreFatal && diagnostics.HasErrors)) return config;
        Report.Diagnostics(diagnostics.Sorted());
        Report.Error(errorsAreFatal
            ? $"{configPath} を読めません。サイトのフォルダーを --source で指定し、casebook.yml の誤りを先に直してください。"
            : $"{configPath} を読めません。サイトのフォルダーを --source で指定してください。");
        return null;
    }
}
