using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CostSense.Core.Access;
using CostSense.Core.Imports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

/// <summary>
/// The cost importer at export scale:
///   dotnet run -c Release --project benchmarks/CostSense.Benchmarks -- --import 2000000 --postgres "Host=...;Username=...;Password=..."
/// writes an Azure FocusCost 1.0r2 CSV of that many daily rows (one month, every column of the export's header), imports
/// it into a fresh store through CostImporter (both passes: check every row, then stream it into COPY), and prints rows
/// per second and the process's peak working set during the import; then loads the same file with <c>psql \copy</c> into a
/// table of the file's own columns on the same server, timed and measured (max RSS) by /usr/bin/time, for scale.
/// Without --postgres it imports into SQLite and skips psql.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(int rows, string? postgres)
    {
        var folder = Directory.CreateTempSubdirectory("costsense-importbench-").FullName;
        try
        {
            var file = Path.Combine(folder, "focus-2026-10.csv");
            var header = Header();
            var written = Stopwatch.StartNew();
            var (billed, effective) = await WriteFileAsync(file, header, rows);
            Console.WriteLine($"file: {rows:N0} rows, {header.Count} columns, {new FileInfo(file).Length / 1_048_576.0:N0} MB, written in {written.Elapsed.TotalSeconds:N1} s");
            Console.WriteLine($"file totals: billed {billed} effective {effective} EUR");

            await using (var store = await BenchmarkStore.StartAsync("importbench", [], postgres))
            {
                var importer = store.Services.GetRequiredService<CostImporter>();
                using var sampler = new PeakSampler();
                var allocated = GC.GetTotalAllocatedBytes();
                var timer = Stopwatch.StartNew();
                var summary = await importer.ImportFileAsync(Actor.System, ImportFile.FromPath(file), default);
                timer.Stop();
                var total = summary.Totals.Single();
                if (total.BilledCost != billed || total.EffectiveCost != effective)
                    throw new InvalidOperationException($"Imported totals {total.BilledCost}/{total.EffectiveCost} differ from the file's {billed}/{effective}.");
                Console.WriteLine($"{"",-10} {"seconds",8} {"rows/s",10} {"peak MB",8} {"alloc MB",9}");
                Console.WriteLine($"{"CostSense",-10} {timer.Elapsed.TotalSeconds,8:N1} {rows / timer.Elapsed.TotalSeconds,10:N0} {sampler.PeakBytes / 1_048_576.0,8:N0} " +
                    $"{(GC.GetTotalAllocatedBytes() - allocated) / 1_048_576.0,9:N0}   ({(postgres is null ? "SQLite" : "PostgreSQL")}, two passes, {summary.DailyRows:N0} rows stored, totals equal the file's)");
            }

            if (postgres is not null) await PsqlCopyAsync(file, header, rows, postgres);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The FocusCost 1.0 export's columns, from the metadata Azure publishes (TestData copy of FocusCost_1.0.json).</summary>
    private static IReadOnlyList<string> Header()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "CostSense.Tests", "TestData", "shared-data", "FocusCost_1.0.json");
            if (!File.Exists(path)) continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("Columns").EnumerateArray().Select(c => c.GetProperty("ColumnName").GetString()!).ToList();
        }
        throw new FileNotFoundException("CostSense.Tests/TestData/shared-data/FocusCost_1.0.json not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Daily rows of October 2026 for rows/31 resources a day across 40 subscriptions: VMs, disks and storage, EUR, with
    /// tags and resource ids as long as Azure's. Returns the file's billed and effective totals.
    /// </summary>
    private static async Task<(decimal Billed, decimal Effective)> WriteFileAsync(string path, IReadOnlyList<string> header, int rows)
    {
        var index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        var cells = new string[header.Count];
        decimal billed = 0, effective = 0;
        var perDay = (int)Math.Ceiling(rows / 31.0);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteAsync(string.Join(',', header) + "\r\n");
        for (var n = 0; n < rows; n++)
        {
            var day = n / perDay + 1;
            var resource = n % perDay;
            var sub = resource % 40;
            var kind = resource % 3;
            var (type, service, category, meter, unit) = kind switch
            {
                0 => ("microsoft.compute/virtualmachines", "Virtual Machines", "Compute", "D2s v3", "1 Hour"),
                1 => ("microsoft.compute/disks", "Storage", "Storage", "P10 LRS Disk", "1/Month"),
                _ => ("microsoft.storage/storageaccounts", "Storage Accounts", "Storage", "Hot LRS Data Stored", "1 GB/Month"),
            };
            var cost = Math.Round(0.01m + resource % 997 * 0.0137m + day * 0.0001m, 10);
            var eff = Math.Round(cost * 0.9m, 10);
            billed += cost;
            effective += eff;
            Array.Fill(cells, "");
            void Set(string column, string value) { if (index.TryGetValue(column, out var i)) cells[i] = value; }
            var rg = $"rg-{sub:00}-{resource % 20:00}";
            var name = $"res-{resource:000000}";
            var id = $"/subscriptions/00000000-0000-0000-0000-0000000000{sub:00}/resourcegroups/{rg}/providers/{type}/{name}";
            Set("BilledCost", cost.ToString(CultureInfo.InvariantCulture));
            Set("EffectiveCost", eff.ToString(CultureInfo.InvariantCulture));
            Set("ListCost", cost.ToString(CultureInfo.InvariantCulture));
            Set("ContractedCost", cost.ToString(CultureInfo.InvariantCulture));
            Set("BillingAccountId", "/providers/Microsoft.Billing/billingAccounts/12345678");
            Set("BillingAccountName", "Contoso");
            Set("BillingCurrency", "EUR");
            Set("BillingPeriodStart", "2026-10-01T00:00:00Z");
            Set("BillingPeriodEnd", "2026-11-01T00:00:00Z");
            Set("ChargeCategory", "Usage");
            Set("ChargeDescription", $"{meter} - West Europe");
            Set("ChargeFrequency", "Usage-Based");
            Set("ChargePeriodStart", $"2026-10-{day:00}T00:00:00Z");
            Set("ChargePeriodEnd", day == 31 ? "2026-11-01T00:00:00Z" : $"2026-10-{day + 1:00}T00:00:00Z");
            Set("ConsumedQuantity", kind == 0 ? "24" : "1");
            Set("ConsumedUnit", unit);
            Set("InvoiceIssuerName", "Microsoft");
            Set("PricingCategory", "Standard");
            Set("PricingQuantity", kind == 0 ? "24" : "1");
            Set("PricingUnit", unit);
            Set("ProviderName", "Microsoft");
            Set("PublisherName", "Microsoft");
            Set("RegionId", "westeurope");
            Set("RegionName", "West Europe");
            Set("ResourceId", id);
            Set("ResourceName", name);
            Set("ResourceType", type);
            Set("ServiceCategory", category);
            Set("ServiceName", service);
            Set("SubAccountId", $"/subscriptions/00000000-0000-0000-0000-0000000000{sub:00}");
            Set("SubAccountName", $"subscription-{sub:00}");
            Set("Tags", $"{{\"environment\":\"{(sub % 2 == 0 ? "prod" : "dev")}\",\"cost-center\":\"cc-{sub % 7}\"}}");
            Set("x_ResourceGroupName", rg);
            Set("x_SkuMeterName", meter);
            Set("x_SkuMeterCategory", category);
            await writer.WriteAsync(string.Join(',', cells.Select(Quote)));
            await writer.WriteAsync("\r\n");
        }
        return (billed, effective);

        static string Quote(string cell) => cell.IndexOfAny([',', '"']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    /// <summary><c>psql \copy</c> of the same file into a table of its columns (money numeric, the rest text), timed by /usr/bin/time.</summary>
    private static async Task PsqlCopyAsync(string file, IReadOnlyList<string> header, int rows, string postgres)
    {
        var money = new HashSet<string>(["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity", "PricingQuantity"]);
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS costsense_psqlbench", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE costsense_psqlbench", conn);
            await create.ExecuteNonQueryAsync();
        }
        var target = new NpgsqlConnectionStringBuilder(postgres) { Database = "costsense_psqlbench" };
        await using (var conn = new NpgsqlConnection(target.ConnectionString))
        {
            await conn.OpenAsync();
            var columns = string.Join(", ", header.Select(h => $"\"{h}\" {(money.Contains(h) ? "numeric" : "text")}"));
            await using var table = new NpgsqlCommand($"CREATE TABLE focus ({columns})", conn);
            await table.ExecuteNonQueryAsync();
        }

        var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", "psql", "-h", target.Host!, "-p", target.Port.ToString(CultureInfo.InvariantCulture),
            "-U", target.Username!, "-d", "costsense_psqlbench", "-q", "-c", $"\\copy focus FROM '{file}' WITH (FORMAT csv, HEADER true)"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        psi.Environment["PGPASSWORD"] = target.Password;
        using var psql = Process.Start(psi)!;
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        var last = error.Trim().Split('\n')[^1].Split(' ');
        if (psql.ExitCode != 0 || last.Length != 2) throw new InvalidOperationException("psql \\copy failed: " + error);
        var seconds = double.Parse(last[0], CultureInfo.InvariantCulture);
        var peakKb = double.Parse(last[1], CultureInfo.InvariantCulture);
        Console.WriteLine($"{"psql \\copy",-10} {seconds,8:N1} {rows / seconds,10:N0} {peakKb / 1024,8:N0} {"",9}   (one pass into a table of the file's {header.Count} columns, no checks; psql's own RSS, the server's work not counted)");

        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS costsense_psqlbench WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Samples the process's working set every 50 ms; the largest seen is the peak during the measured work.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakSampler()
        {
            _peak = Environment.WorkingSet;
            _timer = new Timer(_ => Sample(), null, 0, 50);
        }

        public long PeakBytes { get { Sample(); return Interlocked.Read(ref _peak); } }

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            do { seen = Interlocked.Read(ref _peak); } while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
        }

        public void Dispose() => _timer.Dispose();
    }
}
