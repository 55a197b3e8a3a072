namespace CostSense.Web.Startup;

/// <summary>Where the store's start-up stands.</summary>
public enum StorePhase { Connecting, Retrying, Ready }

/// <summary>One consistent reading of <see cref="StoreStatus"/>.</summary>
/// <param name="Problem">What went wrong and what the operator can do about it; null while connecting and once ready.</param>
/// <param name="Attempt">The start-up attempt that failed last.</param>
/// <param name="RetryIn">How long until the next attempt.</param>
public sealed record StoreState(StorePhase Phase, string? Problem, int Attempt, TimeSpan? RetryIn);
