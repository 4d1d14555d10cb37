using Parley.Server.Chat;

namespace Parley.Server.Tests.Soak;

/// <summary>Chaos that is valid: short-lived users who register, wander between rooms and talk.</summary>
internal static partial class ChaosBehaviours
{
    // msg and dm draw on the burst of 5; a chatter says no more than this per connection.
    private const int ChatterMessages = 4;

    /// <summary>
    /// Logs in (sometimes registering and coming back with the password), then does a few valid things; its
    /// room messages land among the well-behaved clients', who must receive them in order like their own.
    /// </summary>
    private static async Task ChatterAsync(ChaosContext context)
    {
        var connection = await context.ConnectAsync();
        try
        {
            await connection.LoginAsync();
            if (context.Random.Next(3) == 0)
            {
                connection = await RegisterAsync(context, connection);
            }

            var said = 0;
            for (var i = context.Random.Next(3, 7); i > 0; i--)
            {
                switch (context.Random.Next(6))
                {
                    case 0:
                        var rooms = context.Cast.Rooms.Concat(SoakCast.ChaosRooms).Where(r => r != connection.Room).ToArray();
                        await connection.JoinAsync(context.Pick(rooms));
                        break;
                    case 1 when said < ChatterMessages:
                        await Task.Delay(context.Random.Next(300, 700)); // typing
                        await connection.SayAsync(connection.MessageText(said++));
                        break;
                    case 2 when said < ChatterMessages:
                        await connection.SayAsync(connection.MessageText(said++), to: context.Pick(context.Cast.Names));
                        break;
                    case 3:
                        await connection.SendAsync("names");
                        await connection.ExpectInfoAsync($"Users in #{connection.Room}");
                        break;
                    case 4:
                        await connection.SendAsync("history", context.Random.Next(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        await connection.ExpectHistoryAsync();
                        break;
                    default:
                        await connection.SendAsync("rooms");
                        await connection.ExpectInfoAsync("Rooms: ");
                        break;
                }
            }

            if (connection.Room != ChatServer.DefaultRoom && context.Random.Next(2) == 0)
            {
                await connection.SendAsync("leave");
                await connection.ExpectInfoAsync($"You joined #{ChatServer.DefaultRoom}");
            }

            await connection.LeaveAsync();
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Registers the name; half the time logs out and comes back on a new connection with the password.</summary>
    private static async Task<ChaosConnection> RegisterAsync(ChaosContext context, ChaosConnection connection)
    {
        var password = $"secret-{context.Index}";
        await connection.SendAsync("register", password);
        await connection.ExpectInfoAsync($"The name {context.Name} is now registered");
        context.Ledger.Registered(context.Name);
        if (context.Random.Next(2) == 0)
        {
            return connection;
        }

        await connection.SendAsync("logout");
        await connection.ExpectInfoAsync($"Goodbye, {context.Name}!");
        await connection.ExpectClosedAsync();
        await connection.DisposeAsync();

        var again = await context.ConnectAsync();
        try
        {
            await again.LoginAsync(password);
            return again;
        }
        catch
        {
            await again.DisposeAsync();
            throw;
        }
    }
}
