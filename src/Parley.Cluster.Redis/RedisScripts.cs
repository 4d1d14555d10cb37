namespace Parley.Cluster.Redis;

/// <summary>
/// The Lua scripts that keep the registry consistent: each runs atomically in Redis, so a claim and the
/// check of its holder's lease cannot interleave with another node's claim. Layout (p = the prefix):
/// <c>p:users</c> hash, field lower-case name, value "node\tName\tRoom" (Room empty when in none);
/// <c>p:members:room</c> hash per room (lower case), field lower-case name, value "node\tName";
/// <c>p:node:id</c> a node's lease (a key with a time to live). An entry whose node has no lease is dead:
/// every reader skips it, and the scripts remove it when they meet it.
/// </summary>
internal static class RedisScripts
{
    // KEYS[1] users; ARGV[1] field, ARGV[2] node, ARGV[3] name, ARGV[4] node key prefix, ARGV[5] members key
    // prefix, ARGV[6] room ('' for none).
    public const string Claim = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        if cur then
          local holder, room = string.match(cur, '^([^\t]*)\t[^\t]*\t(.*)$')
          if holder ~= ARGV[2] and redis.call('EXISTS', ARGV[4] .. holder) == 1 then return 0 end
          if room and room ~= '' then redis.call('HDEL', ARGV[5] .. string.lower(room), ARGV[1]) end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '\t' .. ARGV[3] .. '\t' .. ARGV[6])
        if ARGV[6] ~= '' then redis.call('HSET', ARGV[5] .. string.lower(ARGV[6]), ARGV[1], ARGV[2] .. '\t' .. ARGV[3]) end
        return 1
        """;

    // KEYS[1] users; ARGV[1] field, ARGV[2] node, ARGV[3] members key prefix.
    public const string Release = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        if not cur then return 0 end
        local holder, room = string.match(cur, '^([^\t]*)\t[^\t]*\t(.*)$')
        if holder ~= ARGV[2] then return 0 end
        if room ~= '' then redis.call('HDEL', ARGV[3] .. string.lower(room), ARGV[1]) end
        redis.call('HDEL', KEYS[1], ARGV[1])
        return 1
        """;

    // KEYS[1] users; ARGV[1] field, ARGV[2] node, ARGV[3] room ('' for none), ARGV[4] members key prefix.
    public const string SetRoom = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        if not cur then return 0 end
        local holder, name, room = string.match(cur, '^([^\t]*)\t([^\t]*)\t(.*)$')
        if holder ~= ARGV[2] then return 0 end
        if room ~= '' then redis.call('HDEL', ARGV[4] .. string.lower(room), ARGV[1]) end
        if ARGV[3] ~= '' then redis.call('HSET', ARGV[4] .. string.lower(ARGV[3]), ARGV[1], holder .. '\t' .. name) end
        redis.call('HSET', KEYS[1], ARGV[1], holder .. '\t' .. name .. '\t' .. ARGV[3])
        return 1
        """;

    // KEYS[1] users; ARGV[1] field, ARGV[2] node key prefix. The entry when its node is alive, else nil.
    public const string Find = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        if not cur then return false end
        local holder = string.match(cur, '^([^\t]*)')
        if redis.call('EXISTS', ARGV[2] .. holder) == 1 then return cur end
        return false
        """;

    // KEYS[1] a room's members; ARGV[1] node key prefix. The names on live nodes; dead entries are removed.
    public const string Members = """
        local all = redis.call('HGETALL', KEYS[1])
        local alive = {}
        local out = {}
        for i = 1, #all, 2 do
          local node, name = string.match(all[i + 1], '^([^\t]*)\t(.*)$')
          local a = alive[node]
          if a == nil then a = redis.call('EXISTS', ARGV[1] .. node) == 1; alive[node] = a end
          if a then out[#out + 1] = name else redis.call('HDEL', KEYS[1], all[i]) end
        end
        return out
        """;

    // KEYS rooms' members; ARGV[1] node key prefix. How many live members each has.
    public const string Counts = """
        local alive = {}
        local out = {}
        for k = 1, #KEYS do
          local all = redis.call('HVALS', KEYS[k])
          local n = 0
          for i = 1, #all do
            local node = string.match(all[i], '^([^\t]*)')
            local a = alive[node]
            if a == nil then a = redis.call('EXISTS', ARGV[1] .. node) == 1; alive[node] = a end
            if a then n = n + 1 end
          end
          out[k] = n
        end
        return out
        """;

    // KEYS[1] users; ARGV[1] node, ARGV[2] members key prefix. Removes every entry of the node (at its start and stop).
    public const string Purge = """
        local all = redis.call('HGETALL', KEYS[1])
        local n = 0
        for i = 1, #all, 2 do
          local holder, room = string.match(all[i + 1], '^([^\t]*)\t[^\t]*\t(.*)$')
          if holder == ARGV[1] then
            if room ~= '' then redis.call('HDEL', ARGV[2] .. string.lower(room), all[i]) end
            redis.call('HDEL', KEYS[1], all[i])
            n = n + 1
          end
        end
        return n
        """;
}
