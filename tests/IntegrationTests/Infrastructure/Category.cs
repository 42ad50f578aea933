namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The test categories: <c>[Trait(Category.Name, Category.Slow)]</c> marks a class that starts processes, a
/// browser, a chain or an outage, or simply runs long. <c>dotnet test --filter Category!=Slow</c> runs the rest
/// (every unit test and the quick integration tests); a plain <c>dotnet test</c> runs everything.
/// </summary>
public static class Category
{
    public const string Name = "Category";
    public const string Slow = "Slow";
}
