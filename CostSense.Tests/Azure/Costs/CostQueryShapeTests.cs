using System.Text.Json;
using Azure.Core;
using CostSense.Core.Sources.Azure;
using CostSense.Core.Sources.Azure.Costs;

namespace CostSense.Tests.Azure.Costs;

/// <summary>The query's answer is read by column name, and the billing scopes option is checked on start.</summary>
public sealed class CostQueryShapeTests
{
    [Fact]
    public void Columns_AreMappedByName_WhateverTheirOrder()
    {
        // The order Azure documents is cost, UsageDate, groupings, Currency; a reordered answer must read the same.
        using var page = JsonDocument.Parse("""
            {"columns":[{"name":"Currency","type":"String"},{"name":"ResourceLocation","type":"String"},{"name":"UsageDate","type":"Number"},
                        {"name":"ResourceId","type":"String"},{"name":"PreTaxCost","type":"Number"}],
             "rows":[["EUR","westeurope",20261103,"/subscriptions/x/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/VM1",12.345678901234],
                     ["EUR","",20261104,"",0.5]]}
            """);
        var rows = new List<CostQueryRow>();

        CostQueryReader.ReadPage(page.RootElement, QueryCostRows.Dimensions, rows);

        Assert.Equal(2, rows.Count);
        Assert.Equal((new DateOnly(2026, 11, 3), 12.345678901234m, "EUR"), (rows[0].Date, rows[0].Cost, rows[0].Currency));
        Assert.Equal("westeurope", rows[0].Dimension(QueryCostRows.ResourceLocation));
        Assert.EndsWith("/virtualMachines/VM1", rows[0].Dimension(QueryCostRows.ResourceId));
        Assert.Null(rows[1].Dimension(QueryCostRows.ResourceId));
    }

    [Fact]
    public void An429sWait_IsTheLargestOfEveryCostManagementHeaderAndRetryAfter()
    {
        var response = new ThrottledResponse(new()
        {
            ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = "4",
            ["x-ms-ratelimit-microsoft.costmanagement-entity-retry-after"] = "9",
            ["x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after"] = "26",
            ["x-ms-ratelimit-microsoft.costmanagement-client-retry-after"] = "3",
            ["x-ms-ratelimit-microsoft.costmanagement-qpu-remaining"] = "QueryResource:0, Tenant:0",
            ["Retry-After"] = "15",
        });
        Assert.Equal(TimeSpan.FromSeconds(26), CostManagementClient.ThrottleWait(response, DateTimeOffset.UnixEpoch));

        var dated = new ThrottledResponse(new() { ["Retry-After"] = "Thu, 01 Jan 1970 00:01:00 GMT", ["x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after"] = "30" });
        Assert.Equal(TimeSpan.FromSeconds(60), CostManagementClient.ThrottleWait(dated, DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("/providers/Microsoft.Billing/billingAccounts/8611537", true)]
    [InlineData("providers/Microsoft.Billing/billingAccounts/1234:5678_2019-05-31/billingProfiles/ABCD-EFGH", true)]
    [InlineData("/subscriptions/aaaaaaaa-0000-0000-0000-000000000001", false)]
    public void CostDetailsScopes_MustBeBillingScopes(string scope, bool valid)
    {
        var options = new AzureOptions { CostDetailsScopes = scope };
        var result = new AzureOptionsValidator().Validate(null, options);
        Assert.Equal(valid, result.Succeeded);
        if (valid) Assert.StartsWith("/providers/microsoft.billing/billingaccounts/", Assert.Single(options.CostDetailsScopeList));
        else Assert.Contains("CostSense:Azure:CostDetailsScopes", result.FailureMessage);
    }

    /// <summary>A 429 with the given headers.</summary>
    private sealed class ThrottledResponse(Dictionary<string, string> headers) : global::Azure.Response
    {
        public override int Status => 429;
        public override string ReasonPhrase => "Too Many Requests";
        public override Stream? ContentStream { get; set; }
        public override string ClientRequestId { get; set; } = "";
        public override void Dispose() { }
        protected override bool ContainsHeader(string name) => headers.ContainsKey(name);
        protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));
        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);
        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = headers.TryGetValue(name, out var v) ? [v] : null;
            return values is not null;
        }
    }
}
