using System.Runtime.InteropServices;
using Lake.DuckDb.Native;

namespace Lake.DuckDb;

/// <summary>
/// A node of the profile DuckDB keeps of a connection's last query (<c>duckdb_get_profiling_info</c>): the root
/// holds query-wide metrics such as <c>QUERY_NAME</c>, <c>ROWS_RETURNED</c> or <c>LATENCY</c>, each child one operator
/// (<c>OPERATOR_TYPE</c>, <c>OPERATOR_CARDINALITY</c>, <c>EXTRA_INFO</c>, ...). Values are DuckDB's text.
/// </summary>
public sealed record DuckDbProfile(IReadOnlyDictionary<string, string> Metrics, IReadOnlyList<DuckDbProfile> Children)
{
    /// <summary>The metric parsed as a whole number, or null when the profile does not hold it.</summary>
    public long? GetInt64(string metric) =>
        Metrics.TryGetValue(metric, out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>This node and every node below it, depth first.</summary>
    public IEnumerable<DuckDbProfile> Descendants() => Children.SelectMany(c => c.Descendants()).Prepend(this);

    /// <summary>A copy of the native tree (it lives only until the connection's next query); null when profiling is off.</summary>
    internal static DuckDbProfile? Read(DuckDbConnectionHandle connection)
    {
        var root = NativeMethods.GetProfilingInfo(connection);
        return root == 0 ? null : ReadNode(root);
    }

    private static DuckDbProfile ReadNode(nint info)
    {
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var map = NativeMethods.ProfilingInfoGetMetrics(info))
        {
            var size = map.IsInvalid ? 0 : NativeMethods.GetMapSize(map);
            for (ulong i = 0; i < size; i++)
            {
                using var key = NativeMethods.GetMapKey(map, i);
                using var value = NativeMethods.GetMapValue(map, i);
                metrics[Text(key)] = Text(value);
            }
        }

        var children = new DuckDbProfile[(int)NativeMethods.ProfilingInfoGetChildCount(info)];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = ReadNode(NativeMethods.ProfilingInfoGetChild(info, (ulong)i));
        }

        return new DuckDbProfile(metrics, children);
    }

    private static string Text(DuckDbValueHandle value)
    {
        var text = NativeMethods.GetVarchar(value);
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            NativeMethods.Free(text);
        }
    }
}
