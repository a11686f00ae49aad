namespace ChatOpsWatch.Testing.FakeBotApi;

/// <summary>A sendPhoto the fake accepted: the uploaded file's bytes and its caption.</summary>
public sealed record SentPhoto(int MessageId, long ChatId, byte[] Bytes, string? FileName, string? Caption, string? ParseMode, bool DisableNotification, DateTimeOffset At)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Starts with the 8-byte PNG signature.</summary>
    public bool IsPng => Bytes.AsSpan().StartsWith(PngSignature);

    public override string ToString() => $"SentPhoto {{ MessageId = {MessageId}, ChatId = {ChatId}, {Bytes.Length} bytes, Caption = {Caption} }}";
}
