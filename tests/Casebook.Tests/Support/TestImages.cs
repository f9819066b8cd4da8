using System.Text;
using SkiaSharp;

namespace Casebook.Tests.Support;

/// <summary>Pictures for tests, made in memory: plain JPEGs, and JPEGs carrying what a phone writes into a photo
/// (EXIF camera, owner and GPS position, an orientation tag, an XMP packet).</summary>
public static class TestImages
{
    /// <summary>A JPEG with a left-to-right gradient (red on the left edge, blue on the right).</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, x < width / 2 ? new SKColor(220, 30, 30) : new SKColor(30, 30, 220));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(30, 160, 30));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary><see cref="Jpeg"/> with EXIF (Make, Model, Artist, Orientation, GPS latitude/longitude) and XMP
    /// inserted after the start-of-image marker, as a camera writes them.</summary>
    public static byte[] JpegWithMetadata(int width, int height, ushort orientation = 1)
    {
        var jpeg = Jpeg(width, height);
        var exif = Segment(0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation)]);
        var xmp = Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8,
            .. Encoding.UTF8.GetBytes("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"Owner Name\"/></rdf:RDF></x:xmpmeta>")]);
        return [.. jpeg[..2], .. exif, .. xmp, .. jpeg[2..]];
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    /// <summary>A little-endian TIFF header, IFD0 (Make, Model, Orientation, Artist, GPS pointer) and a GPS IFD.</summary>
    private static byte[] Tiff(ushort orientation)
    {
        var data = new List<byte>();
        void U16(int v) { data.Add((byte)v); data.Add((byte)(v >> 8)); }
        void U32(long v) { for (var i = 0; i < 4; i++) data.Add((byte)(v >> (8 * i))); }
        byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s + "\0");
        var make = Ascii("PhoneMaker"); var model = Ascii("Pocket Camera 12"); var artist = Ascii("Owner Name");
        const int ifd0 = 8, ifd0Entries = 5;
        var ifd0Size = 2 + ifd0Entries * 12 + 4;
        var gpsIfd = ifd0 + ifd0Size;
        const int gpsEntries = 4;
        var gpsSize = 2 + gpsEntries * 12 + 4;
        var extra = gpsIfd + gpsSize;
        var makeAt = extra; var modelAt = makeAt + make.Length; var artistAt = modelAt + model.Length;
        var latAt = artistAt + artist.Length; var lonAt = latAt + 24;
        data.AddRange("II"u8.ToArray()); U16(42); U32(ifd0);
        U16(ifd0Entries);
        U16(0x010F); U16(2); U32(make.Length); U32(makeAt);
        U16(0x0110); U16(2); U32(model.Length); U32(modelAt);
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);
        U16(0x013B); U16(2); U32(artist.Length); U32(artistAt);
        U16(0x8825); U16(4); U32(1); U32(gpsIfd);
        U32(0);
        U16(gpsEntries);
        U16(0x0001); U16(2); U32(2); data.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(latAt);
        U16(0x0003); U16(2); U32(2); data.AddRange("E\0\0\0"u8.ToArray());
        U16(0x0004); U16(5); U32(3); U32(lonAt);
        U32(0);
        data.AddRange(make); data.AddRange(model); data.AddRange(artist);
        foreach (var (d, m, s) in new[] { (35, 26, 30), (139, 38, 40) }) { U32(d); U32(1); U32(m); U32(1); U32(s); U32(1); }
        return [.. data];
    }
}
