using System.Text.Encodings.Web;
using System.Text.Json;
using CostSense.Core.Money;

namespace CostSense.Core.Assistant.Tools;

/// <summary>
/// Tool results as compact JSON. Money goes out formatted exactly as the pages show it ("$1,077.26"), so the
/// model copies figures instead of doing arithmetic or formatting it is bad at, and answers agree with the UI.
/// </summary>
public static class ToolJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    public static string Error(string message) => Serialize(new { error = message });

    public static string Money(decimal amount, string currency) => MoneyFormat.Format(amount, currency);

    public static string Percent(decimal? value) => MoneyFormat.Percent(value);
}
