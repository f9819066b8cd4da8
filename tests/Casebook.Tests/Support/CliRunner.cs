using System.Diagnostics;

namespace Casebook.Tests.Support;

/// <summary>Runs the built `casebook` CLI as a separate process, the way a user runs it, and the other tools tests
/// use. Every test that starts the CLI goes through here (and carries <c>[Trait("Category", "Cli")]</c>).</summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Long enough for a PDF on a loaded machine; a hung process fails its test instead of the run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The CLI from its own build output (built through the project reference, same configuration):
    /// the copy beside the tests shares their dependency set, which differs from the CLI's.</summary>
    public static string CliPath { get; } = FindCli();

    private static string FindCli()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = Path.Combine(Repo.Root, "src", "Casebook.Cli", "bin", testBin.Parent!.Name);
        // Same target framework folder as the tests when there is one; otherwise whichever the CLI was built for.
        var same = Path.Combine(configuration, testBin.Name, "casebook.dll");
        if (File.Exists(same)) return same;
        var built = Directory.Exists(configuration)
            ? Directory.GetFiles(configuration, "casebook.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return built ?? throw new InvalidOperationException($"casebook.dll not found under {configuration}: build src/Casebook.Cli first");
    }

    /// <summary>Runs `casebook args…` in <paramref name="workingDirectory"/>.</summary>
    public static Task<Run> InAsync(string workingDirectory, params string[] args) => RunAsync(args, workingDirectory);

    /// <summary>Standard input is always redirected: <paramref name="input"/> is written and then closed, so a
    /// command that prompts sees end of input instead of waiting on the test host's console.</summary>
    public static Task<Run> RunAsync(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? input = null)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory ?? Path.GetTempPath() };
        info.ArgumentList.Add(CliPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        return ExecuteAsync(info, "casebook " + string.Join(' ', info.ArgumentList.Skip(1)), input, timeout);
    }

    /// <summary>Runs another command-line tool (pdftotext, java …) that scripts/ensure-deps.sh installs.</summary>
    public static Task<Run> ToolAsync(string name, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(name);
        foreach (var a in args) info.ArgumentList.Add(a);
        return ExecuteAsync(info, name, null, timeout);
    }

    /// <summary>A tool's standard output; a failure is an exception with its standard error.</summary>
    public static string Tool(string name, params string[] args)
    {
        var run = ToolAsync(name, args).ConfigureAwait(false).GetAwaiter().GetResult();
        return run.ExitCode == 0 ? run.Stdout : throw new InvalidOperationException($"{name} failed ({run.ExitCode}): {run.Stderr}");
    }

    private static async Task<Run> ExecuteAsync(ProcessStartInfo info, string what, string? input, TimeSpan? timeout)
    {
        info.RedirectStandardOutput = info.RedirectStandardError = info.RedirectStandardInput = true;
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{info.FileName} is missing: run scripts/test.sh (scripts/ensure-deps.sh installs it)");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null) await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
            try { await process.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{what} did not finish within {timeout ?? DefaultTimeout}");
            }
            return new Run(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
