using System.Text.RegularExpressions;

namespace Portal.Core.Search.Analysis;

/// <summary>Shapes of requisite tokens (dates, numbers of acts).</summary>
public static partial class RequisiteTokens
{
    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})$")]
    private static partial Regex DatePattern();

    /// <summary>The year of a dd.mm.yyyy token, so that «письмо 2022» meets «от 08.10.2022».</summary>
    public static string? YearOfDate(string token)
    {
        var match = DatePattern().Match(token);
        return match.Success ? match.Groups[3].Value : null;
    }
}
