using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Casebook.Core.Rendering;

/// <summary>The theme's partials, read once, served to Fluid's include from memory.</summary>
internal sealed class MemoryFileProvider(Dictionary<string, string> files) : IFileProvider
{
    public IFileInfo GetFileInfo(string subpath) =>
        files.TryGetValue(subpath.TrimStart('/'), out var text) ? new MemoryFile(subpath, text) : new NotFoundFileInfo(subpath);
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
