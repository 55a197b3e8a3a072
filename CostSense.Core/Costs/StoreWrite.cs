using CostSense.Core.Data.Entities;

namespace CostSense.Core.Costs;

/// <summary>What one replacement did: the batch that now holds the rows and how many earlier rows it deleted.</summary>
internal sealed record StoreWrite(ImportBatch Batch, int Deleted);
