namespace Lake.SeedGenerator;

/// <summary>What to generate. The same options (seed included) always give the same bytes.</summary>
public sealed record OrderGeneratorOptions
{
    /// <summary>Rows over all files, spread evenly.</summary>
    public long Rows { get; init; } = 1000;

    /// <summary>How many files; by default one per month, named <c>orders-yyyy-MM.csv</c>.</summary>
    public int? Files { get; init; }

    /// <summary>The share of rows (0..1) that get one random defect.</summary>
    public double ErrorRate { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>The first order date.</summary>
    public DateOnly StartDate { get; init; } = new(2024, 1, 1);

    /// <summary>How many months of orders, from <see cref="StartDate"/>.</summary>
    public int Months { get; init; } = 1;

    /// <summary>When set, the (single) file grows row by row until it has at least this many bytes; <see cref="Rows"/> is ignored.</summary>
    public long? MinBytes { get; init; }

    public int FileCount => Files ?? Months;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Rows >= 0, nameof(Rows), "must be 0 or more");
        Require(FileCount >= 1, nameof(Files), "must be 1 or more");
        Require(ErrorRate is >= 0 and <= 1, nameof(ErrorRate), "is a share between 0 and 1");
        Require(Months >= 1, nameof(Months), "must be 1 or more");
        Require(MinBytes is null or > 0, nameof(MinBytes), "must be more than 0");
        Require(MinBytes is null || FileCount == 1, nameof(MinBytes), "needs a single file (--files 1)");
    }

    private static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{option} {rule}", option);
        }
    }
}

/// <summary>One file of a run: its name, the order dates it covers [From, To), its rows and first order number.</summary>
public sealed record OrderFilePlan(int Index, string FileName, DateOnly From, DateOnly To, long Rows, long FirstNumber);

/// <summary>What was written: rows, of which bad (with a defect), and bytes.</summary>
public sealed record OrderFileSummary(string FileName, long Rows, long BadRows, long Bytes);
