using Lake.Contracts.Dqdl;
using Lake.DuckDb;

namespace Lake.Transform.Sql;

/// <summary>A <see cref="ColumnExpressionRule"/>'s arithmetic as SQL over the row's typed columns.</summary>
public static class ExpressionSql
{
    /// <remarks>Division is DuckDB's <c>/</c> (a DOUBLE; by zero it is infinite, which fails any bounded condition).</remarks>
    public static string Of(DqdlExpression expression) => expression switch
    {
        ColumnReference column => SqlText.Identifier(column.Name),
        NumberLiteral number => SqlText.Number(number.Value),
        BinaryExpression binary => $"({Of(binary.Left)} {Operator(binary.Operator)} {Of(binary.Right)})",
        NegateExpression negate => $"(-{Of(negate.Operand)})",
        AbsExpression abs => $"abs({Of(abs.Operand)})",
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression, "unknown DQDL expression"),
    };

    private static string Operator(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown arithmetic operator"),
    };
}
