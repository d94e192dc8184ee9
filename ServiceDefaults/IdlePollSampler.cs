using OpenTelemetry.Trace;

namespace Lake.ServiceDefaults;

/// <summary>
/// Keeps idle polling out of the traces: a long poll of a queue (<c>SQS.ReceiveMessage</c>) that no unit of work
/// started is dropped, with its HTTP call, as a parent-based sampler drops the children of a dropped root. Workers
/// poll every 20 seconds for as long as they run; those traces would bury the uploads' own. Everything else is kept.
/// </summary>
internal sealed class IdlePollSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    /// <summary>This sampler for root spans, the parent's decision for every other.</summary>
    public static Sampler ForRoots() => new ParentBasedSampler(new IdlePollSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Name == "SQS.ReceiveMessage" ? Drop : Keep;
}
