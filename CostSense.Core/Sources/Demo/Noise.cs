namespace CostSense.Core.Sources.Demo;

/// <summary>
/// Deterministic noise from (seed, key, day): the same inputs always give the same value, whatever
/// order rows are produced in, so a seed reproduces the tenant exactly.
/// </summary>
internal readonly record struct Noise(int Seed)
{
    /// <summary>A value in [0, 1).</summary>
    public double Unit(int key, DateOnly day, int salt = 0)
    {
        var x = (ulong)(uint)Seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)key * 0xBF58476D1CE4E5B9UL
              ^ (ulong)(uint)day.DayNumber * 0x94D049BB133111EBUL ^ (ulong)(uint)salt * 0xD6E8FEB86659FD93UL;
        // SplitMix64 finaliser.
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27; x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A factor in [1 - spread, 1 + spread].</summary>
    public double Around(int key, DateOnly day, double spread, int salt = 0) => 1 + (Unit(key, day, salt) * 2 - 1) * spread;
}
