using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using NJsonSchema.CodeGeneration.CSharp;

namespace MicroEvents.IntegrationTests.GeneratedClient;

/// <summary>
/// Makes a C# client from the served OpenAPI document with NSwag, as a client developer would. The settings
/// are kept to what any such developer would choose: one client class named by the operation ids, System.Text.Json
/// (what the gateway speaks), the base address taken from the HttpClient. Everything else is NSwag's default, so
/// whatever the generated client cannot express is a gap in the document, fixed there, never in the client.
/// </summary>
public static class ClientGeneration
{
    public const string Namespace = "MicroEvents.IntegrationTests.GeneratedClient";
    public const string ClassName = "MicroEventsClient";
    public const string Command = "UPDATE_CLIENT=1 dotnet test tests/IntegrationTests --filter FullyQualifiedName~GeneratedClientTests";
    public static readonly string[] RelativePath = ["tests", "IntegrationTests", "GeneratedClient", "MicroEventsClient.g.cs"];

    public static async Task<string> Generate(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClassName,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = CSharpJsonLibrary.SystemTextJson },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile().ReplaceLineEndings("\n");
    }
}
