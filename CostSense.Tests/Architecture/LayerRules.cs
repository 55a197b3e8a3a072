namespace CostSense.Tests.Architecture;

/// <summary>
/// Layers as namespaces under a root, listed bottom to top. A namespace belongs to the longest listed one it starts
/// with (so <c>Data.Entities</c> can sit below <c>Data</c>); the root itself is a layer only when listed as "", and then
/// it is the root namespace exactly, not a catch-all. A layer may reference its own and lower layers only.
/// </summary>
internal sealed class LayerRules
{
    private readonly string _root;
    private readonly IReadOnlyList<string> _bottomToTop;

    public LayerRules(string rootNamespace, IReadOnlyList<string> bottomToTop)
    {
        if (bottomToTop.Distinct(StringComparer.Ordinal).Count() != bottomToTop.Count)
            throw new ArgumentException("A layer is listed twice.", nameof(bottomToTop));
        _root = rootNamespace;
        _bottomToTop = bottomToTop;
    }

    public IReadOnlyList<string> BottomToTop => _bottomToTop;

    /// <summary>Whether <paramref name="ns"/> is the root or below it; namespaces outside it are not judged.</summary>
    public bool IsInside(string ns) => ns == _root || ns.StartsWith(_root + ".", StringComparison.Ordinal);

    /// <summary>The layer's index (0 at the bottom), or null when the namespace is inside the root but in no listed layer.</summary>
    public int? IndexOf(string ns)
    {
        if (!IsInside(ns)) throw new ArgumentException($"{ns} is outside {_root}.", nameof(ns));
        var relative = ns == _root ? "" : ns[(_root.Length + 1)..];
        int? best = null;
        for (var i = 0; i < _bottomToTop.Count; i++)
        {
            var layer = _bottomToTop[i];
            var matches = layer.Length == 0
                ? relative.Length == 0
                : relative == layer || relative.StartsWith(layer + ".", StringComparison.Ordinal);
            if (matches && (best is null || layer.Length > _bottomToTop[best.Value].Length)) best = i;
        }
        return best;
    }

    public string NameOf(int index) => _bottomToTop[index].Length == 0 ? "(root)" : _bottomToTop[index];
}
