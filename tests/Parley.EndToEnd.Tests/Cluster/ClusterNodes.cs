namespace Parley.EndToEnd.Tests.Cluster;

/// <summary>
/// Several real server processes serving one chat: one store shared by all (<see cref="SharedStore"/>), one
/// Redis (the one scripts/services.sh started, or a test's own), keys and channels under a prefix of their own
/// so tests can share a Redis. Each node has a fixed port and node id, so it can be killed and started again
/// where its clients look.
/// </summary>
internal sealed class ClusterNodes : IAsyncDisposable
{
    private readonly ServerProcess?[] _nodes;
    private readonly int[] _ports;
    private readonly int[] _httpPorts;
    private readonly string[] _arguments;

    private ClusterNodes(int count, string[] arguments)
    {
        _nodes = new ServerProcess?[count];
        _ports = [.. Enumerable.Range(0, count).Select(_ => ServerProcess.FreePort())];
        _httpPorts = [.. Enumerable.Range(0, count).Select(_ => ServerProcess.FreePort())];
        _arguments = arguments;
    }

    /// <summary>The node's port, also while it is down.</summary>
    public int Port(int node) => _ports[node];

    /// <summary>The node's HTTP port (<c>/healthz</c>).</summary>
    public int HttpPort(int node) => _httpPorts[node];

    public ServerProcess this[int node] => _nodes[node] ?? throw new InvalidOperationException($"Node {node} is down.");

    /// <summary>Starts <paramref name="count"/> nodes; <paramref name="redis"/> is host:port of the Redis to use (null: the tests' shared one, PARLEY_TEST_REDIS).</summary>
    public static async Task<ClusterNodes> StartAsync(int count, SharedStore store, string? redis = null, params string[] extraArguments)
    {
        string[] arguments =
        [
            .. store.Arguments,
            "--backplane", "redis", "--redis", redis ?? TestServices.Redis,
            "--redis-prefix", $"test-{Guid.NewGuid():N}", "--lease-seconds", "2",
            "--Parley:PasswordIterations", "1000", "--history-delay", "0",
            .. extraArguments,
        ];
        var cluster = new ClusterNodes(count, arguments);
        for (var i = 0; i < count; i++)
        {
            await cluster.StartAsync(i);
        }

        return cluster;
    }

    public async Task StartAsync(int node)
    {
        if (_nodes[node] is not null)
        {
            throw new InvalidOperationException($"Node {node} is up.");
        }

        _nodes[node] = await ServerProcess.StartAsync(_ports[node],
            [.. _arguments, "--node-id", $"node{node}", "--http-port", _httpPorts[node].ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>Runs <paramref name="step"/>; when it fails, the failure carries what every node logged so far.</summary>
    public async Task ExplainFailureAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            var logs = _nodes.Select((n, i) => $"--- node{i} ---\n{n?.Process.StandardOutputSoFar() ?? "(down)"}");
            throw new InvalidOperationException($"{ex.Message}\nWhat the nodes logged:\n{string.Join('\n', logs)}", ex);
        }
    }

    /// <summary>Kills the node's process (SIGKILL): no goodbye, no clean-up in Redis.</summary>
    public async Task KillAsync(int node)
    {
        await this[node].DisposeAsync();
        _nodes[node] = null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
    }
}
