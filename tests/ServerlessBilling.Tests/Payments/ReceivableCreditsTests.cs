using NodaTime;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;

namespace ServerlessBilling.Tests.Payments;

/// <summary>A credit note lowers the balance due of the invoice it credits; what exceeds the balance is carried forward.</summary>
public class ReceivableCreditsTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 20, 12, 0);

    private static Money Usd(decimal amount) => new(amount, "USD");

    private static Receivable Open(decimal total) => new("inv-1", "acme", "INV-000001", "USD", Usd(total), At, []);

    private static CreditNote Note(decimal amount, string key = "k1") =>
        new(CreditNote.IdFor("inv-1", key), "CN-000001", "acme", "Acme", "inv-1", "INV-000001", "USD", "Dropped calls",
            [new CreditNoteLine("Credit", Usd(amount))], new LocalDate(2026, 11, 20), key);

    private static Receivable Paid(Receivable r, decimal amount)
    {
        var paid = r.With(new PaymentEntry("offline:p", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, Usd(amount), At));
        return paid.BalanceDue.Amount <= 0m ? paid with { Status = ReceivableStatus.Paid } : paid;
    }

    [Fact]
    public void Apply_NoteBelowTheBalance_LowersItAndStaysOpen()
    {
        var credited = ReceivableCredits.Apply(Open(10m), Note(1m), At);

        (credited.BalanceDue, credited.Chargeable, credited.Status).ShouldBe((Usd(9m), Usd(9m), ReceivableStatus.Open));
        credited.Entries.Single().ShouldBe(new PaymentEntry(ReceivableCredits.EntryId(Note(1m).Id), PaymentEntryKind.CreditNote,
            PaymentEntryStatus.Succeeded, Usd(1m), At, "CN-000001", Detail: "Dropped calls"));
        ReceivableCredits.CarriedForward(credited, Note(1m)).ShouldBe(Usd(0m));
    }

    [Fact]
    public void Apply_NoteEqualToTheBalance_SettlesTheInvoiceWithNothingCarried()
    {
        var credited = ReceivableCredits.Apply(Open(10m), Note(10m), At);

        (credited.BalanceDue, credited.Status, credited.Entries.Count).ShouldBe((Usd(0m), ReceivableStatus.Paid, 1));
        ReceivableCredits.CarriedForward(credited, Note(10m)).ShouldBe(Usd(0m));
    }

    [Fact]
    public void Apply_NoteOverTheBalance_CarriesTheRestForward()
    {
        var credited = ReceivableCredits.Apply(Paid(Open(10m), 6m), Note(5m), At);

        (credited.BalanceDue, credited.Paid, credited.Status).ShouldBe((Usd(0m), Usd(10m), ReceivableStatus.Paid));
        ReceivableCredits.CarriedForward(credited, Note(5m)).ShouldBe(Usd(1m));
    }

    [Fact]
    public void Apply_OnAPaidInvoice_CarriesTheWholeNoteForward()
    {
        var credited = ReceivableCredits.Apply(Paid(Open(10m), 10m), Note(2.5m), At);

        (credited.BalanceDue, credited.Paid, credited.Status).ShouldBe((Usd(0m), Usd(10m), ReceivableStatus.Paid));
        ReceivableCredits.CarriedForward(credited, Note(2.5m)).ShouldBe(Usd(2.5m));
        credited.Entries.Select(e => (e.Kind, e.Amount)).ShouldBe(
            [(PaymentEntryKind.Offline, Usd(10m)), (PaymentEntryKind.CreditNote, Usd(2.5m)), (PaymentEntryKind.CreditedForward, Usd(2.5m))]);
    }

    [Fact]
    public void Apply_TheSameNoteTwice_CountsItOnce()
    {
        var once = ReceivableCredits.Apply(Paid(Open(10m), 6m), Note(5m), At);
        var twice = ReceivableCredits.Apply(once, Note(5m), At + Duration.FromMinutes(1));

        twice.ShouldBeSameAs(once);
        ReceivableCredits.CarriedForward(twice, Note(5m)).ShouldBe(Usd(1m));
    }

    [Fact]
    public void Apply_TwoNotes_EachLowersTheBalance()
    {
        var credited = ReceivableCredits.Apply(ReceivableCredits.Apply(Open(10m), Note(3m, "a"), At), Note(4m, "b"), At);

        (credited.BalanceDue, credited.Status).ShouldBe((Usd(3m), ReceivableStatus.Open));
    }
}
