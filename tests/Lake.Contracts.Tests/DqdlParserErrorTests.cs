using Lake.Contracts.Dqdl;

namespace Lake.Contracts.Tests;

/// <summary>Syntax errors name the position of the offending token and what was expected.</summary>
[Trait("Category", "Unit")]
public class DqdlParserErrorTests
{
    private const string Supported = "IsComplete, IsUnique, IsPrimaryKey, ColumnValues, ColumnLength, ColumnExists, RowCount, ColumnExpression";

    [Theory]
    [InlineData("""IsComplete "a" """, "1:1: expected the ruleset 'Rules = [ ... ]', found 'IsComplete'")]
    [InlineData("""Rules = [ IsCompleet "a" ]""", $"1:11: unknown rule 'IsCompleet' (expected one of {Supported})")]
    [InlineData("""Rules = [ CustomSql "select 1" ]""", $"1:11: rule 'CustomSql' is DQDL but Lake does not support it (supported: {Supported})")]
    [InlineData("""Rules = [ IsComplete "a ]""", "1:22: unterminated string (expected a closing '\"' on the same line)")]
    [InlineData("""Rules = [ ColumnValues "a" > ]""", "1:30: expected a value (a number, a \"string\", true, false or NULL) after '>', found ']'")]
    [InlineData("""Rules = [ ColumnValues "a" between 1 ]""", "1:38: expected 'and' between the two bounds, found ']'")]
    [InlineData("""Rules = [ ColumnValues "a" in "x" ]""", "1:31: expected '[' to open the list of values, found string \"x\"")]
    [InlineData("""Rules = [ ColumnValues "a" ]""", "1:28: expected a condition (= != > >= < <= value, between A and B, in [...], not in [...], matches \"regex\"), found ']'")]
    [InlineData("""Rules = [ IsComplete "a" IsUnique "b" ]""", "1:26: expected ',' or ']' after a rule, found 'IsUnique'")]
    [InlineData("""Rules = [ RowCount > 0, ]""", $"1:25: expected a rule (one of {Supported}), found ']'")]
    [InlineData("""Rules = [ RowCount > 0""", "1:23: expected ',' or ']' after a rule, found the end of the rules")]
    [InlineData("""Rules = [ RowCount > 0 ; ]""", "1:24: unexpected character ';'")]
    [InlineData("""Rules = [ (IsComplete "a") and (IsUnique "a") ]""", "1:11: composite rules '(A) and (B)', '(A) or (B)' are not supported: list the rules separately")]
    [InlineData("""Rules = [ ColumnValues "a" > 1 where "b > 2" ]""", "1:32: 'where' clauses are not supported")]
    [InlineData("""Rules = [ IsComplete order_id ]""", "1:22: expected a column name in double quotes, found 'order_id' (write \"order_id\")")]
    [InlineData("""Rules = [ IsPrimaryKey "a" "b" "a" ]""", "1:32: column 'a' is named twice in IsPrimaryKey")]
    [InlineData("""Rules = [ RowCount > -1 ]""", "1:22: a row count is compared with whole numbers >= 0, found -1")]
    [InlineData("""Rules = [ ColumnLength "a" between 2.5 and 8 ]""", "1:36: a length is compared with whole numbers >= 0, found 2.5")]
    [InlineData("""Rules = [ ColumnValues "a" between 10 and 1 ]""", "1:43: the bounds are reversed: 10 is greater than 1")]
    [InlineData("""Rules = [ ColumnValues "a" matches "[unclosed" ]""", "1:36: invalid regular expression:")]
    [InlineData("""Rules = [ ColumnValues "a" > 1 with threshold > 1.5 ]""", "1:47: a threshold is a share of rows between 0 and 1")]
    [InlineData("""Rules = [ RowCount < 123456789012345678901234567890123 ]""", "1:22: number 123456789012345678901234567890123 is too large")]
    [InlineData("""Rules = [ ColumnExpression "a * 123456789012345678901234567890123" > 0 ]""", "1:33: number 123456789012345678901234567890123 is too large")]
    [InlineData("""Rules = [ ColumnExpression "sqrt(x)" > 0 ]""", "1:29: unknown function 'sqrt' (the only function is abs)")]
    [InlineData("""Rules = [ ColumnExpression "a * (b - c" > 0 ]""", "1:39: expected ')', found the end of the expression")]
    [InlineData("""Rules = [ ColumnExpression "a b" > 0 ]""", "1:31: expected an operator (+ - * /) or the end of the expression, found 'b'")]
    [InlineData("""Rules = [ ColumnExpression "" > 0 ]""", "1:29: expected a column name, a number, '(' or abs(...), found the end of the expression")]
    public void MalformedRulesFailAtTheOffendingToken(string text, string expected)
    {
        var error = Assert.Throws<ContractException>(() => DqdlParser.Parse(text, "rules.dqdl"));

        Assert.StartsWith($"rules.dqdl:{expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositionsAreMappedIntoTheFileThatHoldsTheRules()
    {
        var text = "Rules = [\n  RowCount > 0,\n  IsCompleet \"a\"\n]";

        var error = Assert.Throws<ContractException>(() => DqdlParser.Parse(text, "contracts/x.yaml", firstLine: 20, lineIndents: [4, 4, 4, 4]));

        Assert.Equal("contracts/x.yaml", error.SourceName);
        Assert.Equal(new SourcePosition(22, 7), error.Position);
        Assert.StartsWith("unknown rule 'IsCompleet'", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith("contracts/x.yaml:22:7: unknown rule 'IsCompleet'", error.Message, StringComparison.Ordinal);
    }
}
