using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Casebook.Core.Rendering;

/// <summary>The theme's partials, read once, served to Fluid's include from memory. Fluid asks for the file on every
/// include (its template cache then answers by path), so each file is encoded once, not per include.</summary>
internal sealed class MemoryFileProvider(Dictionary<string, string> files) : IFileProvider
{
    private readonly Dictionary<string, MemoryFile> _files = files.ToDictionary(kv => kv.Key, kv => new MemoryFile(kv.Key, kv.Value), StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath) =>
        _files.TryGetValue(subpath.TrimStart('/'), out var file) ? file : new NotFoundFileInfo(subpath);
    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;
    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

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
