namespace CostSense.Core.Imports.Manifests;

/// <summary>
/// Finds, in a listing, the file a manifest's <c>blobName</c> names. A <c>blobName</c> is relative to the storage
/// container (it begins with the export's <c>rootFolderPath</c>, e.g. <c>exports/daily/20261001-20261031/&lt;run&gt;/part_0_0001.csv.gz</c>),
/// but the listing's root need not be the container's: <c>azcopy</c> puts the container in a folder of its name, and a
/// user may copy only <c>exports/</c> or one run's folder. So the container root is looked for, not assumed, and no
/// layout convention (which differs between export API versions) is used:
/// <list type="number">
/// <item>the whole <c>blobName</c> under each folder from the manifest's own up to the listing's root, nearest first
/// (the listing holds the container, at its root or deeper);</item>
/// <item>then the same with the <c>blobName</c>'s leading folders dropped one at a time (the listing starts inside the
/// container: <c>exports/</c>, then <c>exports/daily/</c>…, were not copied).</item>
/// </list>
/// The first path that exists is the file.
/// </summary>
public static class BlobPathResolver
{
    /// <summary>The listed path of <paramref name="blobName"/>, or null when no candidate exists.</summary>
    public static string? Resolve(string manifestPath, string blobName, IReadOnlySet<string> listing)
    {
        var segments = blobName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var folders = Ancestors(manifestPath);
        for (var drop = 0; drop < segments.Length; drop++)
        {
            var suffix = string.Join('/', segments[drop..]);
            foreach (var folder in folders)
            {
                var candidate = folder.Length == 0 ? suffix : folder + "/" + suffix;
                if (listing.Contains(candidate)) return candidate;
            }
        }
        return null;
    }

    private static List<string> Ancestors(string manifestPath)
    {
        var folders = new List<string>();
        var folder = manifestPath;
        do
        {
            var cut = folder.LastIndexOf('/');
            folder = cut < 0 ? "" : folder[..cut];
            folders.Add(folder);
        } while (folder.Length > 0);
        return folders;
    }
}
