using Lake.Contracts.Dqdl;
using Lake.Transform.Rules;

namespace Lake.Transform.Tests;

/// <summary>What a contract's declarations add to its rules, and what they leave out.</summary>
[Trait("Category", "Unit")]
public sealed class RulePlanTests
{
    [Fact]
    public void TheOrdersContractChecksEveryRowRuleAndItsKey()
    {
        var plan = RulePlan.For(Conversions.Orders);

        Assert.Equal(Conversions.Orders.RulesIn(RuleScope.Row).Select(r => r.Text), plan.RowChecks.Select(c => c.Rule.Text));
        Assert.Equal("IsPrimaryKey \"order_id\"", Assert.Single(plan.KeyChecks).Rule.Text);
        Assert.Equal(["order_id"], plan.KeyColumns);
        Assert.Equal("RowCount > 0", Assert.Single(plan.RowCountChecks).Rule.Text);
        Assert.Equal(["order_date", "quantity", "unit_price", "total"], plan.ParsedColumns.Select(c => c.Name));
    }

    [Fact]
    public void ANonNullableColumnIsCheckedAsIsCompleteWhenNoRuleSaysSo()
    {
        var plan = RulePlan.For(Things.Contract("ColumnValues \"size\" > 0"));

        Assert.Equal(["IsComplete \"id\"", "ColumnValues \"size\" > 0"], plan.RowChecks.Select(c => c.Rule.Text));
    }

    [Fact]
    public void IsPrimaryKeyChecksCompletenessOnlyWhereIsCompleteDoesNot()
    {
        var covered = RulePlan.For(Things.Contract("IsPrimaryKey \"id\""));
        var uncovered = RulePlan.For(Things.Contract("IsPrimaryKey \"id\" \"colour\""));

        Assert.DoesNotContain(covered.RowChecks, c => c.Rule is IsPrimaryKeyRule);
        Assert.Contains(uncovered.RowChecks, c => c.Rule is IsPrimaryKeyRule && c.Columns.SequenceEqual(["id", "colour"]));
        Assert.Equal(["id", "colour"], Assert.Single(uncovered.KeyChecks).Columns);
    }
}
