using System.Text;
using Casebook.Core.Diagnostics;

namespace Casebook.Core.Importing;

/// <summary>Tells apart, before the Open XML SDK sees the bytes, the files it would reject with an unhelpful message:
/// a password-protected document (Word saves it as an OLE compound file holding an <c>EncryptedPackage</c> stream),
/// a Word 97–2003 .doc (an OLE file without one) and anything that is not a ZIP package at all.</summary>
public static class PackageCheck
{
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EncryptedStreamName = Encoding.Unicode.GetBytes("EncryptedPackage");

    public static void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(OleSignature))
        {
            if (bytes.IndexOf(EncryptedStreamName) >= 0)
                throw new DocxImportException(DiagnosticCodes.ImportEncrypted,
                    "パスワードで保護された文書です。Word で開き、［ファイル］→［情報］→［文書の保護］でパスワードを解除して保存し直してから取り込んでください。");
            throw new DocxImportException(DiagnosticCodes.ImportUnreadable,
                "古い Word 形式（.doc）の文書です。Word で開いて「Word 文書（*.docx）」として保存し直してから取り込んでください。");
        }
        if (!bytes.StartsWith(ZipSignature))
            throw new DocxImportException(DiagnosticCodes.ImportUnreadable,
                "Word 文書（.docx）として読めません。ファイルが壊れているか、別の形式です。Word で開けるか確かめ、.docx として保存し直してください。");
    }
}
