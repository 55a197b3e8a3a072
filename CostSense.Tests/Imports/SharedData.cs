namespace CostSense.Tests.Imports;

/// <summary>
/// Finds the project's public test data: COSTSENSE_SHARED_DATA if set, else the copy kept in the repository
/// (CostSense.Tests/TestData/shared-data, with SOURCES.md naming each file's origin, commit and licence), else
/// ../shared/data beside the repository. The copy in the repository means a clean clone runs these tests, never skips them.
/// </summary>
internal static class SharedData
{
    public static string File(string relative)
    {
        var root = Root();
        if (root is null) Assert.Skip("CostSense.Tests/TestData/shared-data (SOURCES.md) not found; set COSTSENSE_SHARED_DATA");
        return Path.Combine(root, relative);
    }

    private static string? Root()
    {
        if (Environment.GetEnvironmentVariable("COSTSENSE_SHARED_DATA") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "CostSense.Tests", "TestData", "shared-data"), Path.Combine(dir.FullName, "shared", "data") })
                if (System.IO.File.Exists(Path.Combine(candidate, "SOURCES.md"))) return candidate;
        }
        return null;
    }
}
