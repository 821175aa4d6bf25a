using ProfilePortal.Domain.LegacyImport;

namespace ProfilePortal.Tests.Unit.LegacyImport;

public sealed class CsvRecordsTests
{
    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_report_the_line_they_start_on()
    {
        var records = Read("a,b,c\r\n\"Doe, Jane\",\"say \"\"hi\"\"\",3\n\"two\nlines\",x,y\n\nlast,,\n");

        Assert.Equal([1, 2, 3, 6], records.Select(r => r.Line));
        Assert.Equal(["Doe, Jane", "say \"hi\"", "3"], records[1].Fields);
        Assert.Equal(["two\nlines", "x", "y"], records[2].Fields);
        Assert.Equal(["last", "", ""], records[3].Fields);
        Assert.All(records, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void Text_after_a_closing_quote_and_an_unclosed_quote_are_problems_of_their_line()
    {
        var records = Read("\"a\"b,c\nok,1\n\"never closed,2\n");

        Assert.Equal("text after a closing quote", records[0].Problem);
        Assert.Null(records[1].Problem);
        Assert.Equal(3, records[2].Line);
        Assert.Equal("unclosed quote", records[2].Problem);
    }

    private static List<CsvRecord> Read(string text) => [.. CsvRecords.Read(new StringReader(text))];
}
