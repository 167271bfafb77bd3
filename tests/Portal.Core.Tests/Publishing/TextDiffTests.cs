using Portal.Core.Common;
using Portal.Core.Materials;

namespace Portal.Core.Tests.Publishing;

public sealed class TextDiffTests
{
    [Fact]
    public void Changed_lines_are_a_deletion_and_an_insertion_with_numbers()
    {
        var diff = TextDiff.Compare("один\nдва\nтри", "один\nдва с половиной\nтри\nчетыре");
        Assert.Equal(2, diff.Inserted);
        Assert.Equal(1, diff.Deleted);
        Assert.Equal(new DiffLine(DiffLineKind.Deleted, 2, null, "два"), diff.Lines.Single(l => l.Kind == DiffLineKind.Deleted));
        Assert.Equal(["два с половиной", "четыре"], diff.Lines.Where(l => l.Kind == DiffLineKind.Inserted).Select(l => l.Text));
        Assert.Equal(4, diff.Lines.Last().NewNumber);
    }

    [Fact]
    public void A_long_unchanged_run_is_collapsed_around_the_change()
    {
        var old = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"Статья {i}."));
        var diff = TextDiff.Compare(old, old.Replace("Статья 20.", "Статья 20 (в новой редакции)."));
        var view = diff.Collapsed(context: 2);
        Assert.Equal([DiffLineKind.Skipped, DiffLineKind.Unchanged, DiffLineKind.Unchanged, DiffLineKind.Deleted, DiffLineKind.Inserted, DiffLineKind.Unchanged, DiffLineKind.Unchanged, DiffLineKind.Skipped], view.Select(l => l.Kind));
        Assert.Equal("17", view[0].Text);
        Assert.Equal("Статья 18.", view[1].Text);
        Assert.Equal("18", view[^1].Text);
    }

    [Fact]
    public void Line_endings_do_not_count_as_changes()
    {
        Assert.False(TextDiff.Compare("а\r\nб", "а\nб").HasChanges);
    }

    [Fact]
    public void A_renamed_material_shows_the_title_change()
    {
        var older = new MaterialRevision { Title = "Старое", BodyMarkdown = "Текст" };
        var newer = new MaterialRevision { Title = "Новое", BodyMarkdown = "Текст" };
        var diff = MaterialLibrary.Compare(older, newer);
        Assert.Equal("# Новое", diff.Lines.Single(l => l.Kind == DiffLineKind.Inserted).Text);
    }

    [Theory]
    [InlineData("Списание учебной литературы", "spisanie-uchebnoj-literatury")]
    [InlineData("НЭБ: как подключиться?", "neb-kak-podklyuchitsya")]
    [InlineData("Приказ № 1077", "prikaz-1077")]
    [InlineData("!!!", "material")]
    public void Slugs_are_transliterated(string title, string slug) => Assert.Equal(slug, MaterialLibrary.Slugify(title));
}
