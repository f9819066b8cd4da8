using System.Collections.Concurrent;

namespace Casebook.Core.Threading;

/// <summary>Values made at most once per key, even when several render threads ask for the same one at the same moment
/// (the others wait for the one making it). <see cref="Remove"/> lets a value go; asked for again, it is made again.</summary>
public sealed class MadeOnce<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<TValue>> _made = new(comparer);

    public TValue Get(TKey key, Func<TKey, TValue> make) =>
        (_made.TryGetValue(key, out var kept) ? kept : _made.GetOrAdd(key, k => new Lazy<TValue>(() => make(k)))).Value;

    public void Remove(TKey key) => _made.TryRemove(key, out _);

    public int Count => _made.Count;
}
