using CostSense.Core.Data.Entities;

namespace CostSense.Core.Costs;

/// <summary>One source's replacement inside a multi-source write: its rows replace what it holds dated in [Start, End).</summary>
internal sealed record SourceWrite(string Source, DateOnly Start, DateOnly End, IAsyncEnumerable<CostRecord> Rows);
