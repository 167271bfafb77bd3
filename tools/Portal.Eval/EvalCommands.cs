using System.Text;
using Portal.Core.Search;
using Portal.Core.Search.Analysis;

namespace Portal.Eval;

/// <summary>Thin command-line adapter over the portal's search library: analyze, eval, bench, reindex.</summary>
public static class EvalCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        if (args.Length == 0)
        {
            return Usage();
        }
        var options = CommandOptions.Parse(args.Skip(1));
        switch (args[0])
        {
            case "analyze":
                return Analyze(options);
            default:
                return Usage();
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              analyze [--dictionaries DIR]            words on stdin → "word<TAB>terms" (body-field analysis)
              eval --corpus FILE --queries FILE [--pg CONNSTRING] [--engines a,b]
              bench --corpus FILE --queries FILE [--pg CONNSTRING]
              reindex --data-dir DIR                 rebuild a portal's index from its database
            """);
        return 2;
    }

    private static int Analyze(CommandOptions options)
    {
        var morphology = RussianMorphology.Load(RussianMorphology.FindDictionaryDirectory(options.Get("dictionaries")));
        if (!morphology.HasDictionary)
        {
            Console.Error.WriteLine("warning: Hunspell ru_RU dictionary not found, Snowball only");
        }
        using var analyzer = new PortalAnalyzer(morphology);
        var output = new StringBuilder();
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            var word = line.Trim();
            if (word.Length == 0)
            {
                continue;
            }
            var terms = analyzer.Analyze(SearchFields.Body, word).Select(t => t.Term).Distinct();
            if (options.Get("debug") is not null)
            {
                output.Append("# lemmas: ").AppendJoin(' ', morphology.Lemmas(TextNormalizer.Fold(word))).Append('\n');
            }
            output.Append(word).Append('\t').AppendJoin(' ', terms).Append('\n');
        }
        Console.Out.Write(output);
        return 0;
    }
}

/// <summary>--name value pairs.</summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static CommandOptions Parse(IEnumerable<string> args)
    {
        var result = new CommandOptions();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    result._values[name] = "true";
                }
                name = arg[2..];
            }
            else if (name is not null)
            {
                result._values[name] = arg;
                name = null;
            }
        }
        if (name is not null)
        {
            result._values[name] = "true";
        }
        return result;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Require(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");
}
