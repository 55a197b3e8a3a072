namespace CostSense.Benchmarks.Scale;

/// <summary>
/// How large a tenant the scale benchmark builds and how hard it pushes it. <see cref="Full"/> is the enterprise tenant the
/// targets are set for; <see cref="Small"/> runs every scenario in seconds, so the test suite keeps them from rotting.
/// </summary>
public sealed record ScaleSize(string Name, int VirtualMachines, int StorageAccounts, int Months, int ResourceGroups, int Subscriptions,
    int ImportRows, int Sessions)
{
    /// <summary>20,000 VMs and 10,000 storage accounts over 13 months; a 2-million-row import; 50 sessions.</summary>
    public static ScaleSize Full { get; } = new("full", 20_000, 10_000, 13, 200, 10, 2_000_000, 50);

    /// <summary>A quarter of <see cref="Full"/>: minutes less to seed while a figure is being worked on.</summary>
    public static ScaleSize Medium { get; } = new("medium", 5_000, 2_500, 13, 50, 5, 500_000, 10);

    /// <summary>Every scenario at a size that runs in seconds, for the tests.</summary>
    public static ScaleSize Small { get; } = new("small", 120, 60, 2, 6, 2, 5_000, 2);

    /// <summary>"full", "medium" or "small".</summary>
    public static ScaleSize Named(string name) => name switch
    {
        "full" => Full,
        "medium" => Medium,
        "small" => Small,
        _ => throw new ArgumentException($"There is no scale size '{name}': full, medium or small.", nameof(name)),
    };

    /// <summary>Grid and export figures read this many recommendations at most (the targets: 50 rows of 30,000, 20,000 exported).</summary>
    public int Resources => VirtualMachines + StorageAccounts;
}
