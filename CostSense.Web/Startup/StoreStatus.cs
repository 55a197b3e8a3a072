namespace CostSense.Web.Startup;

/// <summary>Whether the store came up, and if not, what the operator should do about it.</summary>
public sealed class StoreStatus
{
    public bool Ready { get; private set; }
    public string? Problem { get; private set; }

    public void MarkReady() => (Ready, Problem) = (true, null);
    public void MarkFailed(string problem) => (Ready, Problem) = (false, problem);
}
