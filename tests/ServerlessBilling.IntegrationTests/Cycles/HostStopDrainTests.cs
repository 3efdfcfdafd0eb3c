using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Telemetry;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>Stopping the local host while a close's activity runs: the engine stops handing out work, the worker finishes the
/// activity (its token never cancelled), and only then stops, so the stop writes no warning and no error, the Durable Task
/// SDK's included.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostStopDrainTests
{
    private static readonly PricePlan Plan = new("drain-plan", "Drain", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task Stop_WithAnActivityInFlight_LetsItFinish_AndWritesNoWarningOrError()
    {
        var logs = new CapturedLogs();
        var held = new HeldNumbers();
        var host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("drain"), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            held.Wrap(services);
        });
        var engine = host.Host.Services.GetRequiredService<EngineLifecycle>();
        var account = new Account(CloseDriver.UniqueId("drain"), "Drained Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await host.Driver.SeedAsync(Plan, account);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var period = BillingPeriod.Containing(BillingPeriod.Containing(today, 1).Start.PlusDays(-1), 1);
        await host.Api.StartCloseAsync(new CycleRequest(account.Id, period.Key), CancellationToken.None);

        await held.Entered; // the close's CloseInvoice activity is numbering
        var before = logs.Records.Count;
        var stop = host.DisposeAsync().AsTask();
        await engine.Draining;
        held.Release();
        await stop;

        (held.Finished, held.Cancelled).ShouldBe((true, false));
        var drain = engine.LastDrain.ShouldNotBeNull();
        drain.Drained.ShouldBeTrue();
        drain.InFlight.ShouldBeGreaterThanOrEqualTo(1);
        // What the stop wrote, at warning or above. The tax tables' check warns about the shared storage's stale tables
        // whenever it happens to run, which has nothing to do with stopping.
        logs.Records.Skip(before)
            .Where(r => !r.StartsWith("Information ", StringComparison.Ordinal) && !r.StartsWith("Debug ", StringComparison.Ordinal) && !r.StartsWith("Trace ", StringComparison.Ordinal))
            .Where(r => !r.Contains(" ServerlessBilling.Functions.Tax.TaxFreshnessLog: ", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    /// <summary>Holds the invoice number step until the test releases it, noting whether it finished or was cancelled.</summary>
    private sealed class HeldNumbers
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => entered.Task;

        public bool Finished { get; private set; }

        public bool Cancelled { get; private set; }

        public void Release() => release.TrySetResult();

        public void Wrap(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IInvoiceNumbers));
            services.AddSingleton<IInvoiceNumbers>(provider => new Numbers(
                this,
                (IInvoiceNumbers)(original.ImplementationInstance
                    ?? original.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
        }

        private sealed class Numbers(HeldNumbers held, IInvoiceNumbers inner) : IInvoiceNumbers
        {
            public async Task<string> AssignAsync(string invoiceId, CancellationToken cancellationToken)
            {
                held.entered.TrySetResult();
                try
                {
                    await held.release.Task.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    held.Cancelled = true;
                    throw;
                }

                var number = await inner.AssignAsync(invoiceId, cancellationToken);
                held.Finished = true;
                return number;
            }
        }
    }
}
