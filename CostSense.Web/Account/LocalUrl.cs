namespace CostSense.Web.Account;

/// <summary>Keeps redirects after sign-in on this site: anything but a local path becomes the home page.</summary>
public static class LocalUrl
{
    public static string Sanitize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "/";
        url = url.Trim();
        // Only a path on this site: anything with a scheme, or not starting with "/", goes home.
        if (!url.StartsWith('/')) return "/";
        // "//host" and "/\host" are protocol-relative to browsers; control characters are never legitimate.
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) return "/";
        if (url.Any(char.IsControl) || !Uri.IsWellFormedUriString(url, UriKind.Relative)) return "/";
        return url;
    }
}
