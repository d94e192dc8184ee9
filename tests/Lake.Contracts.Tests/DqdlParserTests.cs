using Lake.Contracts.Dqdl;

namespace Lake.Contracts.Tests;

[Trait("Category", "Unit")]
public class DqdlParserTests
{
    [Fact]
    public void IsCompleteIsUniqueAndColumnExistsNameOneColumn()
    {
        var rules = DqdlParser.Parse("""Rules = [ IsComplete "a", IsUnique "b", ColumnExists "c" ]""");

        Assert.Equal("a", Assert.IsType<IsCompleteRule>(rules[0]).Column);
        Assert.Equal("b", Assert.IsType<IsUniqueRule>(rules[1]).Column);
        Assert.Equal("c", Assert.IsType<ColumnExistsRule>(rules[2]).Column);
        Assert.Equal([RuleScope.Row, RuleScope.Dataset, RuleScope.Schema], rules.Select(r => r.Scope));
    }

    [Fact]
    public void IsPrimaryKeyTakesOneOrMoreColumns()
    {
        var rules = DqdlParser.Parse("""Rules = [ IsPrimaryKey "id", IsPrimaryKey "region" "order_no" "line" ]""");

        Assert.Equal(["id"], Assert.IsType<IsPrimaryKeyRule>(rules[0]).Columns);
        Assert.Equal(["region", "order_no", "line"], Assert.IsType<IsPrimaryKeyRule>(rules[1]).Columns);
        Assert.Equal(["region", "order_no", "line"], rules[1].ColumnMentions.Select(m => m.Name));
        Assert.Equal(RuleScope.Dataset, rules[1].Scope);
    }

    [Theory]
    [InlineData("=", ComparisonOperator.Equal)]
    [InlineData("!=", ComparisonOperator.NotEqual)]
    [InlineData(">", ComparisonOperator.GreaterThan)]
    [InlineData(">=", ComparisonOperator.GreaterThanOrEqual)]
    [InlineData("<", ComparisonOperator.LessThan)]
    [InlineData("<=", ComparisonOperator.LessThanOrEqual)]
    public void ColumnValuesComparesWithEachOperator(string op, ComparisonOperator expected)
    {
        var rule = Assert.IsType<ColumnValuesRule>(Single($"""ColumnValues "quantity" {op} -2.5"""));

        var comparison = Assert.IsType<ComparisonCondition>(rule.Condition);
        Assert.Equal(expected, comparison.Operator);
        Assert.Equal(LiteralKind.Number, comparison.Value.Kind);
        Assert.Equal(-2.5m, comparison.Value.Number);
        Assert.Equal("quantity", rule.Column);
        Assert.Null(rule.Threshold);
        Assert.Equal(RuleScope.Row, rule.Scope);
    }

    [Fact]
    public void ColumnValuesBetweenKeepsBothBoundsNumbersOrDates()
    {
        var numbers = Assert.IsType<BetweenCondition>(((ColumnValuesRule)Single("""ColumnValues "age" between 1 and 120""")).Condition);
        var dates = Assert.IsType<BetweenCondition>(((ColumnValuesRule)Single("""ColumnValues "d" between "2000-01-01" and "2100-01-01" """)).Condition);

        Assert.Equal((1m, 120m), (numbers.Low.Number, numbers.High.Number));
        Assert.Equal(("2000-01-01", "2100-01-01"), (dates.Low.Text, dates.High.Text));
        Assert.Equal(LiteralKind.String, dates.Low.Kind);
    }

    [Fact]
    public void ColumnValuesInAndNotInTakeListsOfStringsNumbersBooleansAndNull()
    {
        var strings = Assert.IsType<InCondition>(((ColumnValuesRule)Single("""ColumnValues "c" in ["EUR", "USD", NULL]""")).Condition);
        var numbers = Assert.IsType<InCondition>(((ColumnValuesRule)Single("""ColumnValues "n" not in [1, 2, -3]""")).Condition);
        var flags = Assert.IsType<InCondition>(((ColumnValuesRule)Single("""ColumnValues "b" in [true, false]""")).Condition);

        Assert.False(strings.Negated);
        Assert.Equal([LiteralKind.String, LiteralKind.String, LiteralKind.Null], strings.Values.Select(v => v.Kind));
        Assert.True(numbers.Negated);
        Assert.Equal([1m, 2m, -3m], numbers.Values.Select(v => v.Number));
        Assert.Equal([LiteralKind.Boolean, LiteralKind.Boolean], flags.Values.Select(v => v.Kind));
    }

    [Fact]
    public void ColumnValuesMatchesKeepsTheRegexWithItsBackslashes()
    {
        var rule = (ColumnValuesRule)Single("""ColumnValues "zip" matches "^\d{5}(-\d{4})?$" """);

        Assert.Equal(@"^\d{5}(-\d{4})?$", Assert.IsType<MatchesCondition>(rule.Condition).Pattern);
    }

    [Fact]
    public void StringsUnescapeQuotesAndBackslashes()
    {
        var rule = (ColumnValuesRule)Single("""ColumnValues "name" = "say \"hi\" \\o/" """);

        Assert.Equal("""say "hi" \o/""", ((ComparisonCondition)rule.Condition).Value.Text);
    }

