using CostSense.Core.Data.Entities;

namespace CostSense.Core.Imports.Formats;

/// <summary>One source row mapped: the store's record, the columns the record cannot hold yet, and the source line.</summary>
public sealed record ImportedCostRow(CostRecord Record, ImportedCostDetails Details, long Line);
