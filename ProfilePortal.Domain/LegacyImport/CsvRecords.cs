using System.Text;

namespace ProfilePortal.Domain.LegacyImport;

/// <summary>One record of a CSV file: its fields and the line it starts on, or why it could not be read.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Problem);

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, optionally in double quotes; inside quotes a doubled quote is a
/// quote and commas and line breaks are data. Lines end with CRLF or LF. A record with an unclosed quote or text after
/// a closing quote is reported with its line number and skipped; reading goes on with the next line.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? problem = null;
            var quoted = false;
            var afterQuote = false;
            var i = 0;
            while (true)
            {
                if (i == text.Length)
                {
                    if (quoted)
                    {
                        // A quoted field goes on over the line break.
                        if (reader.ReadLine() is { } next)
                        {
                            line++;
                            field.Append('\n');
                            text = next;
                            i = 0;
                            continue;
                        }

                        problem = "unclosed quote";
                    }

                    break;
                }

                var c = text[i++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                }
                else if (afterQuote)
                {
                    problem ??= "text after a closing quote";
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            if (problem is null && fields is [""])
            {
                continue; // a blank line
            }

            yield return new CsvRecord(start, fields, problem);
        }
    }
}
