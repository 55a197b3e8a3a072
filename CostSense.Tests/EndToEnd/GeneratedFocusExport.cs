using System.Globalization;
using System.Text;
using CostSense.Tests.Imports;

namespace CostSense.Tests.EndToEnd;

/// <summary>
/// An Azure FocusCost 1.0 export, generated: <c>rowsPerDay</c> rows a day (one resource each) over the days given, several subscriptions and services,
/// amounts with many decimals and a negative correction, so that totals must be summed exactly. It knows its own totals.
/// </summary>
public sealed class GeneratedFocusExport
{
    private readonly List<(DateOnly Day, decimal Billed, decimal Effective)> _rows = [];

    public string FileName { get; }
    public byte[] Content { get; }
    public const string Currency = "USD";

    public GeneratedFocusExport(string fileName, DateOnly from, DateOnly to, int seed, int rowsPerDay = 3, string account = "e2e-import")
    {
        FileName = fileName;
        var random = new Random(seed);
        var header = GeneratedCsv.FocusCostHeader("FocusCost_1.0.json");
        var rows = new List<Dictionary<string, string>>();
        string[] subscriptions = ["11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"];
        string[] services = ["Virtual Machines", "Storage", "Azure SQL Database"];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            for (var i = 0; i < rowsPerDay; i++)
            {
                // Seven decimals, as Azure writes them; a credit on the 5th of each month, as corrections arrive.
                var billed = Math.Round((decimal)random.NextDouble() * 40m, 7);
                var effective = Math.Round(billed * (0.6m + (decimal)random.NextDouble() * 0.4m), 7);
                if (day.Day == 5 && i == 2) (billed, effective) = (-billed / 4, -effective / 4);
                var sub = subscriptions[i % subscriptions.Length];
                var at = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
                rows.Add(new()
                {
                    ["ChargePeriodStart"] = at, ["ChargePeriodEnd"] = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                    ["BillingPeriodStart"] = new DateOnly(day.Year, day.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z",
                    ["BilledCost"] = billed.ToString(CultureInfo.InvariantCulture), ["EffectiveCost"] = effective.ToString(CultureInfo.InvariantCulture),
                    ["ListCost"] = billed.ToString(CultureInfo.InvariantCulture), ["BillingCurrency"] = Currency,
                    ["BillingAccountId"] = "/providers/Microsoft.Billing/billingAccounts/" + account, ["BillingAccountName"] = "E2E Import",
                    ["SubAccountId"] = "/subscriptions/" + sub, ["SubAccountName"] = i % 2 == 0 ? "E2E Production" : "E2E Development",
                    ["ServiceName"] = services[i % 3], ["ServiceCategory"] = (i % 3) switch { 0 => "Compute", 1 => "Storage", _ => "Databases" },
                    ["RegionId"] = "westeurope", ["ChargeCategory"] = "Usage", ["ChargeClass"] = day.Day == 5 && i == 2 ? "Correction" : "",
                    ["ProviderName"] = "Microsoft", ["PublisherName"] = "Microsoft", ["InvoiceIssuerName"] = "Microsoft",
                    ["ResourceId"] = $"/subscriptions/{sub}/resourceGroups/rg-e2e-{i % 3}/providers/Microsoft.Compute/virtualMachines/vm-{i}",
                    ["ResourceName"] = $"vm-{i}", ["x_ResourceGroupName"] = $"rg-e2e-{i % 3}",
                });
                _rows.Add((day, billed, effective));
            }
        }
        Content = Encoding.UTF8.GetBytes(GeneratedCsv.Write(header, rows.ToArray()));
    }

    public int Rows => _rows.Count;
    public decimal Billed => _rows.Sum(r => r.Billed);
    public decimal Effective => _rows.Sum(r => r.Effective);

    /// <summary>Effective cost of the days in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public decimal EffectiveBetween(DateOnly from, DateOnly to) => _rows.Where(r => r.Day >= from && r.Day <= to).Sum(r => r.Effective);
}
