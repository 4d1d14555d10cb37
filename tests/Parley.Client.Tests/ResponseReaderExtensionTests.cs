namespace Parley.Client.Tests;

/// <summary>The keys of Parley's rooms, direct messages and moderation extensions, read tolerantly.</summary>
public class ResponseReaderExtensionTests
{
    private static ServerEvent Read(string json) => ResponseReader.Read(json, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_direct_message_has_its_recipient_and_no_room()
    {
        var dm = Read("""{"timestamp":"2026-11-25T13:02:05.123Z","sender":"alice","response":"message","content":"psst","id":43,"to":"bob"}""");

        Assert.Equal(("alice", "bob", "psst", 43L), (dm.Sender, dm.To, dm.Text, dm.Id));
        Assert.Null(dm.Room);
        Assert.True(dm.IsDirect);
    }

    [Fact]
    public void A_room_message_is_not_direct()
    {
        var message = Read("""{"sender":"alice","response":"message","content":"hi","id":42,"room":"dev"}""");

        Assert.Equal("dev", message.Room);
        Assert.Null(message.To);
        Assert.False(message.IsDirect);
    }

    [Fact]
    public void A_deletion_info_has_the_id_and_the_room()
    {
        var info = Read("""{"sender":"server","response":"info","content":"Message 42 was removed by a moderator.","deleted":42,"room":"lobby"}""");

        Assert.Equal(ServerEventKind.Info, info.Kind);
        Assert.Equal(42, info.Deleted);
        Assert.Equal("lobby", info.Room);
        Assert.Null(info.Id);
    }

    [Fact]
    public void The_join_answer_carries_the_room()
    {
        var info = Read("""{"sender":"server","response":"info","content":"You joined #dev","room":"dev"}""");

        Assert.Equal("dev", info.Room);
    }

    [Fact]
    public void Keys_in_any_case_and_ids_as_strings()
    {
        var message = Read("""{"Sender":"alice","Response":"message","Content":"x","ID":"7","Room":"dev","TO":"bob","Deleted":"9"}""");

        Assert.Equal((7L, "dev", "bob", 9L), (message.Id, message.Room, message.To, message.Deleted));
    }

    [Theory]
    [InlineData("""{"response":"message","content":"x","room":5,"to":["bob"],"id":true,"deleted":{"id":1}}""")]
    [InlineData("""{"response":"message","content":"x","room":null,"to":null,"id":null,"deleted":null}""")]
    [InlineData("""{"response":"message","content":"x","id":1.5,"deleted":"forty-two"}""")]
    [InlineData("""{"response":"message","content":"x","id":99999999999999999999999,"deleted":-1e400}""")]
    public void Wrong_types_are_ignored(string json)
    {
        var message = Read(json);

        Assert.Equal(ServerEventKind.Message, message.Kind);
        Assert.Equal("x", message.Text);
        Assert.Null(message.Room);
        Assert.Null(message.To);
        Assert.Null(message.Id);
        Assert.Null(message.Deleted);
        Assert.False(message.IsDirect);
    }

    [Fact]
    public void History_items_keep_their_room_and_id()
    {
        var history = Read("""{"response":"history","room":"dev","content":["{\"sender\":\"bob\",\"response\":\"message\",\"content\":\"hi\",\"id\":41,\"room\":\"dev\"}"]}""");

        Assert.Equal("dev", history.Room);
        var item = Assert.Single(history.History);
        Assert.Equal((41L, "dev"), (item.Id, item.Room));
    }
}
