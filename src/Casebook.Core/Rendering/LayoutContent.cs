using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Casebook.Core.Rendering;

/// <summary>A page's layout output handed to the base layout as <c>content</c>. The layout is rendered first, as
/// before, but into a buffer kept by the thread instead of a new string per page (two copies of every page's body:
/// about a third of a 10,000-case build's allocations). A base layout that only writes <c>{{ content }}</c> gets the
/// buffer's chunks written out; one that filters or compares it gets the string, as before.</summary>
internal sealed class LayoutContent : FluidValue
{
    [ThreadStatic] private static StringBuilder? _buffer;

    private readonly StringBuilder _html;
    private StringValue? _string;

    private LayoutContent(StringBuilder html) => _html = html;

    /// <summary>Renders <paramref name="layout"/> into this thread's buffer. The value is valid until the thread
    /// renders the next page.</summary>
#pragma warning disable CS0618 // Fluid's synchronous TextWriter overload (see Theme.Render)
    public static LayoutContent Render(IFluidTemplate layout, TemplateContext context, TextEncoder encoder)
    {
        var html = _buffer ??= new StringBuilder(64 * 1024);
        html.Clear();
        using (var writer = new StringWriter(html, CultureInfo.InvariantCulture)) layout.Render(context, encoder, writer);
        return new LayoutContent(html);
    }
#pragma warning restore CS0618

    /// <summary>Whether every use of <c>content</c> in <paramref name="baseLayout"/> is a plain <c>{{ content }}</c>.</summary>
    public static bool OnlyWrittenIn(IFluidTemplate baseLayout) => ContentUses.OnlyPlainOutput(baseLayout);

    private StringValue String => _string ??= new StringValue(_html.ToString(), false);

    public override FluidValues Type => FluidValues.String;

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        foreach (var chunk in _html.GetChunks()) writer.Write(chunk.Span);
        return ValueTask.CompletedTask;
    }

    [Obsolete("Fluid's synchronous API; WriteToAsync is used.")]
    public override void WriteTo(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => WriteToAsync(writer, encoder, cultureInfo);

    public override bool Equals(FluidValue other) => String.Equals(other);
    public override bool ToBooleanValue() => String.ToBooleanValue();
    public override decimal ToNumberValue() => String.ToNumberValue();
    public override string ToStringValue() => String.ToStringValue();
    public override object ToObjectValue() => String.ToObjectValue();
    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => String.GetValueAsync(name, context);
    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => String.GetIndexAsync(index, context);
    public override bool Contains(FluidValue value) => String.Contains(value);
    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => String.Enumerate(context);
    public override bool Equals(object? obj) => obj is FluidValue v && Equals(v);
    public override int GetHashCode() => String.GetHashCode();

    private sealed class ContentUses : AstVisitor
    {
        private int _reads;
        private int _plainOutputs;

        public static bool OnlyPlainOutput(IFluidTemplate template)
        {
            var uses = new ContentUses();
            uses.VisitTemplate(template);
            return uses._reads == uses._plainOutputs;
        }

        protected override Statement VisitOutputStatement(OutputStatement output)
        {
            if (output.Filters is not { Count: > 0 } && output.Expression is MemberExpression { Segments: [IdentifierSegment { Identifier: "content" }] })
                _plainOutputs++;
            return base.VisitOutputStatement(output);
        }

        protected override Expression VisitMemberExpression(MemberExpression member)
        {
            if (member.Segments is [IdentifierSegment { Identifier: "content" }, ..]) _reads++;
            return base.VisitMemberExpression(member);
        }
    }
}
