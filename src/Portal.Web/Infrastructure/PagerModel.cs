namespace Portal.Web.Infrastructure;

/// <summary>What the shared pager partial needs: the current page, the count, and how to link a page.</summary>
public sealed record PagerModel(int Page, int PageCount, Func<int, string> Url)
{
    /// <summary>Up to seven page numbers around the current one, always with the first and the last.</summary>
    public IEnumerable<int> Window()
    {
        var from = Math.Max(1, Page - 3);
        var to = Math.Min(PageCount, Page + 3);
        if (from > 1)
        {
            yield return 1;
        }
        for (var p = from; p <= to; p++)
        {
            if (p != 1 || from == 1)
            {
                yield return p;
            }
        }
        if (to < PageCount)
        {
            yield return PageCount;
        }
    }
}
