using ChatOpsWatch.Domain.Text;
using ChatOpsWatch.Infrastructure.Telegram;
using ChatOpsWatch.Infrastructure.Telegram.Webhook;
using ChatOpsWatch.Worker.Configuration;
using ChatOpsWatch.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsWatch.Worker.Tests.Configuration;

public sealed class LanguageAndWebhookConfigTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef";
    private readonly string _dir = Directory.CreateTempSubdirectory("cow-lang-").FullName;
    private readonly Dictionary<string, string?> _env = new() { [ConfigLoader.DefaultTokenEnv] = "123:abc" };

    [Theory]
    [InlineData(null, Language.En)]
    [InlineData("en", Language.En)]
    [InlineData("zh-CN", Language.ZhCn)]
    [InlineData("zh-cn", Language.ZhCn)]
    public void Load_Language_DefaultsToEnglishAndReadsZhCn(string? code, Language expected)
    {
        var result = Load(new() { ["ChatOpsWatch:Telegram:Language"] = code });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(expected, result.Config!.Language);
    }

    [Fact]
    public void Load_UnknownLanguageEvenWithoutToken_IsNamedWithTheSupportedCodes()
    {
        _env.Clear();

        var result = Load(new() { ["ChatOpsWatch:Telegram:Language"] = "fr" });

        var problem = Assert.Single(result.Problems);
        Assert.Equal("ChatOpsWatch:Telegram:Language", problem.Key);
        Assert.Contains("\"zh-CN\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WebhookWithSecretFromTheEnvironment_IsReadAndHidesTheSecret()
    {
        _env[WebhookReader.DefaultSecretEnv] = Secret;

        var result = Load(new() { ["ChatOpsWatch:Telegram:Webhook:Url"] = "https://bot.example.com/tg/", ["ChatOpsWatch:Telegram:Webhook:Listen"] = "http://0.0.0.0:8443/tg" });

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var hook = result.Config!.Telegram!.Webhook!;
        Assert.Equal(new Uri("https://bot.example.com/tg/"), hook.PublicUrl);
        Assert.Equal("http://0.0.0.0:8443/tg/", hook.ListenPrefix);
        Assert.Equal(Secret, hook.SecretToken);
        Assert.DoesNotContain(Secret, result.Config.Telegram.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WebhookSecretFromAFile_IsRead()
    {
        var file = Path.Combine(_dir, "webhook.secret");
        File.WriteAllText(file, Secret + "\n");

        var result = Load(Webhook(new() { ["ChatOpsWatch:Telegram:Webhook:SecretFile"] = file }));

        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(Secret, result.Config!.Telegram!.Webhook!.SecretToken);
    }

    [Theory]
    [InlineData("Url", "http://bot.example.com/tg/", "Url")]             // Telegram posts over https only
    [InlineData("Url", "https://bot.example.com:9000/tg/", "Url")]       // not a port Telegram posts to
    [InlineData("Listen", "https://0.0.0.0:8443/tg/", "Listen")]         // TLS is the proxy's job
    [InlineData("Listen", "", "Listen")]                                 // Url without Listen
    [InlineData("Secret", Secret, "Secret")]                             // never in the JSON
    [InlineData("SecretEnv", "NOT_SET_ANYWHERE", "SecretEnv")]
    public void Load_BadWebhookField_IsNamedWithItsKeyPath(string field, string value, string reported)
    {
        _env[WebhookReader.DefaultSecretEnv] = Secret;
        var values = Webhook([]);
        values[$"ChatOpsWatch:Telegram:Webhook:{field}"] = value;

        var result = Load(values);

        Assert.Contains(result.Problems, p => p.Key == $"ChatOpsWatch:Telegram:Webhook:{reported}");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it 0123456789")]
    public void Load_WeakOrInvalidWebhookSecret_IsNamed(string secret)
    {
        _env[WebhookReader.DefaultSecretEnv] = secret;

        var result = Load(Webhook([]));

        Assert.Contains(result.Problems, p => p.Key == "ChatOpsWatch:Telegram:Webhook:SecretEnv");
        Assert.All(result.Problems, p => Assert.DoesNotContain(secret, p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddChatOpsWatch_LanguageAndWebhook_RegisterTheCatalogueAndTheRightReceiver(bool webhook)
    {
        _env[WebhookReader.DefaultSecretEnv] = Secret;
        var values = webhook ? Webhook([]) : [];
        values["ChatOpsWatch:Telegram:Language"] = "zh-CN";
        values["ChatOpsWatch:Storage:Path"] = Path.Combine(_dir, "data", "cow.db");
        var config = Load(values).Config!;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddChatOpsWatch(config);
        using var host = builder.Build();

        Assert.Same(TextCatalog.Chinese, host.Services.GetRequiredService<TextCatalog>());
        var hosted = host.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(webhook, hosted.OfType<TelegramWebhookServer>().Any());
        Assert.Equal(!webhook, hosted.OfType<TelegramUpdatePoller>().Any());
        foreach (var disposable in hosted.OfType<IDisposable>())
        {
            disposable.Dispose();
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string?> Webhook(Dictionary<string, string?> values)
    {
        values["ChatOpsWatch:Telegram:Webhook:Url"] = "https://bot.example.com:8443/tg/";
        values["ChatOpsWatch:Telegram:Webhook:Listen"] = "http://127.0.0.1:18443/tg/";
        return values;
    }

    private ConfigLoader.Result Load(Dictionary<string, string?> values)
    {
        values.TryAdd("ChatOpsWatch:Telegram:OpsChatId", "-100");
        values["ChatOpsWatch:Local:Enabled"] = "false";
        return ConfigLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), n => _env.GetValueOrDefault(n));
    }
}
