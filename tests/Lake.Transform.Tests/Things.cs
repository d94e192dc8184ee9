using Lake.Contracts;

namespace Lake.Transform.Tests;

/// <summary>A small contract with a column of every type, for rule and typing semantics; rules vary per test.</summary>
internal static class Things
{
    public const string Header = "id,size,colour,price,seen,at,ok,ratio";

    public static DatasetContract Contract(string rules, string extra = "") => ContractLoader.Parse($$"""
        dataset: things
        version: 1
        description: Things with a column of every type.
        columns:
          - { name: id, type: string, nullable: false }
          - { name: size, type: int }
          - { name: colour, type: string }
          - { name: price, type: "decimal(6,2)" }
          - { name: seen, type: date }
          - { name: at, type: timestamp }
          - { name: ok, type: boolean }
          - { name: ratio, type: double }
        {{extra}}
        rules: |
          Rules = [
            {{rules}}
          ]
        """, "things.yaml");

    /// <summary>One record with id 'a' and <paramref name="value"/> in <paramref name="column"/>, the rest empty.</summary>
    public static string Row(string column, string value) =>
        string.Join(',', Header.Split(',').Select(c => c == "id" ? "a" : c == column ? value : ""));
}
