using System.Net;
using Parley.Protocol;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

[Collection("EndToEnd")]
public class BanTests
{
    private static readonly IPAddress s_bannedAddress = IPAddress.Parse("127.0.0.5");

    [Fact]
    public async Task A_banned_user_is_kept_out_by_name_and_by_the_address_it_came_from_until_unbanned()
    {
        await using var server = await SocketServer.StartAsync(
            "--Parley:Moderators:0", AccountFixtures.Moderator, "--Parley:PasswordIterations", AccountFixtures.FastIterations);
        await using var mod = await ConnectAsync(server, IPAddress.Loopback);
        await mod.LoginAsync(AccountFixtures.Moderator);
        Payloads.Info(await mod.RequestAsync("register", AccountFixtures.ModeratorPassword));
        await using var bob = await ConnectAsync(server, s_bannedAddress);
        await bob.LoginAsync("bob");

        await mod.SendAsync("ban", "bob spam");

        Assert.Equal("You are banned by mod: spam", Payloads.Info(Assert.Single(await bob.ReadUntilClosedAsync())));
        Assert.Equal("bob is banned.", Payloads.Text(await AccountFixtures.ReadInfoAsync(mod, "is banned")));
        Assert.Contains("bob (address 127.0.0.5) by mod", Payloads.Info(await mod.RequestAsync("bans")));

        await using (var again = await ConnectAsync(server, IPAddress.Loopback))
        {
            Assert.Equal("The name bob is banned: spam", Payloads.Error(await again.RequestAsync("login", "bob"), ErrorCodes.Banned));
        }

        await using (var otherName = await ConnectAsync(server, s_bannedAddress))
        {
            Payloads.Error(await otherName.RequestAsync("login", "robert"), ErrorCodes.Banned);
        }

        await using (var otherAddress = await ConnectAsync(server, IPAddress.Loopback))
        {
            await otherAddress.LoginAsync("robert");
        }

        Assert.Equal("bob is no longer banned.", Payloads.Info(await mod.RequestAsync("unban", "bob")));
        await using var back = await ConnectAsync(server, s_bannedAddress);
        await back.LoginAsync("bob");
    }

    private static Task<TcpTestClient> ConnectAsync(SocketServer server, IPAddress from)
        => TcpTestClient.ConnectAsync(server.EndPoint, localAddress: from);
}
