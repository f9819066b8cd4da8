using Casebook.Cli;

return await CliApp.Root().Parse(args).InvokeAsync();
