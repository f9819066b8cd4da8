using Casebook.Core.Diagnostics;

namespace Casebook.Core.Importing;

/// <summary>What the importer needs to know from the site: where the case goes and what its volume says.</summary>
/// <param name="DocumentPath">The .docx as the editor named it; warnings point at it.</param>
/// <param name="AssetFolder">Site-relative folder under <c>assets/</c> for the case's images, e.g. <c>cases/kanagawa-r6-01</c>.</param>
public sealed record ImportRequest(string DocumentPath, string CaseId, string VolumeId, int FiscalYear, string AssetFolder);

/// <summary>An image taken out of the document, to be written under <c>input/assets/</c>.</summary>
public sealed record ImportedAsset(string AssetPath, byte[] Bytes);

/// <summary>The case file's text, its images and everything the editor should look at; nothing is written yet.</summary>
public sealed record ImportedCase(string CaseFile, IReadOnlyList<ImportedAsset> Assets, IReadOnlyList<Diagnostic> Warnings, CaseFields Fields);

/// <summary>The front-matter fields found in the document; empty strings where none was found.</summary>
public sealed record CaseFields(string Title, string Subtitle, string Organization, IReadOnlyList<string> Authors, IReadOnlyList<int> Elements);

/// <summary>The document cannot be imported (corrupt, encrypted, not a .docx); the message is for the editor.</summary>
public sealed class DocxImportException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
