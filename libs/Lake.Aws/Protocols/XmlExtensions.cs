using System.Xml.Linq;

namespace Lake.Aws.Protocols;

/// <summary>Namespace-agnostic reading of Query-protocol XML.</summary>
internal static class XmlExtensions
{
    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(child => child.Name.LocalName == localName);

    public static string? ChildValue(this XElement element, string localName) => element.Child(localName)?.Value;

    /// <summary>The <c>&lt;member&gt;</c> items of a list element.</summary>
    public static IEnumerable<XElement> Members(this XElement? list) =>
        list?.Elements().Where(child => child.Name.LocalName == "member") ?? [];
}
