using System.Diagnostics;
using Amazon;
using Amazon.Runtime.Telemetry;
using Amazon.Runtime.Telemetry.Tracing;

namespace Lake.Aws.Telemetry;

/// <summary>
/// Spans for the official SDK clients (S3, DynamoDB, SQS): AWSSDK.Core 4 reports each call through
/// <see cref="AWSConfigs.TelemetryProvider"/>, a no-op until a tracer provider is registered. This registers one over
/// <see cref="ActivitySource"/> <c>Lake.AwsSdk</c>, which Lake's telemetry listens to like every <c>Lake.*</c> source
/// (what OpenTelemetry.Instrumentation.AWS does, which this registry lacks).
/// </summary>
public static class AwsSdkTracing
{
    public const string SourceName = "Lake.AwsSdk";
    private static int _enabled;

    /// <summary>Registers the tracer provider once per process; later calls do nothing.</summary>
    public static void Enable()
    {
        if (Interlocked.Exchange(ref _enabled, 1) == 0)
        {
            AWSConfigs.TelemetryProvider.RegisterTracerProvider(new ActivityTracerProvider());
        }
    }

    private sealed class ActivityTracerProvider : TracerProvider
    {
        private readonly ActivityTracer _tracer = new();

        public override Tracer GetTracer(string scope) => _tracer;
    }

    private sealed class ActivityTracer : Tracer
    {
        private static readonly ActivitySource Source = new(SourceName);

        public override TraceSpan CreateSpan(string name, Attributes? initialAttributes = null, SpanKind spanKind = SpanKind.INTERNAL, SpanContext? parentContext = null)
        {
            var kind = spanKind switch
            {
                SpanKind.CLIENT => ActivityKind.Client,
                SpanKind.SERVER => ActivityKind.Server,
                SpanKind.PRODUCER => ActivityKind.Producer,
                SpanKind.CONSUMER => ActivityKind.Consumer,
                _ => ActivityKind.Internal,
            };

            // Without a parent from the SDK the span nests under the current activity (the request or invocation).
            var parent = parentContext is { IsValid: true }
                ? new ActivityContext(ActivityTraceId.CreateFromString(parentContext.TraceId), ActivitySpanId.CreateFromString(parentContext.SpanId), ActivityTraceFlags.Recorded, isRemote: parentContext.IsRemote)
                : Activity.Current?.Context ?? default;
            return new ActivitySpan(Source.StartActivity(name, kind, parent, initialAttributes?.AllAttributes));
        }
    }

    private sealed class ActivitySpan : TraceSpan
    {
        private readonly Activity? _activity;

        public ActivitySpan(Activity? activity)
        {
            _activity = activity;
            Name = activity?.DisplayName;
        }

        public override void EmitEvent(string name, Attributes? attributes = null) =>
            _activity?.AddEvent(new ActivityEvent(name, tags: attributes is null ? null : new ActivityTagsCollection(attributes.AllAttributes)));

        public override void SetAttribute(string key, object value) => _activity?.SetTag(key, value);

        public override void SetStatus(SpanStatus status) => _activity?.SetStatus(status switch
        {
            SpanStatus.OK => ActivityStatusCode.Ok,
            SpanStatus.ERROR => ActivityStatusCode.Error,
            _ => ActivityStatusCode.Unset,
        });

        public override void RecordException(Exception exception, Attributes? attributes = null)
        {
            _activity?.AddException(exception);
            _activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        }

        public override void End() => _activity?.Stop();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _activity?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
