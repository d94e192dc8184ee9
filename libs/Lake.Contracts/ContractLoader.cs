namespace Lake.Contracts;

/// <summary>
/// Loads a dataset contract from YAML. A malformed contract, an unknown key or rule, or a rule that does not
/// fit the columns fails here, with a <see cref="ContractException"/> naming the file, line and column.
/// </summary>
public static class ContractLoader
{
    /// <summary>Loads <paramref name="path"/>; errors name the path as given.</summary>
    public static DatasetContract LoadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses a contract's text; <paramref name="sourceName"/> is the name errors carry.</summary>
    public static DatasetContract Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new ContractReader(yaml, sourceName).Read();
    }
}
