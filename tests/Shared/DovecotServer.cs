using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Keqing.Testing;

/// <summary>
/// A throwaway IMAP server (Debian's dovecot-imapd) on a free loopback port, like <see cref="PostgresCluster"/>: its own
/// config, run and mail folders in a temp folder, plain-text login without TLS, users in a passwd file (added while it
/// runs; dovecot re-reads the file), maildir storage. Tests deliver mail with IMAP APPEND.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    private readonly string dir;

    private DovecotServer(string dir, int port)
    {
        this.dir = dir;
        Port = port;
    }

    public int Port { get; }
    public string Host { get; } = "127.0.0.1";

    /// <summary>Whether dovecot is installed (apt-get install dovecot-imapd).</summary>
    public static bool IsInstalled => File.Exists("/usr/sbin/dovecot");

    public static async Task<DovecotServer> StartAsync()
    {
        if (!IsInstalled) throw new InvalidOperationException("dovecot is not installed (apt-get install dovecot-imapd).");
        var dir = Path.Combine(Path.GetTempPath(), $"keqing-imap-{Guid.NewGuid():N}");
        foreach (var sub in new[] { "run", "state", "mail", "home" }) Directory.CreateDirectory(Path.Combine(dir, sub));
        await File.WriteAllTextAsync(Path.Combine(dir, "passwd"), "");
        var port = FreePort();
        // Dovecot never gives mail access to UID 0: as root the mail belongs to nobody; otherwise all runs as the caller.
        var root = Environment.UserName == "root";
        var (uid, gid) = root ? ("65534", "65534") : (await Output("id", "-u"), await Output("id", "-g"));
        var users = root ? "" : $"default_login_user = {Environment.UserName}\ndefault_internal_user = {Environment.UserName}\n";
        await File.WriteAllTextAsync(Path.Combine(dir, "dovecot.conf"), $$"""
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{dir}}/mail/%u
            first_valid_uid = 1
            {{users}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/passwd
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{dir}}/home/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-reader {
                mode = 0666
              }
              unix_listener stats-writer {
                mode = 0666
              }
            }
            """);
        if (root)
        {
            await Run("chown", $"-R {uid}:{gid} {dir}/mail {dir}/home");
            await Run("chmod", $"755 {dir}");
        }
        await Run("/usr/sbin/dovecot", $"-c {dir}/dovecot.conf");
        var server = new DovecotServer(dir, port);
        await server.WaitUntilListening();
        return server;
    }

    /// <summary>Adds a mail user; returns its login (an address) and password.</summary>
    public async Task<(string User, string Password)> AddUserAsync(string prefix = "crm")
    {
        var user = $"{prefix}-{Guid.NewGuid():N}"[..20] + "@imap.test";
        var password = Guid.NewGuid().ToString("N");
        await File.AppendAllTextAsync(Path.Combine(dir, "passwd"), $"{user}:{{PLAIN}}{password}\n");
        return (user, password);
    }

    private async Task WaitUntilListening()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        var log = Path.Combine(dir, "dovecot.log");
        throw new InvalidOperationException($"dovecot did not listen on {Port}: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Run("/usr/sbin/dovecot", $"-c {dir}/dovecot.conf stop");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> Output(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    private static async Task Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {await stdout} {await stderr}");
    }
}
