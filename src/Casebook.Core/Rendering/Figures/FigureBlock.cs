using Markdig.Parsers;
using Markdig.Syntax;

namespace Casebook.Core.Rendering.Figures;

/// <summary>A figure: one image with a caption and a credit (撮影・提供・出典), written as
/// <code>::: figure
/// ![代替テキスト](/assets/photos/a.jpg)
/// キャプション（複数行可）
/// 提供：〇〇市社会福祉協議会
/// :::</code></summary>
public sealed class FigureBlock(BlockParser parser) : LeafBlock(parser)
{
    public string Alt { get; set; } = "";
    /// <summary>The image's address as written; the renderer's link pass may rewrite it (base path).</summary>
    public string Url { get; set; } = "";
    public string Caption { get; set; } = "";
    public string Credit { get; set; } = "";
    /// <summary>Line (0-based, in the Markdown) and column of the image line, for diagnostics.</summary>
    public int ImageLine { get; set; }
    /// <summary>Why the block is not a well-formed figure (no image line), or null.</summary>
    public string? Problem { get; set; }
}
