namespace ChatOpsWatch.Domain.Ports;

/// <summary>The store could not be opened, read or written. The message names the path and the cause.</summary>
public sealed class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
