using Lake.Contracts.Dqdl;

namespace Lake.Transform.Rules;

/// <summary>A DQDL condition over one number: a file's row count, or the share of rows passing a rule.</summary>
public static class NumericCondition
{
    public static bool IsMet(DqdlCondition condition, decimal value) => condition switch
    {
        ComparisonCondition { Value.Kind: LiteralKind.Number } c => c.Operator switch
        {
            ComparisonOperator.Equal => value == c.Value.Number,
            ComparisonOperator.NotEqual => value != c.Value.Number,
            ComparisonOperator.GreaterThan => value > c.Value.Number,
            ComparisonOperator.GreaterThanOrEqual => value >= c.Value.Number,
            ComparisonOperator.LessThan => value < c.Value.Number,
            ComparisonOperator.LessThanOrEqual => value <= c.Value.Number,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), c.Operator, "unknown comparison operator"),
        },
        BetweenCondition b => value >= b.Low.Number && value <= b.High.Number,
        InCondition set => set.Values.Any(v => v.Kind == LiteralKind.Number && v.Number == value) != set.Negated,
        _ => throw new ArgumentException($"'{condition}' is not a numeric condition", nameof(condition)),
    };
}
