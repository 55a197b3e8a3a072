namespace CostSense.Benchmarks.Scale;

/// <summary>What every scenario of a scale run gets: the size, the large tenant (seeded), the server, the report.</summary>
public sealed record ScaleContext(ScaleSize Size, ScaleStore Tenant, string? Postgres, ScaleReport Report);
