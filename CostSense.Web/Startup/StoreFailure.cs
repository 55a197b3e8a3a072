using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CostSense.Web.Startup;

/// <summary>
/// Turns a failed store call into words for a page or a health report: the cause in a few words and what to
/// do, never a stack trace or a connection string.
/// </summary>
public static class StoreFailure
{
    private const int MaxReason = 200;

    /// <summary>
    /// Whether the exception says the store could not be reached or did not answer, rather than a bug: a provider's
    /// exception, a network or time-out failure, or EF's wrappers around one (RetryLimitExceededException when its
    /// retries ran out, InvalidOperationException around a transient failure).
    /// </summary>
    public static bool IsStoreFailure(Exception ex) => Chain(ex).Any(e => e is DbException or SocketException or TimeoutException
        or RetryLimitExceededException);

    /// <summary>A sentence for a page: what happened, and that Retry works once the store is back.</summary>
    public static string Describe(Exception ex) => IsStoreFailure(ex)
        ? $"The store did not answer ({Reason(ex)}). CostSense reconnects on its own once the store is back: press Retry."
        : OneLine(ex.Message);

    /// <summary>The cause in a few words: "connection refused", the server's own message, "database is locked".</summary>
    public static string Reason(Exception ex)
    {
        var chain = Chain(ex).ToList();
        if (chain.OfType<PostgresException>().FirstOrDefault() is { } pg) return OneLine($"the server said: {pg.MessageText}");
        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket)
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                SocketError.TimedOut => "connection timed out",
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "the connection was dropped",
                var code => $"network error: {code}",
            };
        if (chain.Any(e => e is TimeoutException)) return "no answer in time";
        if (chain.Any(e => e is NpgsqlException) && chain.Any(e => e is IOException)) return "the connection was dropped";
        return OneLine(chain[^1].Message);
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: > 0 } all) e = all.InnerExceptions[0];
            yield return e;
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxReason ? line : line[..MaxReason] + "…";
    }
}
