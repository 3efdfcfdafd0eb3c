using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>The host's "now" for both clocks it reads (NodaTime's <see cref="IClock"/> and <see cref="TimeProvider"/>), set by
/// the test: an open period can be previewed, then closed once the test moves past its end. Timers stay the system's.</summary>
internal sealed class SettableClock(Instant now) : TimeProvider, IClock
{
    private long ticks = now.ToUnixTimeTicks();

    public Instant Now
    {
        get => Instant.FromUnixTimeTicks(Interlocked.Read(ref ticks));
        set => Interlocked.Exchange(ref ticks, value.ToUnixTimeTicks());
    }

    public Instant GetCurrentInstant() => Now;

    public override DateTimeOffset GetUtcNow() => Now.ToDateTimeOffset();

    /// <summary>Replaces the host's clocks with this one (registered after the app's own, so these win).</summary>
    public void Replace(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(this);
        services.AddSingleton<IClock>(this);
    }
}
