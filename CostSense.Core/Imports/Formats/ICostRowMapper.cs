namespace CostSense.Core.Imports.Formats;

/// <summary>Maps one source row of a recognised format into the store's FOCUS-shaped record.</summary>
internal interface ICostRowMapper
{
    ImportedCostRow Map(TabularRow row);

    /// <summary>The header columns <see cref="Map"/> reads, or null for all (see <see cref="ITabularSource.ReadOnly"/>).</summary>
    IReadOnlyCollection<int>? Columns => null;
}
