using Markdig;

namespace Casebook.Core.Rendering.Markdown.Extensions.TableAlignment;

public static class TableAlignmentPipelineExtensions
{
    /// <summary>Column alignment as <c>align-*</c> classes on table cells (see <see cref="TableAlignmentExtension"/>).</summary>
    public static MarkdownPipelineBuilder UseTableAlignmentClasses(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<TableAlignmentExtension>();
        return pipeline;
    }
}
