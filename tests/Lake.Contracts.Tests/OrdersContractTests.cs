using Lake.Contracts.Dqdl;

namespace Lake.Contracts.Tests;

[Trait("Category", "Unit")]
public class OrdersContractTests
{
    private static readonly DatasetContract Orders = ContractLoader.LoadFile(RepoFiles.OrdersContract);

    [Fact]
    public void OrdersContractDeclaresItsColumnsInHeaderOrderWithTypesAndNullability()
    {
        Assert.Equal("orders", Orders.Dataset);
        Assert.Equal(1, Orders.Version);
        Assert.False(string.IsNullOrWhiteSpace(Orders.Description));
        Assert.Equal(
            ["order_id", "order_date", "customer_id", "customer_name", "product_name", "quantity", "unit_price", "currency", "total"],
            Orders.Header);
        Assert.Equal(
            ["string", "date", "string", "string", "string", "int", "decimal(12,2)", "string", "decimal(14,2)"],
            Orders.Columns.Select(c => c.Type.ToString()));
        Assert.Equal(["customer_name"], Orders.Columns.Where(c => c.Nullable).Select(c => c.Name));
        Assert.Equal(new ColumnType(ColumnKind.Decimal, 12, 2), Orders.FindColumn("unit_price")!.Type);
    }

    [Fact]
    public void OrdersContractDeclaresCsvOptionsKeysLimitsAndQuarantineThreshold()
    {
        Assert.Equal(new CsvOptions(',', '"', Header: true, "utf-8"), Orders.Csv);
        Assert.Equal(["order_date"], Orders.PartitionBy);
        Assert.Equal(["order_id"], Orders.PrimaryKey);
        Assert.Equal(new FileLimits(100L * 1024 * 1024, 4096), Orders.Limits);
        Assert.Equal(0.05, Orders.QuarantineThreshold);
    }

    [Fact]
    public void OrdersContractLoadsAllItsRulesInOrderWithTheirScopes()
    {
        Assert.Equal(17, Orders.Rules.Count);
        Assert.IsType<IsPrimaryKeyRule>(Orders.Rules[0]);
        Assert.Equal(
            ["order_id", "order_date", "customer_id", "product_name", "quantity", "unit_price", "currency", "total"],
            Orders.Rules.OfType<IsCompleteRule>().Select(r => r.Column));
        Assert.Equal(["IsPrimaryKey \"order_id\"", "RowCount > 0"], Orders.RulesIn(RuleScope.Dataset).Select(r => r.Text));
        Assert.Equal(15, Orders.RulesIn(RuleScope.Row).Count());

        var currencies = Orders.Rules.OfType<ColumnValuesRule>().Single(r => r.Condition is InCondition);
        Assert.Equal(
            ["EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "CAD", "AUD"],
            ((InCondition)currencies.Condition).Values.Select(v => v.Text));
        var total = Assert.Single(Orders.Rules.OfType<ColumnExpressionRule>());
        Assert.Equal(["total", "quantity", "unit_price"], total.Expression.ColumnReferences().Select(c => c.Name));
        Assert.Equal(0.01m, ((ComparisonCondition)total.Condition).Value.Number);
    }

    [Fact]
    public void EveryOrdersRuleKeepsItsTextAndItsLineAndColumnInTheFile()
    {
        var lines = File.ReadAllLines(RepoFiles.OrdersContract);
        foreach (var rule in Orders.Rules)
        {
            var line = lines[rule.Position.Line - 1];
            Assert.Equal(rule.Position.Column - 1, line.IndexOf(rule.Text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TheContractsDirectoryLoadsAsACatalogByDatasetName()
    {
        var catalog = ContractCatalog.LoadDirectory(RepoFiles.Contracts);

        Assert.True(catalog.TryGetValue("orders", out var orders));
        Assert.Equal(Orders.Rules.Select(r => r.Text), orders.Rules.Select(r => r.Text));
        Assert.All(catalog, pair => Assert.Equal(pair.Key, pair.Value.Dataset));
    }
}
