namespace Lake.Contracts.Tests;

/// <summary>
/// Paths in the repository. (Lake.Testing has the same lookup, but would bring the emulator stack into this
/// unit suite.)
/// </summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Contracts => Path.Combine(Root, "contracts");

    public static string OrdersContract => Path.Combine(Contracts, "orders.yaml");

    public static string ValidOrders => Path.Combine(Root, "seed-data", "orders", "valid");

    public static string InvalidOrders => Path.Combine(Root, "seed-data", "orders", "invalid");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lake.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Lake.sln above {AppContext.BaseDirectory}.");
    }
}
