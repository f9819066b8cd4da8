using System.Text;
using Casebook.Core.Diagnostics;
using Casebook.Core.Loading;

namespace Casebook.Tests.Core.Loading;

/// <summary>Files are read whole into pooled buffers: every size reads back exactly, and failures are diagnostics.</summary>
public class PooledReadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("casebook-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(300_000)]
    [InlineData(3_000_000)]   // beyond the shared pool's largest buffers
    public void Reads_files_of_any_size_exactly(int chars)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < chars; i++) text.Append(i % 7 == 6 ? '\n' : (char)('あ' + i % 80));
        var expected = text.ToString(0, chars);
        var path = Path.Combine(_dir, "a.md");
        File.WriteAllText(path, expected, new UTF8Encoding(true));   // with a byte order mark, which is dropped
        var bag = new DiagnosticBag();
        var source = SourceReader.Read(path, "input/a.md", bag);
        Assert.Empty(bag.Sorted());
        Assert.Equal(expected, source!.Text);
        Assert.Equal("input/a.md", source.Path);
    }

    [Fact]
    public void Pooled_read_gives_the_files_bytes()
    {
        var bytes = new byte[10_000];
        new Random(5).NextBytes(bytes);
        var path = Path.Combine(_dir, "b.bin");
        File.WriteAllBytes(path, bytes);
        var (buffer, length) = SourceReader.ReadPooled(path);
        Assert.Equal(bytes, buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void A_missing_file_is_a_diagnostic()
    {
        var bag = new DiagnosticBag();
        Assert.Null(SourceReader.Read(Path.Combine(_dir, "none.md"), "input/none.md", bag));
        var d = Assert.Single(bag.Sorted());
        Assert.Equal(DiagnosticCodes.UnreadableFile, d.Code);
        Assert.Equal("input/none.md", d.Span.Path);
    }

    [Fact]
    public void Empty_and_binary_files_are_still_reported()
    {
        File.WriteAllBytes(Path.Combine(_dir, "empty.md"), []);
        File.WriteAllBytes(Path.Combine(_dir, "bin.md"), [0x61, 0x00, 0x62]);
        var bag = new DiagnosticBag();
        Assert.Null(SourceReader.Read(Path.Combine(_dir, "empty.md"), "empty.md", bag));
        Assert.Null(SourceReader.Read(Path.Combine(_dir, "bin.md"), "bin.md", bag));
        Assert.Equal([DiagnosticCodes.BinaryFile, DiagnosticCodes.EmptyFile], bag.Sorted().Select(d => d.Code));
    }
}
