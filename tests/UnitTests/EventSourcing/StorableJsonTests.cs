using MicroEvents.EventSourcing;

namespace MicroEvents.UnitTests.EventSourcing;

/// <summary>What jsonb cannot hold although the JSON is valid is caught before an event joins a shared append.</summary>
public class StorableJsonTests
{
    [Theory]
    [InlineData("""{"claimId":"a\u0000"}""")]
    [InlineData("""{"claimId":"x\ud800y"}""")]
    [InlineData("""{"claimId":"x\udc00"}""")]
    [InlineData("""{"claimId":"\ud83c\u0041"}""")]
    public void nul_and_unpaired_surrogate_escapes_are_refused(string json) =>
        StorableJson.Problem(json).Should().NotBeNull();

    [Theory]
    [InlineData("""{"claimId":"phone-42","wallet":"0xabc"}""")]
    [InlineData("""{"title":"Caf\u00e9 \ud83c\udf9f"}""")]
    [InlineData("""{"path":"C:\\u0000 is text, not an escape"}""")]
    [InlineData("""{"title":"raw 🎟 emoji"}""")]
    public void ordinary_json_passes(string json) => StorableJson.Problem(json).Should().BeNull();
}
