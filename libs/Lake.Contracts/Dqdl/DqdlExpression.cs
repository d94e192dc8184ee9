namespace Lake.Contracts.Dqdl;

/// <summary>The four arithmetic operators of a <see cref="ColumnExpressionRule"/>.</summary>
public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>An arithmetic expression over a row's numeric columns (Lake's <c>ColumnExpression</c> extension).</summary>
public abstract record DqdlExpression
{
    /// <summary>Every column the expression reads, in reading order.</summary>
    public IEnumerable<ColumnReference> ColumnReferences() => this switch
    {
        ColumnReference column => [column],
        BinaryExpression binary => binary.Left.ColumnReferences().Concat(binary.Right.ColumnReferences()),
        NegateExpression negate => negate.Operand.ColumnReferences(),
        AbsExpression abs => abs.Operand.ColumnReferences(),
        _ => [],
    };
}

/// <summary>A column, by its bare name.</summary>
public sealed record ColumnReference(string Name, SourcePosition Position) : DqdlExpression
{
    public override string ToString() => Name;
}

public sealed record NumberLiteral(decimal Value) : DqdlExpression
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record BinaryExpression(ArithmeticOperator Operator, DqdlExpression Left, DqdlExpression Right) : DqdlExpression
{
    public override string ToString()
    {
        var op = Operator switch
        {
            ArithmeticOperator.Add => "+",
            ArithmeticOperator.Subtract => "-",
            ArithmeticOperator.Multiply => "*",
            _ => "/",
        };
        return $"({Left} {op} {Right})";
    }
}

/// <summary>Unary minus.</summary>
public sealed record NegateExpression(DqdlExpression Operand) : DqdlExpression
{
    public override string ToString() => $"-{Operand}";
}

/// <summary><c>abs(x)</c>, the one function an expression may call.</summary>
public sealed record AbsExpression(DqdlExpression Operand) : DqdlExpression
{
    public override string ToString() => $"abs({Operand})";
}
