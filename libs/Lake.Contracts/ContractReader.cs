using System.Text.RegularExpressions;
using Lake.Contracts.Dqdl;
using Lake.Contracts.Sources;
using Lake.Contracts.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Lake.Contracts.Yaml.YamlValue;

namespace Lake.Contracts;

/// <summary>Reads one contract document into a <see cref="DatasetContract"/>, failing at the first bad node.</summary>
internal sealed partial class ContractReader(string yaml, string sourceName)
{
    private static readonly string[] ContractKeys =
        ["dataset", "version", "description", "columns", "csv", "partitionBy", "primaryKey", "limits", "quarantineThreshold", "serving", "source", "rules"];

    private static readonly string[] CsvKeys = ["delimiter", "quote", "header", "encoding"];
    private static readonly string[] LimitKeys = ["maxBytes", "maxLineLength"];

    public DatasetContract Read()
    {
        var contract = new YamlMapping(LoadRoot(), "the contract", sourceName, ContractKeys);
        var datasetNode = contract.Required("dataset");
        var dataset = String(sourceName, datasetNode, "dataset");
        if (!DatasetName().IsMatch(dataset))
        {
            throw Error(sourceName, datasetNode, $"dataset '{dataset}' is not a valid name (expected lowercase letters, digits and '_', starting with a letter)");
        }

        var versionNode = contract.Required("version");
        var version = Int(sourceName, versionNode, "version");
        if (version < 1)
        {
            throw Error(sourceName, versionNode, $"version must be 1 or more, found {version}");
        }

        var description = String(sourceName, contract.Required("description"), "description");
        var columns = new ColumnsReader(sourceName).Read(contract.Required("columns"));
        var csv = ReadCsv(contract.Optional("csv"));
        var keys = new KeyColumnsReader(sourceName, columns);
        var partitionBy = keys.Read(contract.Optional("partitionBy"), "partitionBy", KeyColumnsReader.PartitionKinds);
        var primaryKey = keys.Read(contract.Optional("primaryKey"), "primaryKey", null);
        var limits = ReadLimits(contract.Optional("limits"));
        var threshold = ReadQuarantineThreshold(contract.Optional("quarantineThreshold"));
        var serving = new ServingTableReader(sourceName, columns).Read(contract.Optional("serving"));
        var source = new HttpSourceReader(sourceName, columns).Read(contract.Optional("source"));
        var rules = ReadRules(contract.Required("rules"));
        new RuleChecker(sourceName, columns).Check(rules);
        return new DatasetContract(dataset, version, description, columns, csv, partitionBy, primaryKey, limits, threshold, rules, sourceName)
        {
            DatasetPosition = PositionOf(datasetNode),
            Serving = serving,
            Source = source,
        };
    }

    private YamlNode LoadRoot()
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var reason = MarksPrefix().Replace(e.Message, "");
            throw new ContractException(sourceName, YamlErrorPosition(e, reason), $"invalid YAML: {reason}", e);
        }

        return stream.Documents.Count switch
        {
            0 => throw new ContractException(sourceName, new SourcePosition(1, 1), "the contract is empty (expected keys dataset, version, description, columns, rules)"),
            1 => stream.Documents[0].RootNode,
            _ => throw Error(sourceName, stream.Documents[1].RootNode, "expected one YAML document, found more"),
        };
    }

    /// <summary>Where YamlDotNet says the error is; it reports a tab used as indentation at 1:1, so that one is looked up.</summary>
    private SourcePosition YamlErrorPosition(YamlException e, string reason)
    {
        if (e.Start.Line == 1 && e.Start.Column == 1 && reason.Contains("tab", StringComparison.Ordinal))
        {
            var lines = yaml.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                if (lines[i].AsSpan(0, indent).Contains('\t'))
                {
                    return new SourcePosition(i + 1, lines[i].IndexOf('\t', StringComparison.Ordinal) + 1);
                }
            }
        }

        return new SourcePosition((int)e.Start.Line, (int)e.Start.Column);
    }

    private CsvOptions ReadCsv(YamlNode? node)
    {
        if (node is null)
        {
            return new CsvOptions();
        }

        var csv = new YamlMapping(node, "csv", sourceName, CsvKeys);
        var quote = csv.Optional("quote") is { } quoteNode ? Char(sourceName, quoteNode, "quote") : '"';
        var delimiter = csv.Optional("delimiter") is { } delimiterNode ? Char(sourceName, delimiterNode, "delimiter") : ',';
        if (delimiter is '\n' or '\r' || delimiter == quote || quote is '\n' or '\r')
        {
            throw Error(sourceName, csv.Optional("delimiter") ?? node, "the delimiter and the quote must differ and neither may be a line break");
        }

        var header = csv.Optional("header") is not { } headerNode || Bool(sourceName, headerNode, "header");
        if (csv.Optional("encoding") is { } encodingNode
            && String(sourceName, encodingNode, "encoding").ToLowerInvariant() is not ("utf-8" or "utf8"))
        {
            throw Error(sourceName, encodingNode, $"encoding {Describe(encodingNode)} is not supported: only utf-8 is (a BOM is tolerated)");
        }

        return new CsvOptions(delimiter, quote, header);
    }

    private FileLimits ReadLimits(YamlNode? node)
    {
        var limits = node is null ? null : new YamlMapping(node, "limits", sourceName, LimitKeys);
        var maxBytesNode = limits?.Optional("maxBytes");
        var maxBytes = maxBytesNode is null ? 100L << 20 : Bytes(sourceName, maxBytesNode, "maxBytes");
        var lineNode = limits?.Optional("maxLineLength");
        var maxLineLength = lineNode is null ? 4096 : Int(sourceName, lineNode, "maxLineLength");
        if (maxBytes < 1 || maxLineLength < 1)
        {
            throw Error(sourceName, maxBytes < 1 ? maxBytesNode! : lineNode!, "a limit must be 1 or more");
        }

        return new FileLimits(maxBytes, maxLineLength);
    }

    private double ReadQuarantineThreshold(YamlNode? node)
    {
        var threshold = node is null ? 0.05 : Double(sourceName, node, "quarantineThreshold");
        return node is null || threshold is >= 0 and <= 1
            ? threshold
            : throw Error(sourceName, node, $"quarantineThreshold is a share of rows between 0 and 1, found {threshold}");
    }

    /// <summary>
    /// Parses the DQDL block. Its positions are mapped back to the file: the block's content starts on the line
    /// after <c>rules: |</c>, and each line is shifted by the indentation YAML removed from it.
    /// </summary>
    private IReadOnlyList<DqdlRule> ReadRules(YamlNode node)
    {
        if (node is not YamlScalarNode { Style: ScalarStyle.Literal, Value: { } text })
        {
            throw Error(sourceName, node, "expected rules to be a literal block ('rules: |' then the indented 'Rules = [ ... ]')");
        }

        var firstLine = (int)node.Start.Line + 1;
        var fileLines = yaml.Split('\n');
        var indents = text.Split('\n').Select((line, i) =>
        {
            var fileLine = firstLine - 1 + i < fileLines.Length ? fileLines[firstLine - 1 + i].TrimEnd('\r') : "";
            return line.Length > 0 && fileLine.EndsWith(line, StringComparison.Ordinal) ? fileLine.Length - line.Length : 0;
        }).ToList();
        return DqdlParser.Parse(text, sourceName, firstLine, indents);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex DatasetName();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
