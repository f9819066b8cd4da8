using System.Diagnostics;

namespace Casebook.Tests.Support;

/// <summary>Runs the built `casebook` CLI (casebook.dll next to the test binaries) as a separate process.</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>The CLI from its own build output (built through the project reference, same configuration):
    /// the copy beside the tests shares their dependency set, which differs from the CLI's.</summary>
    public static string CliPath { get; } = FindCli();

    private static string FindCli()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Path.Combine(Repo.Root, "src", "Casebook.Cli", "bin", configuration, tfm, "casebook.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} not found: build src/Casebook.Cli first");
    }

    public static async Task<Run> RunAsync(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(CliPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(4));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("casebook " + string.Join(' ', args) + " did not finish in time");
        }
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command-line tool (pdftotext, pdfinfo …) and returns its standard output.</summary>
    public static string Tool(string name, params string[] args)
    {
        var info = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{name} is missing. Run scripts/test.sh (scripts/ensure-deps.sh installs poppler-utils).");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{name} failed ({process.ExitCode}): {stderr}");
            return stdout.Result;
        }
    }
}
