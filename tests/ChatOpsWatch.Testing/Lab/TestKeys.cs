namespace ChatOpsWatch.Testing.Lab;

/// <summary>Real private keys, made by the same tool an operator uses.</summary>
public static class TestKeys
{
    /// <summary>The path of an unencrypted ed25519 key in <paramref name="dir"/>, created on first use.</summary>
    public static string Ed25519(string dir)
    {
        var path = Path.Combine(dir, "id_ed25519");
        if (!File.Exists(path))
        {
            ShellCommand.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path]).GetAwaiter().GetResult();
        }

        return path;
    }
}
