using System.ComponentModel.DataAnnotations;

namespace CostSense.Core.Caching;

/// <summary>
/// Caching of dashboard queries. Redis when <c>ConnectionStrings:Redis</c> is set, process memory otherwise.
/// </summary>
public sealed class CacheOptions : IValidatableObject
{
    public const string Section = "CostSense:Cache";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a cached result may live; entries are also invalidated as soon as their data changes.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a cache call may take before the app gives up on it and reads the store.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After a cache call fails or times out, how long queries go straight to the store before the cache is tried
    /// again: during an outage only one query in that time waits out <see cref="OperationTimeout"/>.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Expiry <= TimeSpan.Zero || Expiry > TimeSpan.FromDays(30))
            yield return new ValidationResult($"{Section}:Expiry must be between 00:00:01 and 30.00:00:00 (was {Expiry}).", [nameof(Expiry)]);
        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromSeconds(30))
            yield return new ValidationResult($"{Section}:OperationTimeout must be between 00:00:00.001 and 00:00:30 (was {OperationTimeout}).", [nameof(OperationTimeout)]);
        if (RetryAfter < TimeSpan.Zero || RetryAfter > TimeSpan.FromMinutes(10))
            yield return new ValidationResult($"{Section}:RetryAfter must be between 00:00:00 and 00:10:00 (was {RetryAfter}).", [nameof(RetryAfter)]);
    }
}
