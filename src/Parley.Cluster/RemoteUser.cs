namespace Parley.Cluster;

/// <summary>A logged-in user as the cluster knows it: the name as claimed, its node, and its room (null: in none).</summary>
public sealed record RemoteUser(string Name, string NodeId, string? Room);
