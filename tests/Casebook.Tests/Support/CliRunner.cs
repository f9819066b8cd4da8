using System.Diagnostics;

namespace Casebook.Tests.Support;

/// <summary>Runs the built `casebook` CLI as a separate process, the way a user runs it. Every test that starts
/// the CLI goes through here (and carries <c>[Trait("Category", "Cli")]</c>).</summary>
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
    public static async Task<Run> RunAsync(IEnumerable<string> args, string? workingDirectory = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? input = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add(CliPath);
        var argList = args.ToList();
        foreach (var a in argList) info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        if (environment is not null) foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"casebook {string.Join(' ', argList)} did not finish within {timeout ?? DefaultTimeout}");
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
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(DefaultTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{name} did not finish within {DefaultTimeout}");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"{name} failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Result;
        }
    }
}
