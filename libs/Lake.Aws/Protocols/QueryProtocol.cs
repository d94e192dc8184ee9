using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Lake.Aws.Protocols;

/// <summary>
/// The AWS Query protocol: <c>POST /</c> with a form body (<c>Action</c>, <c>Version</c>, flattened members),
/// XML responses whose <c>&lt;{Action}Result&gt;</c> holds the output, and <c>&lt;ErrorResponse&gt;</c> errors.
/// </summary>
internal sealed class QueryProtocol(AwsHttpClient http, string version)
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly Dictionary<string, string> NoHeaders = [];

    public AwsHttpClient Http => http;

    /// <summary>Calls <paramref name="action"/> and returns its <c>&lt;{action}Result&gt;</c> element (empty when absent).</summary>
    public async Task<XElement> InvokeAsync(string action, QueryParameters parameters, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(parameters.ToFormBody(action, version));
        var response = await http.SendAsync(new AwsHttpRequest(action, body, FormContentType, NoHeaders), ParseError, cancellationToken);
        try
        {
            var root = XDocument.Parse(Encoding.UTF8.GetString(response)).Root;
            return root?.Elements().FirstOrDefault(element => element.Name.LocalName == action + "Result")
                ?? new XElement(action + "Result");
        }
        catch (XmlException exception)
        {
            throw new AwsServiceException(
                http.Service.ServiceId, "UnparseableResponse", $"The {action} response is not XML: {exception.Message}",
                HttpStatusCode.OK, requestId: null, innerException: exception);
        }
    }

    /// <summary>Reads <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;/&lt;Message&gt;</c> and <c>&lt;RequestId&gt;</c>, or keeps what came.</summary>
    internal static AwsErrorDetails ParseError(HttpResponseMessage response, byte[] body)
    {
        XElement? root;
        try
        {
            root = XDocument.Parse(Encoding.UTF8.GetString(body)).Root;
        }
        catch (XmlException)
        {
            return AwsErrorDetails.Unrecognised(response, body);
        }

        var error = root?.DescendantsAndSelf().FirstOrDefault(element => element.Name.LocalName == "Error");
        var code = error?.ChildValue("Code");
        if (root is null || string.IsNullOrWhiteSpace(code))
        {
            return AwsErrorDetails.Unrecognised(response, body);
        }

        var requestId = root.DescendantsAndSelf()
            .FirstOrDefault(element => element.Name.LocalName is "RequestId" or "RequestID")?.Value;
        return new AwsErrorDetails(
            code.Trim(),
            error!.ChildValue("Message")?.Trim() ?? string.Empty,
            string.IsNullOrWhiteSpace(requestId) ? AwsErrorDetails.RequestIdFrom(response) : requestId.Trim());
    }
}