    [Fact]
    public void ColumnLengthAndRowCountTakeNumericConditions()
    {
        var length = Assert.IsType<ColumnLengthRule>(Single("""ColumnLength "id" between 8 and 32"""));
        var shortest = Assert.IsType<ColumnLengthRule>(Single("""ColumnLength "id" >= 3"""));
        var rows = Assert.IsType<RowCountRule>(Single("RowCount > 0"));
        var range = Assert.IsType<RowCountRule>(Single("RowCount between 10 and 1000"));

        Assert.Equal((8m, 32m), (((BetweenCondition)length.Condition).Low.Number, ((BetweenCondition)length.Condition).High.Number));
        Assert.Equal(ComparisonOperator.GreaterThanOrEqual, ((ComparisonCondition)shortest.Condition).Operator);
        Assert.Equal(0m, ((ComparisonCondition)rows.Condition).Value.Number);
        Assert.IsType<BetweenCondition>(range.Condition);
        Assert.Equal(RuleScope.Row, length.Scope);
        Assert.Equal(RuleScope.Dataset, rows.Scope);
        Assert.Empty(rows.ColumnMentions);
    }

    [Fact]
    public void ColumnExpressionParsesArithmeticWithPrecedenceAndAbs()
    {
        var rule = Assert.IsType<ColumnExpressionRule>(Single("""ColumnExpression "abs(total - quantity * unit_price) / 2 + -1" < 0.01"""));

        Assert.Equal("abs(total - quantity * unit_price) / 2 + -1", rule.ExpressionText);
        Assert.Equal("((abs((total - (quantity * unit_price))) / 2) + -1)", rule.Expression.ToString());
        var sum = Assert.IsType<BinaryExpression>(rule.Expression);
        Assert.Equal(ArithmeticOperator.Add, sum.Operator);
        Assert.IsType<NegateExpression>(sum.Right);
        var quotient = Assert.IsType<BinaryExpression>(sum.Left);
        Assert.IsType<AbsExpression>(quotient.Left);
        Assert.Equal(["total", "quantity", "unit_price"], rule.ColumnMentions.Select(m => m.Name));
        Assert.Equal(RuleScope.Row, rule.Scope);
    }

    [Fact]
    public void WithThresholdAddsTheShareOfRowsThatMustPass()
    {
        var rule = (ColumnValuesRule)Single("""ColumnValues "country" in ["DE", "FR"] with threshold > 0.9""");

        var threshold = Assert.IsType<ComparisonCondition>(rule.Threshold);
        Assert.Equal((ComparisonOperator.GreaterThan, 0.9m), (threshold.Operator, threshold.Value.Number));
    }

    [Fact]
    public void EachRuleKeepsItsSourceTextAndPositionAcrossLinesAndComments()
    {
        var rules = DqdlParser.Parse("""
            Rules = [
                # the key
                IsPrimaryKey "order_id",
                ColumnValues "quantity"
                    > 0,   RowCount > 0
            ]
            """);

        Assert.Equal(["IsPrimaryKey \"order_id\"", "ColumnValues \"quantity\"\n        > 0", "RowCount > 0"], rules.Select(r => r.Text));
        Assert.Equal([new SourcePosition(3, 5), new SourcePosition(4, 5), new SourcePosition(5, 16)], rules.Select(r => r.Position));
        Assert.Equal(new SourcePosition(4, 18), rules[1].ColumnMentions[0].Position);
    }

    [Fact]
    public void AnEmptyRulesetIsAllowed()
    {
        Assert.Empty(DqdlParser.Parse("Rules = [ ]"));
    }

    [Fact]
    public void TheModelCanBeVisitedOneMethodPerRuleType()
    {
        var rules = DqdlParser.Parse("""
            Rules = [ IsComplete "a", IsUnique "a", IsPrimaryKey "a", ColumnExists "a", ColumnValues "a" = 1,
                      ColumnLength "a" > 1, RowCount > 1, ColumnExpression "a" > 1 ]
            """);

        Assert.Equal(DqdlRuleTypes.Supported.Order(), rules.Select(r => r.Accept(new RuleTypeNames())).Order());
    }

    private static DqdlRule Single(string rule) => Assert.Single(DqdlParser.Parse($"Rules = [ {rule} ]"));

    private sealed class RuleTypeNames : IDqdlRuleVisitor<string>
    {
        public string Visit(IsCompleteRule rule) => "IsComplete";
        public string Visit(IsUniqueRule rule) => "IsUnique";
        public string Visit(IsPrimaryKeyRule rule) => "IsPrimaryKey";
        public string Visit(ColumnExistsRule rule) => "ColumnExists";
        public string Visit(ColumnValuesRule rule) => "ColumnValues";
        public string Visit(ColumnLengthRule rule) => "ColumnLength";
        public string Visit(RowCountRule rule) => "RowCount";
        public string Visit(ColumnExpressionRule rule) => "ColumnExpression";
    }
}
