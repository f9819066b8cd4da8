using System.Text.RegularExpressions;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace Casebook.Core.Rendering.Figures;

/// <summary>Parses <see cref="FigureBlock"/>: a line <c>::: figure</c> (or <c>:::figure</c>), the image line, caption
/// lines, an optional credit line starting with 提供／撮影／出典／写真 or <c>credit</c> and a colon, and a closing <c>:::</c>.</summary>
public sealed partial class FigureBlockParser : BlockParser
{
    private static readonly string[] CreditLabels = ["提供", "撮影", "出典", "写真", "credit", "Credit"];

    public FigureBlockParser() => OpeningCharacters = [':'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line.ToString().Trim();
        if (!OpenLine().IsMatch(line)) return BlockState.None;
        processor.NewBlocks.Push(new FigureBlock(this) { Line = processor.LineIndex, Column = processor.Column, Span = new(processor.Start, processor.Line.End) });
        return BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var figure = (FigureBlock)block;
        var line = processor.Line.ToString().Trim();
        if (line == ":::")
        {
            figure.UpdateSpanEnd(processor.Line.End);
            return BlockState.BreakDiscard;
        }
        Take(figure, line, processor.LineIndex);
        return BlockState.ContinueDiscard;
    }

    private static void Take(FigureBlock figure, string line, int lineIndex)
    {
        if (line.Length == 0) return;
        if (figure.Url.Length == 0 && figure.Caption.Length == 0 && ImageLine().Match(line) is { Success: true } m)
        {
            figure.Alt = m.Groups[1].Value.Replace("\\]", "]", StringComparison.Ordinal);
            figure.Url = m.Groups[2].Value.Trim('<', '>');
            figure.ImageLine = lineIndex;
            return;
        }
        var credit = CreditLine().Match(line);
        if (credit.Success && CreditLabels.Contains(credit.Groups[1].Value))
        {
            figure.Credit = line;
            return;
        }
        if (figure.Url.Length == 0) figure.Problem = "::: figure の最初の行には画像（![代替テキスト](/assets/…)）を書いてください。";
        figure.Caption = figure.Caption.Length == 0 ? line : figure.Caption + "\n" + line;
    }

    public override bool Close(BlockProcessor processor, Block block)
    {
        var figure = (FigureBlock)block;
        if (figure.Url.Length == 0) figure.Problem ??= "::: figure に画像（![代替テキスト](/assets/…)）がありません。";
        return true;
    }

    [GeneratedRegex(@"^:::\s*figure$")]
    private static partial Regex OpenLine();

    [GeneratedRegex(@"^!\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>]*>|\S+?)\s*\)$")]
    private static partial Regex ImageLine();

    [GeneratedRegex(@"^(\S+?)\s*[:：]")]
    private static partial Regex CreditLine();
}
