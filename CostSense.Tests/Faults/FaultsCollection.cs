namespace CostSense.Tests.Faults;

/// <summary>
/// Fault tests measure how long things take while a server is away; they run on their own, after the parallel
/// tests, so that a busy machine does not blur those times.
/// </summary>
[CollectionDefinition(nameof(FaultsCollection), DisableParallelization = true)]
public sealed class FaultsCollection;
