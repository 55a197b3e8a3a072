namespace CostSense.Core.Sources.Azure;

/// <summary>What pressing Sync now did.</summary>
public enum AzureSyncStartResult
{
    /// <summary>A sync started; its progress is <see cref="AzureSync.Current"/>.</summary>
    Started,
    /// <summary>A sync is running already, here or on another instance: this one waits for it.</summary>
    AlreadyRunning,
    /// <summary>CostSense:Azure:Enabled is false.</summary>
    Disabled,
}
