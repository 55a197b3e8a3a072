using Microsoft.AspNetCore.Components.Forms;

namespace CostSense.Web.Components.Pages.Import;

/// <summary>
/// Copies a browser file to a temporary file, because the importer reads a file twice (checks every row, then writes)
/// and a browser stream reads once. Blazor sends the bytes over the circuit in chunks just under SignalR's maximum
/// receive size (at most 50 KB; CostSense:Circuits:MaximumReceiveMessageBytes need not grow for uploads), so this reads
/// a chunk at a time and never holds the file in memory. The stream fails if the browser sends nothing for
/// CostSense:Circuits:JSInteropDefaultCallTimeout, so each file is copied in one go before it is imported.
/// </summary>
public static class BrowserUpload
{
    private const int BufferBytes = 128 * 1024;

    /// <summary>
    /// Copies <paramref name="file"/> to a new file in <paramref name="folder"/> (the system's temporary folder, for the
    /// page) readable only by this process's user, reporting bytes copied so far; returns its path. The caller deletes
    /// it. Nothing is left behind on failure.
    /// </summary>
    /// <exception cref="IOException">The file is larger than <paramref name="maxAllowedSize"/>, or the upload broke off.</exception>
    public static async Task<string> CopyToTempFileAsync(IBrowserFile file, long maxAllowedSize, string folder, Action<long> copied, CancellationToken ct)
    {
        var path = Path.Combine(folder, $"costsense-upload-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0, Options = FileOptions.Asynchronous,
        };
        // Cost data is the organisation's: other users of the machine's temporary folder may not read it.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using var source = file.OpenReadStream(maxAllowedSize, ct);
            await using var target = new FileStream(path, options);
            var buffer = new byte[BufferBytes];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                total += read;
                copied(total);
            }
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
