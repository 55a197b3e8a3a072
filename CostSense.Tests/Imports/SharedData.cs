namespace CostSense.Tests.Imports;

/// <summary>
/// Finds the project's public test data (../shared/data beside the repository, see its SOURCES.md), or
/// COSTSENSE_SHARED_DATA. A machine without it skips the tests that read it, saying why.
/// </summary>
internal static class SharedData
{
    public static string File(string relative)
    {
        var root = Root();
        if (root is null) Assert.Skip("shared/data (SOURCES.md) not found beside the repository; set COSTSENSE_SHARED_DATA");
        return Path.Combine(root, relative);
    }

    private static string? Root()
    {
        if (Environment.GetEnvironmentVariable("COSTSENSE_SHARED_DATA") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.File.Exists(Path.Combine(candidate, "SOURCES.md"))) return candidate;
        }
        return null;
    }
}
