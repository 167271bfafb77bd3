using System.Globalization;

namespace Portal.Crawler;

/// <summary>Parsed <c>verb --option value --flag</c> arguments; repeated options keep every value.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public string Verb { get; }

    private CommandLine(string verb) => Verb = verb;

    /// <summary>Parses; <paramref name="flags"/> are the options that take no value.</summary>
    public static CommandLine Parse(string[] args, IReadOnlySet<string> flags)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new UsageException("не указана команда");
        }
        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"непонятный аргумент «{arg}»");
            }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            if (flags.Contains(name))
            {
                line._flags.Add(name);
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"у --{name} нет значения");
                }
                value = args[++i];
            }
            (line._options.TryGetValue(name, out var list) ? list : line._options[name] = []).Add(value);
        }
        return line;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var list) ? list : [];

    public long? Number(string name, long min, long max)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            throw new UsageException($"--{name}: ожидается целое число от {min} до {max}, получено «{text}»");
        }
        return n;
    }

    public void RejectUnknown(params string[] known)
    {
        var unknown = _options.Keys.Concat(_flags).Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"команда {Verb} не знает параметр --{unknown[0]}");
        }
    }
}

public sealed class UsageException(string message) : Exception(message);
