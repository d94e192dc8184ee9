using Lake.DuckDb;
using Lake.QueryService.Sandbox;

namespace Lake.QueryService.Athena;

/// <summary>
/// The Athena (Trino) functions DuckDB lacks or spells differently, as DuckDB macros in the lake's schema, so queries
/// written for Athena run unchanged (in <c>/v1/query</c> too). DuckDB already has the rest of the common subset:
/// <c>"db"."table"</c>, <c>CAST(x AS varchar)</c>, <c>TRY_CAST</c>, <c>date_trunc</c>, <c>date_diff</c>,
/// <c>split_part</c>, <c>strpos</c>, window functions, <c>LIMIT</c>. A function neither has fails with Athena's
/// <c>FUNCTION_NOT_FOUND</c> (<see cref="AthenaStatements"/>). The macros are defined on the service's own connection
/// before any query runs; queries cannot define or replace them (the sandbox allows reads only).
/// </summary>
public static class AthenaDialect
{
    /// <summary>Trino's <c>date_format</c> takes MySQL's format specifiers, strftime C's. (<c>date_parse</c> is missing: strptime wants a constant format, which a macro parameter is not.)</summary>
    private const string MySqlToStrftime =
        "replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f, " +
        "'%M', '%B'), '%i', '%M'), '%r', '%I:%M:%S %p'), '%T', '%H:%M:%S'), '%h', '%I'), '%s', '%S'), " +
        "'%W', '%A'), '%c', '%-m'), '%e', '%-d'), '%k', '%-H'), '%l', '%-I'), '%v', '%V')";

    public static IReadOnlyList<(string Name, string Parameters, string Body)> Macros { get; } =
    [
        ("athena_mysql_format", "f", MySqlToStrftime),
        ("date_format", "t, f", "strftime(t, {schema}.athena_mysql_format(f))"),
        ("from_iso8601_date", "s", "CAST(s AS DATE)"),
        ("approx_distinct", "x", "approx_count_distinct(x)"),
        ("regexp_like", "s, p", "regexp_matches(s, p)"),
        ("cardinality", "x", "len(x)"),
    ];

    /// <summary>Defines the macros in <paramref name="schema"/> (<c>{schema}</c> in a body names it: the service's own connection uses no schema) (the lake's database, every query connection's schema).</summary>
    public static void Install(SandboxedDatabase database, string schema)
    {
        foreach (var (name, parameters, body) in Macros)
        {
            var qualified = SqlText.Identifier(schema);
            database.Define($"CREATE OR REPLACE MACRO {qualified}.{SqlText.Identifier(name)}({parameters}) AS {body.Replace("{schema}", qualified, StringComparison.Ordinal)}");
        }
    }
}
