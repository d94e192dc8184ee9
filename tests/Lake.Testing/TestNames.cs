namespace Lake.Testing;

/// <summary>Resource names unique to one test, so tests share an emulator without seeing each other.</summary>
public static class TestNames
{
    /// <summary>A lower-case name such as <c>t3f9a1c2e-orders</c>: valid for buckets, queues, topics, tables and Glue.</summary>
    public static string Unique(string suffix) => $"t{Guid.NewGuid().ToString("N")[..8]}-{suffix}";
}
