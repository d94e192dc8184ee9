using System.Text.RegularExpressions;

namespace Lake.BadInput.Tests;

/// <summary>docs/bad-input.md lists exactly the corpus's cases.</summary>
[Trait("Category", "Unit")]
public sealed partial class CorpusDocsTests
{
    [Fact]
    public void EveryCaseIsInTheDocsTableAndTheTableHoldsNoOther()
    {
        var table = File.ReadAllText(Path.Combine(Lake.Testing.RepoPaths.Root, "docs", "bad-input.md"));
        var documented = CaseRow().Matches(table).Select(m => m.Groups[1].Value).ToList();
        var cases = FileCorpus.Cases.Select(c => c.Id)
            .Concat(Ids(ApiCorpusTests.Cases)).Concat(Ids(RawKeyCorpusTests.Cases)).Concat(Ids(EventCorpusTests.Poison))
            .Concat(["E07", "E08"]).Concat(Ids(ContractCorpusTests.Cases))
            .ToList();

        Assert.Equal(cases.Count, cases.Distinct().Count());
        Assert.True(cases.Count >= 50, $"{cases.Count} cases");
        Assert.Equal(cases.Order(), documented.Order());
    }

    private static IEnumerable<string> Ids(IEnumerable<object[]> rows) => rows.Select(row => (string)row[0]);

    [GeneratedRegex(@"^\| ([FARCE]\d\d) \|", RegexOptions.Multiline)]
    private static partial Regex CaseRow();
}
