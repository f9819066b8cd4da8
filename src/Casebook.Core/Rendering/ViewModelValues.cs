using System.Collections;
using System.Collections.Frozen;
using System.Reflection;
using Fluid;
using Fluid.Values;

namespace Casebook.Core.Rendering;

/// <summary>View models as Liquid values with typed member access. Fluid's own object value looks each
/// <c>{{ x.y }}</c> up in its strategy's (type, name) map, calls the getter through an untyped accessor and then
/// sorts the result through <see cref="FluidValue.Create"/>'s type tests: about half of the template time of a
/// 10,000-case build. Here each view-model type gets, once, a table from the member's template name to a
/// compiled getter that makes the value directly.
/// The table holds exactly the members the strategy answers for the type (same names, same properties), and each
/// value is the one <see cref="FluidValue.Create"/> would make (strings, whole numbers, booleans, lists, other
/// view models); any other name or value goes through Fluid's own path, undefined names included.</summary>
internal sealed class ViewModelValues
{
    private readonly TemplateOptions _options;
    private readonly Dictionary<Type, FrozenDictionary<string, Func<object, FluidValue>>> _types = [];
    private static readonly NumberValue[] Small = Enumerable.Range(0, 1024).Select(i => NumberValue.Create(i)).ToArray();

    /// <summary>Tables for <paramref name="types"/>, registered with <paramref name="options"/>' strategy beforehand.
    /// With value converters in the options, every value takes Fluid's path (the converters decide).</summary>
    public ViewModelValues(TemplateOptions options, IEnumerable<Type> types)
    {
        _options = options;
        if (options.ValueConverters.Count > 0) return;
        var list = types.ToList();
        foreach (var t in list) _types[t] = FrozenDictionary<string, Func<object, FluidValue>>.Empty;
        foreach (var t in list) _types[t] = Members(t);
    }

    /// <summary>Off: values take Fluid's own path (tests compare both ways).</summary>
    internal bool Enabled { get; set; } = true;

    /// <summary>The Liquid value of <paramref name="value"/>, as <see cref="FluidValue.Create"/> would make it.</summary>
    public FluidValue Of(object? value) => !Enabled ? FluidValue.Create(value, _options) : value switch
    {
        null => NilValue.Instance,
        FluidValue v => v,
        string s => new StringValue(s),
        int i => i >= 0 && i < Small.Length ? Small[i] : NumberValue.Create(i),
        bool b => BooleanValue.Create(b),
        _ when _types.TryGetValue(value.GetType(), out var members) => new ViewModelValue(value, members),
        IList list when IsPlainList(value.GetType()) => List(list),
        _ => FluidValue.Create(value, _options),
    };

    /// <summary>The member names the table answers for a type (tests compare them with the strategy's).</summary>
    internal IReadOnlyCollection<string> MemberNames(Type type) => _types.TryGetValue(type, out var m) ? m.Keys : [];

    private FluidValue List(IList list)
    {
        if (list.Count == 0) return ArrayValue.Empty;
        var values = new FluidValue[list.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Of(list[i]);
        return new ArrayValue(values);
    }

    /// <summary>A List&lt;T&gt; that <see cref="FluidValue.Create"/> turns item by item into an array (not a list of
    /// Liquid values, which it would take as it is).</summary>
    private static bool IsPlainList(Type type) => PlainLists.TryGetValue(type, out var plain) ? plain : PlainLists.GetOrAdd(type, IsPlainListType);

    // Answered once per type: every list a template reads comes this way, and the reflection allocates.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> PlainLists = new();

    private static bool IsPlainListType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)
        && !typeof(FluidValue).IsAssignableFrom(type.GetGenericArguments()[0]);

    private FrozenDictionary<string, Func<object, FluidValue>> Members(Type type)
    {
        var strategy = _options.MemberAccessStrategy;
        var byName = new Dictionary<string, Func<object, FluidValue>>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        // Fluid names fields too; a field's name is left to Fluid's path, and so is any name two members share.
        foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance)) taken.Add(strategy.MemberNameStrategy(f));
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetGetMethod() is not { } getter) continue;
            if (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Task<>)) continue;
            var name = strategy.MemberNameStrategy(p);
            if (!taken.Add(name)) { byName.Remove(name); continue; }
            if (strategy.GetAccessor(type, name) is null) continue;
            var make = typeof(ViewModelValues).GetMethod(nameof(Getter), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(type, p.PropertyType);
            byName[name] = (Func<object, FluidValue>)make.Invoke(this, [getter])!;
        }
        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private Func<object, FluidValue> Getter<T, TValue>(MethodInfo getter)
    {
        var get = getter.CreateDelegate<Func<T, TValue>>();
        if (typeof(TValue) == typeof(string)) return o => get((T)o) is string s ? new StringValue(s) : NilValue.Instance;
        return o => Of(get((T)o));
    }

    private sealed class ViewModelValue(object value, FrozenDictionary<string, Func<object, FluidValue>> members) : ObjectValueBase(value)
    {
        public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) =>
            members.TryGetValue(name, out var get) ? new ValueTask<FluidValue>(get(Value)) : base.GetValueAsync(name, context);
    }
}
