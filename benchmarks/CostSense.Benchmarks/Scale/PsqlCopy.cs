using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// The import figures' baseline: <c>psql \copy</c> of the same CSV into a table of the file's own columns (money and
/// quantities numeric, the rest text, no index) in a database of its own on the same server, timed by /usr/bin/time
/// (elapsed seconds and psql's own peak RSS). One pass, no checks: what loading the bytes costs on this server.
/// </summary>
public static class PsqlCopy
{
    private static readonly HashSet<string> Numeric = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity", "PricingQuantity"];

    /// <summary>The seconds and psql's peak RSS (KB), or null with <paramref name="missing"/> saying why when psql or time is not installed.</summary>
    public static async Task<(double Seconds, double PeakKb)?> RunAsync(string file, IReadOnlyList<string> header, string postgres, Action<string> missing,
        CancellationToken ct)
    {
        foreach (var tool in new[] { "/usr/bin/time", "psql" })
            if (!OnPath(tool))
            {
                missing($"{tool} is not installed, so there is no psql \\copy baseline");
                return null;
            }
        // A name of this process's own: another run's baseline (a test at the small size, a helper's run) drops its database
        // WITH (FORCE) before it starts, which killed this one's COPY midway when the two shared a name.
        var database = $"costsense_psqlbench_{Environment.ProcessId}";
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" };
        await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", ct);
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {database}", ct);
        try
        {
            var target = new NpgsqlConnectionStringBuilder(postgres) { Database = database };
            var columns = string.Join(", ", header.Select(h => $"\"{h}\" {(Numeric.Contains(h) ? "numeric" : "text")}"));
            await ExecuteAsync(target.ConnectionString, $"CREATE TABLE focus ({columns})", ct);

            var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "psql", "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture),
                "-U", target.Username!, "-d", database, "-q", "-c", $"\\copy focus FROM '{file}' WITH (FORMAT csv, HEADER true)"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            psi.Environment["PGPASSWORD"] = target.Password;
            using var psql = Process.Start(psi)!;
            var error = await psql.StandardError.ReadToEndAsync(ct);
            await psql.WaitForExitAsync(ct);
            var last = error.Trim().Split('\n')[^1].Split(' ');
            if (psql.ExitCode != 0 || last.Length != 2) throw new InvalidOperationException("psql \\copy failed: " + error);
            return (double.Parse(last[0], CultureInfo.InvariantCulture), double.Parse(last[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }
    }

    private static bool OnPath(string tool)
    {
        if (Path.IsPathRooted(tool)) return File.Exists(tool);
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));
    }

    private static async Task ExecuteAsync(string connection, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync(ct);
    }
}
