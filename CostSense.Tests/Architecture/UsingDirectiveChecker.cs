using System.Text.RegularExpressions;

namespace CostSense.Tests.Architecture;

/// <summary>
/// The source side of the layer check: a file's <c>using</c> lines against the namespace it declares. It catches what
/// the IL check cannot see (a constant or enum value copied into the caller, a <c>nameof</c>), as long as the file
/// names the namespace in a <c>using</c>, which is how this code base refers to other folders.
/// </summary>
internal static partial class UsingDirectiveChecker
{
    public static LayerReport Check(IEnumerable<(string Path, string Text)> files, LayerRules rules)
    {
        var violations = new List<LayerViolation>();
        var unlayered = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in files)
        {
            if (NamespaceLine().Match(text) is not { Success: true } declared) continue;
            var ns = declared.Groups["ns"].Value;
            if (!rules.IsInside(ns)) continue;
            var from = rules.IndexOf(ns);
            if (from is null) { unlayered.Add(ns); continue; }
            foreach (Match u in UsingLine().Matches(text))
            {
                // A using static or an alias names a type; its namespace is a prefix of it, which is all IndexOf needs.
                var target = u.Groups["name"].Value;
                if (!rules.IsInside(target)) continue;
                var to = rules.IndexOf(target);
                if (to is null) unlayered.Add(target);
                else if (to > from) violations.Add(new(path, rules.NameOf(from.Value), target, rules.NameOf(to.Value)));
            }
        }
        return new(violations.OrderBy(v => v.From, StringComparer.Ordinal).ThenBy(v => v.To, StringComparer.Ordinal).ToList(), unlayered.ToList());
    }

    /// <summary>The C# files under <paramref name="directory"/>, build output left out.</summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(Path.Combine(directory, p))));

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<name>[A-Za-z_][\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
