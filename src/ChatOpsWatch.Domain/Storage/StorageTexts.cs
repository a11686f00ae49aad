using ChatOpsWatch.Domain.Notifications;
using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Domain.Time;

namespace ChatOpsWatch.Domain.Storage;

/// <summary>The storage notices' chat texts, from the catalogue (<c>storage.*</c> in DeliveryTexts).</summary>
public static class StorageTexts
{
    public static string Failing(StorageFault fault, string databasePath, string error, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // The database's error is an English sentence: another language names the fault (above) and points to the log.
        var detail = texts.Language == Language.En ? Html.Escape(error) : texts["storage.error.in_log"];
        return texts.Format("storage.failing", texts[FaultKey(fault)], Html.Escape(databasePath), detail);
    }

    public static string Recovered(string databasePath, TimeSpan failedFor, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("storage.recovered", Html.Escape(databasePath), DurationText.Format(failedFor));
    }

    private static string FaultKey(StorageFault fault) => fault switch
    {
        StorageFault.DiskFull => "storage.fault.disk_full",
        StorageFault.Locked => "storage.fault.locked",
        StorageFault.ReadOnly => "storage.fault.read_only",
        StorageFault.IoError => "storage.fault.io",
        StorageFault.CannotOpen => "storage.fault.cannot_open",
        StorageFault.Corrupt => "storage.fault.corrupt",
        _ => "storage.fault.other",
    };
}
