namespace ChatOpsWatch.Domain.Samples;

/// <summary>The seed's warning: keep the system disk apart from data disks, or alerts mislead.</summary>
public enum DiskKind
{
    /// <summary>The root filesystem and /boot (and /boot/efi).</summary>
    System,

    /// <summary>Every other real filesystem.</summary>
    Data,
}
