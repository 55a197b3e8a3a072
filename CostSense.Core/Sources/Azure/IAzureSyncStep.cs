using CostSense.Core.Data.Entities;

namespace CostSense.Core.Sources.Azure;

/// <summary>
/// One part of a sync (inventory, metrics, costs, prices, Advisor). A step reads everything it needs from Azure first and
/// only then replaces its data in the store, in one transaction: a step that fails leaves its previous data as it was.
/// It throws on failure (<see cref="AzureFailure"/> words the exception); the sync goes on with the next step.
/// </summary>
public interface IAzureSyncStep
{
    AzureSyncStep Step { get; }

    Task<AzureStepOutcome> RunAsync(AzureSyncContext context, CancellationToken ct);
}

/// <summary>A subscription in scope.</summary>
public sealed record AzureSubscription(string Id, string DisplayName)
{
    /// <summary>"/subscriptions/{id}".</summary>
    public string Scope => $"/subscriptions/{Id}";
}

/// <summary>What every step of one sync shares: the subscriptions in scope, when it started and where to report progress.</summary>
/// <param name="Progress">Short lines shown under the step while it runs ("VMs: 120 of 400 read").</param>
public sealed record AzureSyncContext(IReadOnlyList<AzureSubscription> Subscriptions, DateTimeOffset StartedAt, IProgress<string> Progress);

/// <summary>What a step wrote: a count and a line for the Data page ("412 VMs and 37 storage accounts in 3 subscriptions").</summary>
public sealed record AzureStepOutcome(int Items, string Summary);
