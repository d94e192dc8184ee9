namespace Lake.Uploads;

/// <summary>Where an upload is in the pipeline (DESIGN §1), in order.</summary>
public enum UploadStage
{
    /// <summary>The ingest API issued an upload URL.</summary>
    Requested = 0,

    /// <summary>The file passed the file-level checks and was copied to the clean zone.</summary>
    Validated = 10,

    /// <summary>The file failed a file-level check; it is in the rejected zone with its reason. Final.</summary>
    Rejected = 11,

    /// <summary>Valid rows are curated Parquet, invalid rows quarantined.</summary>
    Transformed = 20,

    /// <summary>The catalog knows the new partitions: the data is queryable. Final.</summary>
    Cataloged = 30,

    /// <summary>
    /// The valid rows are items of the dataset's serving table (only a dataset that declares one). Loaded after
    /// <see cref="Cataloged"/>, so the rows are queryable sooner; recorded in the history only: the current stage stays
    /// Cataloged (or becomes Failed if the load gives up).
    /// </summary>
    Served = 35,

    /// <summary>A stage gave up (its message went to a dead-letter queue). Final.</summary>
    Failed = 40,
}

public static class UploadStages
{
    /// <summary>Whether nothing follows this stage.</summary>
    public static bool IsFinal(this UploadStage stage) => stage is UploadStage.Rejected or UploadStage.Cataloged or UploadStage.Failed;
}
