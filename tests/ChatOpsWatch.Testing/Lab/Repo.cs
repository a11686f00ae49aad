namespace ChatOpsWatch.Testing.Lab;

/// <summary>Finds the repository (the folder holding ChatOpsWatch.sln) from a test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOpsWatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ChatOpsWatch.sln not found above {AppContext.BaseDirectory}");
    }
}
