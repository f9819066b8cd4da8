namespace Casebook.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int ContentErrors = 1;
    public const int UsageOrEnvironment = 2;
}
