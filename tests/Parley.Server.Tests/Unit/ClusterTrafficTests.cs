using System.Text;
using Parley.Cluster.Redis;
using Parley.Server.Chat;

namespace Parley.Server.Tests.Unit;

/// <summary>What crosses nodes on a room's channel, and the window that keeps a message from arriving twice.</summary>
public class ClusterTrafficTests
{
    [Fact]
    public void A_room_publication_decodes_to_the_node_the_ids_and_the_lines_it_was_made_of()
    {
        var lines = Encoding.UTF8.GetBytes("{\"a\":1}\n{\"b\":\"x\\ny\"}\n");

        var frame = RoomTraffic.Encode("host:9998", lines, [41, 42]);

        Assert.True(RoomTraffic.TryDecode(frame, out var node, out var ids, out var decoded));
        Assert.Equal("host:9998", node);
        Assert.Equal([41L, 42L], ids);
        Assert.Equal(lines, decoded.ToArray());
    }

    [Fact]
    public void A_notice_has_no_ids()
    {
        var frame = RoomTraffic.Encode("n", "{}\n"u8, []);

        Assert.True(RoomTraffic.TryDecode(frame, out _, out var ids, out var lines));
        Assert.Empty(ids);
        Assert.Equal("{}\n"u8.ToArray(), lines.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 9, 1, 2 })] // a node id longer than the frame
    [InlineData(new byte[] { 1, 65, 255, 255, 255, 127 })] // more ids than bytes
    [InlineData(new byte[] { 1, 65, 255, 255, 255, 255 })] // a negative count
    public void Anything_else_on_the_channel_is_not_a_publication(byte[] frame)
    {
        Assert.False(RoomTraffic.TryDecode(frame, out _, out _, out _));
    }

    [Fact]
    public void The_recent_ids_window_remembers_the_latest_4096_and_forgets_the_oldest_first()
    {
        var recent = new RecentIds();
        for (long id = 1; id <= 5000; id++)
        {
            Assert.True(recent.Add(id));
        }

        Assert.False(recent.Add(5000));
        Assert.True(recent.Contains(905));
        Assert.False(recent.Contains(904));
        Assert.True(recent.Add(1)); // forgotten, so new again
        Assert.False(recent.Contains(905)); // and it pushed the oldest out
    }
}
