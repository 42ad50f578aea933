using System.CommandLine;
using MicroEvents.Catalogue;

namespace MicroEvents.Silo.Analysts;

/// <summary><c>catalogue --out docs/events.md</c>: writes the event catalogue; needs no database.</summary>
public static class CatalogueCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Markdown file to write (default: standard output)" };
        var command = new Command("catalogue", "Write the event catalogue (every alias, its fields, types and meaning) as Markdown.") { output };
        command.SetAction(async (parse, ct) =>
        {
            var markdown = EventCatalogue.Markdown();
            if (parse.GetValue(output) is { } file)
            {
                file.Directory?.Create();
                await File.WriteAllTextAsync(file.FullName, markdown, ct);
                Console.Error.WriteLine($"Wrote {EventCatalogue.Entries().Count} event types to {file.FullName}");
            }
            else Console.Out.Write(markdown);
            return 0;
        });
        return command;
    }
}
