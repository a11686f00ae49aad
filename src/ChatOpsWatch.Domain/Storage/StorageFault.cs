namespace ChatOpsWatch.Domain.Storage;

/// <summary>The class of a storage failure, as operators need to act on it.</summary>
public enum StorageFault
{
    Other,
    DiskFull,
    Locked,
    ReadOnly,
    IoError,
    CannotOpen,
    Corrupt,
}
