using System.Text.RegularExpressions;
using Lake.Contracts.Yaml;
using YamlDotNet.RepresentationModel;
using static Lake.Contracts.Yaml.YamlValue;

namespace Lake.Contracts;

/// <summary>Reads the <c>columns</c> list: names that are SQL identifiers, unique, with known types.</summary>
internal sealed partial class ColumnsReader(string sourceName)
{
    private static readonly string[] ColumnKeys = ["name", "type", "nullable", "description"];

    public List<ColumnDefinition> Read(YamlNode node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            throw Error(sourceName, node, $"expected columns to be a non-empty list of {{ name, type, nullable }}, found {Describe(node)}");
        }

        var columns = new List<ColumnDefinition>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in sequence.Children)
        {
            var column = new YamlMapping(item, "a column", sourceName, ColumnKeys);
            var nameNode = column.Required("name");
            var name = String(sourceName, nameNode, "a column's name");
            if (!ColumnName().IsMatch(name))
            {
                throw Error(sourceName, nameNode, $"column name '{name}' is not an identifier (expected letters, digits and '_', not starting with a digit)");
            }

            if (seen.TryGetValue(name, out var first))
            {
                throw Error(sourceName, nameNode, $"column '{name}' is declared twice (first at line {first.Start.Line}; names are compared ignoring case)");
            }

            seen[name] = nameNode;
            var what = $"column '{name}'";
            var typeNode = column.Required("type");
            var type = ColumnType.TryParse(String(sourceName, typeNode, $"the type of {what}"), out var typeError)
                ?? throw Error(sourceName, typeNode, $"{what}: {typeError}");
            var nullable = column.Optional("nullable") is not { } nullableNode || Bool(sourceName, nullableNode, $"nullable of {what}");
            var description = column.Optional("description") is { } descriptionNode ? String(sourceName, descriptionNode, $"the description of {what}") : null;
            columns.Add(new ColumnDefinition(name, type, nullable, description));
        }

        return columns;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();
}
