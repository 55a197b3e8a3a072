namespace CostSense.Core.Data.Entities;

/// <summary>
/// <see cref="CostRecord.Source"/> values more than one feature needs to know: the demo tenant's, which the importer
/// removes when real data arrives so no figure mixes the two.
/// </summary>
public static class KnownSources
{
    /// <summary>The generated demo tenant.</summary>
    public const string Demo = "demo";

    /// <summary>The prefix of every live Azure source (the sync's costs and inventory): imports refuse to count its days twice.</summary>
    public const string AzurePrefix = "azure:";
}
