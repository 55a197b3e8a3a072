namespace CostSense.Core.Imports.Containers;

/// <summary>How a cost file's table is packed.</summary>
public enum ContainerKind
{
    /// <summary>Plain CSV text (UTF-8).</summary>
    Csv,

    /// <summary>CSV text compressed with gzip (<c>.csv.gz</c>).</summary>
    GzipCsv,

    /// <summary>An Apache Parquet file (compressed inside, column by column).</summary>
    Parquet,
}
