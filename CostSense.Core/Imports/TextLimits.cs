using System.Linq.Expressions;
using CostSense.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CostSense.Core.Imports;

/// <summary>
/// The maximum lengths the store's model gives an entity's text columns, read once from the EF model, so an import
/// refuses an over-long cell at its line instead of failing the whole write inside the database.
/// </summary>
internal sealed class TextLimits
{
    private readonly (string Field, Func<object, string?> Read, int Max)[] _fields;

    private TextLimits((string, Func<object, string?>, int)[] fields) => _fields = fields;

    public static TextLimits For<T>(IDbContextFactory<CostSenseDbContext> dbFactory)
    {
        using var db = dbFactory.CreateDbContext();
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var fields = entity.GetProperties()
            .Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is not null && p.PropertyInfo is not null)
            .Select(p => (p.Name, Getter(p.PropertyInfo!), p.GetMaxLength()!.Value))
            .ToArray();
        return new TextLimits(fields);
    }

    /// <summary>The first text field longer than its column, or null when every one fits.</summary>
    public (string Field, int Length, int Max, string Value)? FirstTooLong(object row)
    {
        foreach (var (field, read, max) in _fields)
            if (read(row) is { } value && value.Length > max) return (field, value.Length, max, value);
        return null;
    }

    private static Func<object, string?> Getter(System.Reflection.PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object));
        var body = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, string?>>(body, instance).Compile();
    }
}
