using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Portal.Core.Common;

public enum DiffLineKind
{
    Unchanged,
    Inserted,
    Deleted,
    /// <summary>A run of unchanged lines left out of a collapsed view; <see cref="DiffLine.Text"/> holds how many.</summary>
    Skipped,
}

public sealed record DiffLine(DiffLineKind Kind, int? OldNumber, int? NewNumber, string Text);

/// <summary>A line diff between two texts (DiffPlex), with counts for the summary line.</summary>
public sealed record TextDiffResult(IReadOnlyList<DiffLine> Lines)
{
    public int Inserted => Lines.Count(l => l.Kind == DiffLineKind.Inserted);
    public int Deleted => Lines.Count(l => l.Kind == DiffLineKind.Deleted);
    public bool HasChanges => Inserted + Deleted > 0;

    /// <summary>
    /// The changes with <paramref name="context"/> unchanged lines around each; longer unchanged runs
    /// become one <see cref="DiffLineKind.Skipped"/> line, so a long act's one-word change is findable.
    /// </summary>
    public IReadOnlyList<DiffLine> Collapsed(int context = 3)
    {
        var keep = new bool[Lines.Count];
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].Kind != DiffLineKind.Unchanged)
            {
                for (var j = Math.Max(0, i - context); j <= Math.Min(Lines.Count - 1, i + context); j++)
                {
                    keep[j] = true;
                }
            }
        }
        var result = new List<DiffLine>();
        for (var i = 0; i < Lines.Count;)
        {
            if (keep[i])
            {
                result.Add(Lines[i++]);
                continue;
            }
            var start = i;
            while (i < Lines.Count && !keep[i])
            {
                i++;
            }
            result.Add(new DiffLine(DiffLineKind.Skipped, Lines[start].OldNumber, Lines[start].NewNumber, (i - start).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return result;
    }
}

/// <summary>Compares two editions of a document or two revisions of a material, line by line.</summary>
public static class TextDiff
{
    public static TextDiffResult Compare(string? oldText, string? newText)
    {
        var model = InlineDiffBuilder.Diff(Normalise(oldText), Normalise(newText), ignoreWhiteSpace: false, ignoreCase: false);
        var lines = new List<DiffLine>(model.Lines.Count);
        int oldNumber = 0, newNumber = 0;
        foreach (var line in model.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Inserted:
                    lines.Add(new DiffLine(DiffLineKind.Inserted, null, ++newNumber, line.Text));
                    break;
                case ChangeType.Deleted:
                    lines.Add(new DiffLine(DiffLineKind.Deleted, ++oldNumber, null, line.Text));
                    break;
                default:
                    lines.Add(new DiffLine(DiffLineKind.Unchanged, ++oldNumber, ++newNumber, line.Text));
                    break;
            }
        }
        return new TextDiffResult(lines);
    }

    private static string Normalise(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n');
}
