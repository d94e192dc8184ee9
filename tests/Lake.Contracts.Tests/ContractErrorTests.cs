namespace Lake.Contracts.Tests;

/// <summary>A malformed contract fails at load, naming file:line:column (1-based, in the YAML file) and what was expected.</summary>
[Trait("Category", "Unit")]
public class ContractErrorTests
{
    // Line 12 is "  Rules = [", line 13 "    IsComplete ...", line 14 "    ColumnValues ...".
    private const string Valid = """
        dataset: orders
        version: 1
        description: A test dataset
        columns:
          - { name: order_id, type: string, nullable: false }
          - { name: quantity, type: int, nullable: false }
          - { name: price, type: "decimal(10,2)" }
          - { name: order_date, type: date, nullable: false }
        partitionBy: [order_date]
        primaryKey: [order_id]
        rules: |
          Rules = [
            IsComplete "order_id",
            ColumnValues "quantity" > 0
          ]
        """;

    [Fact]
    public void TheTemplateContractIsValid()
    {
        var contract = ContractLoader.Parse(Valid, "contracts/orders.yaml");

        Assert.Equal(2, contract.Rules.Count);
        Assert.Equal(new SourcePosition(13, 5), contract.Rules[0].Position);
    }

    [Theory]
    [InlineData("IsComplete \"order_id\"", "IsCompleet \"order_id\"",
        "13:5: unknown rule 'IsCompleet' (expected one of IsComplete, IsUnique, IsPrimaryKey, ColumnValues, ColumnLength, ColumnExists, RowCount, ColumnExpression)")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnValues \"quantity > 0",
        "14:18: unterminated string (expected a closing '\"' on the same line)")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnValues \"quantity\" >",
        "15:3: expected a value (a number, a \"string\", true, false or NULL) after '>', found ']'")]
    [InlineData("IsComplete \"order_id\"", "IsComplete \"order_idd\"",
        "13:16: IsComplete names column 'order_idd', which the contract does not declare (columns: order_id, quantity, price, order_date)")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnValues \"quantity\" in [\"a\"]",
        "14:33: type mismatch: int column 'quantity' is compared with string \"a\"; expected a number")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnValues \"order_date\" > 5",
        "14:33: type mismatch: date column 'order_date' is compared with number 5; expected a date \"yyyy-MM-dd\"")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnValues \"order_date\" > \"2024-02-30\"",
        "14:33: type mismatch: date column 'order_date' is compared with string \"2024-02-30\"; expected a date \"yyyy-MM-dd\"")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnValues \"quantity\" matches \"^[0-9]+$\"",
        "14:29: 'matches' needs a string column; 'quantity' is int")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnLength \"quantity\" > 1",
        "14:18: ColumnLength needs a string column; 'quantity' is int")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnExpression \"quantity * order_id\" > 0",
        "14:34: ColumnExpression needs numeric columns; 'order_id' is string")]
    [InlineData("ColumnValues \"quantity\" > 0", "ColumnExpression \"quantity * prise\" > 0",
        "14:34: ColumnExpression names column 'prise', which the contract does not declare (columns: order_id, quantity, price, order_date)")]
    [InlineData("partitionBy: [order_date]", "partitonBy: [order_date]",
        "9:1: unknown key 'partitonBy' in the contract (expected one of dataset, version, description, columns, csv, partitionBy, primaryKey, limits, quarantineThreshold, serving, source, rules)")]
    [InlineData("type: string, nullable: false }", "type: string, nulable: false }",
        "5:37: unknown key 'nulable' in a column (expected one of name, type, nullable, description)")]
    [InlineData("name: price", "name: Order_ID",
        "7:13: column 'Order_ID' is declared twice (first at line 5; names are compared ignoring case)")]
    [InlineData("type: int", "type: integer",
        "6:29: column 'quantity': unknown type 'integer' (expected one of string, int, bigint, decimal(p,s), double, boolean, date, timestamp)")]
    [InlineData("partitionBy: [order_date]", "partitionBy: [order_day]",
        "9:15: partitionBy names column 'order_day', which the contract does not declare (columns: order_id, quantity, price, order_date)")]
    [InlineData("primaryKey: [order_id]", "primaryKey: [id]",
        "10:14: primaryKey names column 'id', which the contract does not declare (columns: order_id, quantity, price, order_date)")]
    [InlineData("primaryKey: [order_id]", "primaryKey: [price]",
        "10:14: primaryKey column 'price' must be declared nullable: false")]
    [InlineData("version: 1", "version: one", "2:10: expected version to be a whole number, found 'one'")]
    [InlineData("version: 1\n", "", "1:1: missing 'version' in the contract")]
    [InlineData("dataset: orders", "dataset: Orders!", "1:10: dataset 'Orders!' is not a valid name (expected lowercase letters, digits and '_', starting with a letter)")]
    public void AMalformedContractFailsAtTheExactFileLineAndColumn(string find, string replace, string expected)
    {
        var yaml = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, yaml);

        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(yaml, "contracts/orders.yaml"));

        Assert.Equal($"contracts/orders.yaml:{expected}", error.Message);
    }

    [Theory]
    [InlineData("csv: { delimiter: \",\", encoding: latin-1 }", "16:34: encoding 'latin-1' is not supported: only utf-8 is (a BOM is tolerated)")]
    [InlineData("csv: { delimiter: \",\", header: yes }", "16:32: expected header to be true or false, found 'yes'")]
    [InlineData("csv: { delimiter: \";;\" }", "16:19: expected delimiter to be a single character, found ';;'")]
    [InlineData("limits: { maxBytes: 100 MB }", "16:21: expected maxBytes to be a size in bytes (e.g. 104857600 or 100 MiB; units B, KiB, MiB, GiB), found '100 MB'")]
    [InlineData("limits: { maxLineLenght: 10 }", "16:11: unknown key 'maxLineLenght' in limits (expected one of maxBytes, maxLineLength)")]
    [InlineData("quarantineThreshold: 1.5", "16:22: quarantineThreshold is a share of rows between 0 and 1, found 1.5")]
    public void AMalformedOptionFailsAtItsValue(string line, string expected)
    {
        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(Valid + "\n" + line, "c.yaml"));

        Assert.Equal($"c.yaml:{expected}", error.Message);
    }

    [Fact]
    public void InvalidYamlFailsWithThePositionTheYamlParserReports()
    {
        var yaml = Valid.Replace("description: A test dataset", "description: \"A test dataset", StringComparison.Ordinal);

        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(yaml, "contracts/orders.yaml"));

        Assert.StartsWith("contracts/orders.yaml:3:14: invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATabUsedAsIndentationFailsOnItsLine()
    {
        var yaml = Valid.Replace("  - { name: quantity", "\t- { name: quantity", StringComparison.Ordinal);

        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(yaml, "c.yaml"));

        Assert.StartsWith("c.yaml:6:1: invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyWrittenTwiceFailsAtTheSecondOne()
    {
        var yaml = Valid.Replace("version: 1\n", "version: 1\nversion: 2\n", StringComparison.Ordinal);

        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(yaml, "c.yaml"));

        Assert.StartsWith("c.yaml:3:1: invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesMustBeALiteralBlockSoPositionsStayExact()
    {
        var yaml = Valid[..Valid.IndexOf("rules:", StringComparison.Ordinal)] + "rules: >\n  Rules = [ RowCount > 0 ]\n";

        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse(yaml, "c.yaml"));

        Assert.Equal("c.yaml:11:8: expected rules to be a literal block ('rules: |' then the indented 'Rules = [ ... ]')", error.Message);
    }

    [Fact]
    public void AnEmptyContractFailsAtItsFirstLine()
    {
        var error = Assert.Throws<ContractException>(() => ContractLoader.Parse("# nothing\n", "c.yaml"));

        Assert.StartsWith("c.yaml:1:1: the contract is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFileNamesThePathItWasGiven()
    {
        var directory = Directory.CreateTempSubdirectory("lake-contracts-");
        try
        {
            var path = Path.Combine(directory.FullName, "orders.yaml");
            File.WriteAllText(path, Valid.Replace("IsComplete \"order_id\"", "IsCompleet \"order_id\"", StringComparison.Ordinal));

            var error = Assert.Throws<ContractException>(() => ContractLoader.LoadFile(path));

            Assert.StartsWith($"{path}:13:5: unknown rule 'IsCompleet'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TwoContractsDeclaringTheSameDatasetInADirectoryFail()
    {
        var directory = Directory.CreateTempSubdirectory("lake-contracts-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.yaml"), Valid);
            File.WriteAllText(Path.Combine(directory.FullName, "b.yaml"), Valid);
            File.WriteAllText(Path.Combine(directory.FullName, "notes.txt"), "not a contract");

            var error = Assert.Throws<ContractException>(() => ContractCatalog.LoadDirectory(directory.FullName));

            Assert.Equal(
                $"{Path.Combine(directory.FullName, "b.yaml")}:1:10: dataset 'orders' is already declared in {Path.Combine(directory.FullName, "a.yaml")}",
                error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
