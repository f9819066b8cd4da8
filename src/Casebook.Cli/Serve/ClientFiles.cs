namespace Casebook.Cli.Serve;

/// <summary>The serve-mode browser files, embedded in the tool so they never reach a built site.</summary>
internal static class ClientFiles
{
    public static byte[] Get(string name)
    {
        using var s = typeof(ClientFiles).Assembly.GetManifestResourceStream("Casebook.Cli.Serve.client." + name)
            ?? throw new InvalidOperationException("missing resource " + name);
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
