using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CostSense.Benchmarks.Scale;

/// <summary>
/// Writes an Azure FocusCost 1.0 CSV of daily rows for the import figures (the scale run's and <c>--import</c>'s): every
/// column of the export's header (96, from the metadata Azure publishes), rows/31 resources a day across 40 subscriptions
/// in October 2026 (VMs, disks and storage accounts, EUR), tags and resource ids as long as Azure's. Returns the file's
/// billed and effective totals, summed as the rows are written, for the import to be checked against to the cent.
/// </summary>
public static class FocusCsv
{
    /// <summary>The FocusCost 1.0 export's columns (TestData copy of FocusCost_1.0.json, found above the running program).</summary>
    public static IReadOnlyList<string> Header()
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

    /// <summary>Writes <paramref name="rows"/> rows to <paramref name="path"/>; returns the billed and effective totals (EUR).</summary>
    public static async Task<(decimal Billed, decimal Effective)> WriteAsync(string path, IReadOnlyList<string> header, int rows, CancellationToken ct)
    {
        var index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);
        int At(string column) => index.GetValueOrDefault(column, -1);
        var cells = new string[header.Count];
        decimal billed = 0, effective = 0;
        var perDay = (int)Math.Ceiling(rows / 31.0);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteAsync(string.Join(',', header) + "\r\n");
        var constant = new (int Column, string Value)[]
        {
            (At("BillingAccountId"), "/providers/Microsoft.Billing/billingAccounts/12345678"), (At("BillingAccountName"), "Contoso"),
            (At("BillingCurrency"), "EUR"), (At("BillingPeriodStart"), "2026-10-01T00:00:00Z"), (At("BillingPeriodEnd"), "2026-11-01T00:00:00Z"),
            (At("ChargeCategory"), "Usage"), (At("ChargeFrequency"), "Usage-Based"), (At("InvoiceIssuerName"), "Microsoft"),
            (At("PricingCategory"), "Standard"), (At("ProviderName"), "Microsoft"), (At("PublisherName"), "Microsoft"),
            (At("RegionId"), "westeurope"), (At("RegionName"), "West Europe"),
        };
        int billedAt = At("BilledCost"), effectiveAt = At("EffectiveCost"), listAt = At("ListCost"), contractedAt = At("ContractedCost"),
            descriptionAt = At("ChargeDescription"), startAt = At("ChargePeriodStart"), endAt = At("ChargePeriodEnd"),
            consumedAt = At("ConsumedQuantity"), consumedUnitAt = At("ConsumedUnit"), pricingAt = At("PricingQuantity"), pricingUnitAt = At("PricingUnit"),
            idAt = At("ResourceId"), nameAt = At("ResourceName"), typeAt = At("ResourceType"), categoryAt = At("ServiceCategory"),
            serviceAt = At("ServiceName"), subIdAt = At("SubAccountId"), subNameAt = At("SubAccountName"), tagsAt = At("Tags"),
            rgAt = At("x_ResourceGroupName"), meterAt = At("x_SkuMeterName"), meterCategoryAt = At("x_SkuMeterCategory");
        var line = new StringBuilder(2048);
        for (var n = 0; n < rows; n++)
        {
            if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
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
            void Set(int column, string value) { if (column >= 0) cells[column] = value; }
            foreach (var (column, value) in constant) Set(column, value);
            var rg = $"rg-{sub:00}-{resource % 20:00}";
            var name = $"res-{resource:000000}";
            var subscription = $"/subscriptions/00000000-0000-0000-0000-0000000000{sub:00}";
            var costText = cost.ToString(CultureInfo.InvariantCulture);
            Set(billedAt, costText);
            Set(effectiveAt, eff.ToString(CultureInfo.InvariantCulture));
            Set(listAt, costText);
            Set(contractedAt, costText);
            Set(descriptionAt, $"{meter} - West Europe");
            Set(startAt, $"2026-10-{day:00}T00:00:00Z");
            Set(endAt, day == 31 ? "2026-11-01T00:00:00Z" : $"2026-10-{day + 1:00}T00:00:00Z");
            Set(consumedAt, kind == 0 ? "24" : "1");
            Set(consumedUnitAt, unit);
            Set(pricingAt, kind == 0 ? "24" : "1");
            Set(pricingUnitAt, unit);
            Set(idAt, $"{subscription}/resourcegroups/{rg}/providers/{type}/{name}");
            Set(nameAt, name);
            Set(typeAt, type);
            Set(categoryAt, category);
            Set(serviceAt, service);
            Set(subIdAt, subscription);
            Set(subNameAt, $"subscription-{sub:00}");
            Set(tagsAt, $"{{\"environment\":\"{(sub % 2 == 0 ? "prod" : "dev")}\",\"cost-center\":\"cc-{sub % 7}\"}}");
            Set(rgAt, rg);
            Set(meterAt, meter);
            Set(meterCategoryAt, category);
            line.Clear();
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) line.Append(',');
                var cell = cells[i];
                if (cell.AsSpan().IndexOfAny(',', '"') >= 0) line.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
                else line.Append(cell);
            }
            line.Append("\r\n");
            await writer.WriteAsync(line, ct);
        }
        return (billed, effective);
    }
}
