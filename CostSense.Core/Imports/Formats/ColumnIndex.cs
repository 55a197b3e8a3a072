namespace CostSense.Core.Imports.Formats;

/// <summary>
/// Finds columns by name in a header, case-insensitively (MCA's camelCase, OpenCost's lower case) and through
/// localised headers that carry the English name in parentheses ("Ressourcengruppe (ResourceGroup)").
/// A lookup takes several spellings, first match wins, so a renamed column (x_InvoiceId → InvoiceId) reads either way.
/// </summary>
internal sealed class ColumnIndex
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ColumnIndex(IReadOnlyList<string> header)
    {
        Header = header;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            _byName.TryAdd(name, i);
            var open = name.LastIndexOf('(');
            if (open > 0 && name.EndsWith(')'))
                _byName.TryAdd(name[(open + 1)..^1].Trim(), i);
        }
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The index of the first of <paramref name="names"/> the header has, or -1.</summary>
    public int Find(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
            if (_byName.TryGetValue(name, out var i)) return i;
        return -1;
    }

    public bool Has(params ReadOnlySpan<string> names) => Find(names) >= 0;
}
