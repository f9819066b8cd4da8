namespace Casebook.Core.Diagnostics;

/// <summary>Stable diagnostic codes; each is documented in docs/diagnostics.md.</summary>
public static class DiagnosticCodes
{
    // Files and encodings
    public const string EmptyFile = "CB1001";
    public const string NotUtf8 = "CB1002";
    public const string ShiftJis = "CB1003";
    public const string BinaryFile = "CB1004";
    public const string UnclosedFrontMatter = "CB1005";
    public const string MissingFrontMatter = "CB1006";
    public const string InvalidYaml = "CB1007";
    public const string UnreadableFile = "CB1008";

    // Fields
    public const string MissingField = "CB1101";
    public const string WrongType = "CB1102";
    public const string UnknownField = "CB1103";
    public const string InvalidValue = "CB1104";
    public const string InvalidId = "CB1105";
    public const string IdTooLong = "CB1106";
    public const string NameTooLong = "CB1107";

    // References
    public const string UnknownTerm = "CB1201";
    public const string UnknownVolume = "CB1202";
    public const string UnknownCase = "CB1203";
    public const string DuplicateId = "CB1204";
    public const string VolumeMismatch = "CB1205";
    public const string UnknownTaxonomy = "CB1206";
    public const string BrokenLink = "CB1207";
    public const string DuplicateTerm = "CB1208";

    // Site configuration and theme
    public const string MissingConfig = "CB1301";
    public const string TemplateError = "CB1302";
    public const string MissingTemplate = "CB1303";

    // Content safety
    public const string UnsafeHtmlRemoved = "CB1401";
    public const string UnsafeLinkRemoved = "CB1402";


    // Privacy lint (warnings): personal data that should not be in a published case
    public const string PrivacyPhone = "CB1501";
    public const string PrivacyEmail = "CB1502";
    public const string PrivacyAddress = "CB1503";
    public const string PrivacyMyNumber = "CB1504";

    // Markdown body
    public const string UnknownContainer = "CB1601";
    public const string MarkdownTooDeep = "CB1602";

    // Search settings (casebook.yml search.variants / search.synonyms)
    public const string SearchGroupNotList = "CB1701";
    public const string SearchGroupTooSmall = "CB1702";
    public const string SearchFormInvalid = "CB1703";
    public const string SearchFormShort = "CB1704";

    // マイタグ exports read by `casebook tags import` (docs/mytags.md)
    public const string ReaderExportNotJson = "CB1801";
    public const string ReaderExportFormat = "CB1802";
    public const string ReaderExportShape = "CB1803";
    public const string ReaderExportUnknownCase = "CB1804";
    public const string ReaderExportOtherSite = "CB1805";

    // Importing Word documents (casebook import)
    public const string ImportUnreadable = "CB1901";
    public const string ImportEncrypted = "CB1902";
    public const string ImportFieldMissing = "CB1903";
    public const string ImportNotConverted = "CB1904";
    public const string ImportTrackedChanges = "CB1905";
    public const string ImportComment = "CB1906";
    public const string ImportImageSkipped = "CB1907";

    // Images
    public const string ImageMissingAlt = "CB2001";
    public const string ImageUnreadable = "CB2002";
    public const string FigureWithoutImage = "CB2003";

    // PDF edition
    public const string PrintGlyphMissing = "CB2101";
}
