using YamlDotNet.RepresentationModel;
using static Lake.Contracts.Yaml.YamlValue;

namespace Lake.Contracts;

/// <summary>Reads <c>partitionBy</c> and <c>primaryKey</c>: declared, non-nullable columns, each named once.</summary>
internal sealed class KeyColumnsReader(string sourceName, IReadOnlyList<ColumnDefinition> columns)
{
    /// <summary>The kinds a Hive partition value can sensibly take (no floating point, no instants).</summary>
    public static readonly ColumnKind[] PartitionKinds = [ColumnKind.String, ColumnKind.Int, ColumnKind.BigInt, ColumnKind.Date, ColumnKind.Boolean];

    public List<string> Read(YamlNode? node, string what, IReadOnlyList<ColumnKind>? allowedKinds)
    {
        if (node is null)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var (name, item) in StringList(sourceName, node, what))
        {
            var column = columns.FirstOrDefault(c => c.Name == name)
                ?? throw Error(sourceName, item, $"{what} names column '{name}', which the contract does not declare (columns: {string.Join(", ", columns.Select(c => c.Name))})");
            if (names.Contains(name))
            {
                throw Error(sourceName, item, $"{what} names column '{name}' twice");
            }

            if (column.Nullable)
            {
                throw Error(sourceName, item, $"{what} column '{name}' must be declared nullable: false");
            }

            if (allowedKinds is not null && !allowedKinds.Contains(column.Type.Kind))
            {
                throw Error(sourceName, item, $"{what} column '{name}' is {column.Type}; a partition column must be one of {string.Join(", ", allowedKinds.Select(k => k.ToString().ToLowerInvariant()))}");
            }

            names.Add(name);
        }

        return names;
    }
}
