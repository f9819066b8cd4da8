using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Casebook.Core.Rendering.Markdown.Extensions.TableAlignment;

/// <summary>A table column's alignment (<c>|---:|</c>) as a class on each cell (<c>align-right</c>) instead of Markdig's
/// inline style, which the pages' Content-Security-Policy forbids; the theme's CSS aligns by class.</summary>
public sealed class TableAlignmentExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= MoveAlignmentToClasses;
        pipeline.DocumentProcessed += MoveAlignmentToClasses;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }

    private static void MoveAlignmentToClasses(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var columns = table.ColumnDefinitions;
            if (columns.Count == 0) continue;
            foreach (var row in table.OfType<TableRow>())
                for (var i = 0; i < row.Count; i++)
                {
                    var cell = (TableCell)row[i];
                    // The column a cell belongs to, as Markdig's table renderer picks it.
                    var column = cell.ColumnIndex < 0 || cell.ColumnIndex >= columns.Count ? i : cell.ColumnIndex;
                    if (ClassOf(columns[Math.Min(column, columns.Count - 1)].Alignment) is { } name)
                        cell.GetAttributes().AddClass(name);
                }
            foreach (var column in columns) column.Alignment = null;
        }
    }

    private static string? ClassOf(TableColumnAlign? alignment) => alignment switch
    {
        TableColumnAlign.Left => "align-left",
        TableColumnAlign.Center => "align-center",
        TableColumnAlign.Right => "align-right",
        _ => null,
    };
}
