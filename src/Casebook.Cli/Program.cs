using Casebook.Cli;

var parsed = CliApp.Root().Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"casebook: error: {error.Message}");
    Console.Error.WriteLine("使い方は casebook --help で確認できます。");
    return ExitCodes.UsageOrEnvironment;
}
return await parsed.InvokeAsync();
