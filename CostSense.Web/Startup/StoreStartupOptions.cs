using System.ComponentModel.DataAnnotations;

namespace CostSense.Web.Startup;

/// <summary>How start-up waits for a store that is not there yet: a quick probe, then retries with a doubling delay.</summary>
public sealed class StoreStartupOptions : IValidatableObject
{
    public const string Section = "CostSense:StoreStartup";

    /// <summary>The delay after the first failed attempt; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting to PostgreSQL may take before an attempt counts as failed, without EF's own retries.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (FirstRetryDelay <= TimeSpan.Zero || FirstRetryDelay > TimeSpan.FromMinutes(10))
            yield return new ValidationResult($"{Section}:FirstRetryDelay must be between 00:00:00.001 and 00:10:00 (was {FirstRetryDelay}).", [nameof(FirstRetryDelay)]);
        if (MaxRetryDelay < FirstRetryDelay || MaxRetryDelay > TimeSpan.FromHours(1))
            yield return new ValidationResult($"{Section}:MaxRetryDelay must be between FirstRetryDelay and 01:00:00 (was {MaxRetryDelay}).", [nameof(MaxRetryDelay)]);
        if (ProbeTimeout <= TimeSpan.Zero || ProbeTimeout > TimeSpan.FromMinutes(2))
            yield return new ValidationResult($"{Section}:ProbeTimeout must be between 00:00:00.001 and 00:02:00 (was {ProbeTimeout}).", [nameof(ProbeTimeout)]);
    }

    /// <summary>The delay after <paramref name="failures"/> failed attempts: FirstRetryDelay doubled each time, at most MaxRetryDelay.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay;
        for (var i = 1; i < failures && delay < MaxRetryDelay; i++) delay *= 2;
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
