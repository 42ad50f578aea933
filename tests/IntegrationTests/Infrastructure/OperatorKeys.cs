using MicroEvents.Access;
using MicroEvents.EventSourcing;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>An operator API key written straight into a schema's key table, for tests that start their own processes.</summary>
public static class OperatorKeys
{
    public static async Task<string> Create(string connectionString, string schema)
    {
        using var store = JournalStore.Create(connectionString, schema);
        var (_, key) = await new ApiKeyStore(new AccessDatabase(store), TimeProvider.System).Create(AccessRole.Operator, "process tests", null);
        return key;
    }

    public static HttpClient Authorized(this HttpClient http, string key)
    {
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }
}
