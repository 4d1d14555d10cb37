using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Parley.Server.Accounts;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 hashes, stored self-describing as <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>
/// (base64) so the iteration count can rise later without breaking old hashes. Each hash costs a fraction of
/// a second of CPU, so the work runs on the thread pool with at most one hash per core at a time: a storm of
/// logins queues here (asynchronously) instead of taking every thread the connections need.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    /// <summary>The floor for production; tests may configure less to stay fast.</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly SemaphoreSlim _cores = new(Environment.ProcessorCount);

    public PasswordHasher(IOptions<ChatServerOptions> options)
    {
        Iterations = options.Value.PasswordIterations;
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(ChatServerOptions.PasswordIterations));
    }

    /// <summary>The iteration count of new hashes.</summary>
    public int Iterations { get; }

    public Task<string> HashAsync(string password, CancellationToken cancellationToken)
        => RunAsync(() =>
        {
            var salt = RandomNumberGenerator.GetBytes(SaltBytes);
            var hash = Derive(password, salt, Iterations);
            return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
        }, cancellationToken);

    /// <summary>Checks a password against a stored hash in constant time; false for a hash it cannot read.</summary>
    public Task<bool> VerifyAsync(string password, string storedHash, CancellationToken cancellationToken)
    {
        if (!TryParse(storedHash, out var iterations, out var salt, out var expected))
        {
            return Task.FromResult(false);
        }

        return RunAsync(() => CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected), cancellationToken);
    }

    /// <summary>True when the stored hash is weaker than new ones would be: rehash it at the next successful login.</summary>
    public bool NeedsRehash(string storedHash)
        => !TryParse(storedHash, out var iterations, out _, out _) || iterations < Iterations;

    public void Dispose() => _cores.Dispose();

    private static byte[] Derive(string password, byte[] salt, int iterations)
        => Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryParse(string storedHash, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false; // a corrupt row: nobody can log in with it, rather than the server failing
        }

        return hash.Length > 0;
    }

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _cores.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _cores.Release();
        }
    }
}
