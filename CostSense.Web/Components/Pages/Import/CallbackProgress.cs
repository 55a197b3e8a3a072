namespace CostSense.Web.Components.Pages.Import;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its callback where the report is made. Unlike <see cref="Progress{T}"/> it
/// captures no synchronization context, so the page decides itself how a report reaches its dispatcher.
/// </summary>
public sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
