// Small types for the checker's own tests (LayerCheckerTests): each scenario is a root with a Low and a High layer,
// and all but the clean one hold exactly one reference from Low up to High, each in a different place of the IL.
#pragma warning disable CS0649, CA1812 // never assigned, never instantiated: the checker only reads them

namespace CostSense.Tests.Architecture.Samples.Clean.Low
{
    public sealed record Amount(decimal Value);
}

namespace CostSense.Tests.Architecture.Samples.Clean.High
{
    using CostSense.Tests.Architecture.Samples.Clean.Low;

    /// <summary>Refers down in every way the checker reads: allowed.</summary>
    public sealed class Report : List<Amount>
    {
        public Amount? Largest;
        public async Task<decimal> TotalAsync()
        {
            await Task.Yield();
            var k = 2m;
            return this.Sum(a => a.Value * k) + new Amount(1).Value;
        }
    }
}

namespace CostSense.Tests.Architecture.Samples.AsyncLambdaBody.High
{
    public sealed class Target(int value) { public int Value => value; }
}

namespace CostSense.Tests.Architecture.Samples.AsyncLambdaBody.Low
{
    /// <summary>Reaches up only inside a lambda's closure class, inside an async method's state machine.</summary>
    public sealed class Worker
    {
        public async Task<int> RunAsync(IEnumerable<int> xs)
        {
            await Task.Yield();
            var k = 2;
            return xs.Select(x => new High.Target(x * k).Value).Sum();
        }
    }
}

namespace CostSense.Tests.Architecture.Samples.StaticCallBody.High
{
    public static class Tool { public static int Make() => 42; }
}

namespace CostSense.Tests.Architecture.Samples.StaticCallBody.Low
{
    /// <summary>Reaches up only in a plain method body.</summary>
    public static class Caller { public static int Call() => High.Tool.Make() + 1; }
}

namespace CostSense.Tests.Architecture.Samples.GenericPropertyType.High
{
    public sealed class Target;
}

namespace CostSense.Tests.Architecture.Samples.GenericPropertyType.Low
{
    /// <summary>Reaches up only as a generic argument of a property's type.</summary>
    public sealed class Holder { public IReadOnlyList<High.Target>? Items { get; set; } }
}

namespace CostSense.Tests.Architecture.Samples.GenericMethodArgument.High
{
    public sealed class Target;
}

namespace CostSense.Tests.Architecture.Samples.GenericMethodArgument.Low
{
    /// <summary>Reaches up only as the type argument of a generic method called in a body.</summary>
    public static class Caller { public static object? Call() => Enumerable.Empty<High.Target>().FirstOrDefault(); }
}

namespace CostSense.Tests.Architecture.Samples.Interface.High
{
    public interface IContract;
}

namespace CostSense.Tests.Architecture.Samples.Interface.Low
{
    /// <summary>Reaches up only by implementing an interface.</summary>
    public sealed class Implementation : High.IContract;
}

namespace CostSense.Tests.Architecture.Samples.Attribute.High
{
    [AttributeUsage(AttributeTargets.All)]
    public sealed class MarkerAttribute : System.Attribute;
}

namespace CostSense.Tests.Architecture.Samples.Attribute.Low
{
    /// <summary>Reaches up only through an attribute on a parameter.</summary>
    public static class Annotated { public static int Twice([High.Marker] int x) => 2 * x; }
}

namespace CostSense.Tests.Architecture.Samples.TypeOfInNestedType.High
{
    public sealed class Target;
}

namespace CostSense.Tests.Architecture.Samples.TypeOfInNestedType.Low
{
    /// <summary>Reaches up only with typeof, inside a nested type: it counts for the outer one.</summary>
    public static class Outer
    {
        public static class Inner { public static Type Kind() => typeof(High.Target); }
    }
}

namespace CostSense.Tests.Architecture.Samples.Unlayered.Stray
{
    public sealed class Thing;
}

namespace CostSense.Tests.Architecture.Samples.Unlayered.Low
{
    /// <summary>Refers to a namespace that no layer names.</summary>
    public sealed class User { public Stray.Thing? Thing { get; set; } }
}
