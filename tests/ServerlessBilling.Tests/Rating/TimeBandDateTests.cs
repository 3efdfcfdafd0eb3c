using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Rating;

/// <summary>Time bands on yearly dates (public holidays), as they fall or as observed on the nearest weekday.</summary>
public class TimeBandDateTests
{
    private static readonly AnnualDate[] Holidays = [new(1, 1), new(7, 4), new(12, 25)];

    private static TimeBand Holiday(ObservedDay observed) =>
        new("holiday", [], LocalTime.Midnight, LocalTime.Midnight) { Dates = Holidays, Observed = observed };

    private static LocalDateTime At(string text) => LocalDateTimePattern.GeneralIso.Parse(text).GetValueOrThrow();

    [Theory]
    [InlineData(ObservedDay.Actual, "2026-12-25T12:00:00", true)]          // Friday
    [InlineData(ObservedDay.Actual, "2026-07-04T00:00:00", true)]          // Saturday, as it falls
    [InlineData(ObservedDay.Actual, "2026-07-03T23:59:59", false)]
    [InlineData(ObservedDay.Actual, "2027-12-25T08:00:00", true)]          // the next year too
    [InlineData(ObservedDay.Actual, "2026-12-26T00:00:00", false)]
    [InlineData(ObservedDay.NearestWeekday, "2026-12-25T12:00:00", true)]  // a weekday is kept as it falls
    [InlineData(ObservedDay.NearestWeekday, "2026-07-04T12:00:00", false)] // Saturday: kept on the Friday before
    [InlineData(ObservedDay.NearestWeekday, "2026-07-03T00:00:00", true)]
    [InlineData(ObservedDay.NearestWeekday, "2027-07-04T12:00:00", false)] // Sunday: kept on the Monday after
    [InlineData(ObservedDay.NearestWeekday, "2027-07-05T23:59:59", true)]
    [InlineData(ObservedDay.NearestWeekday, "2027-12-31T09:00:00", true)]  // 1 January 2028 is a Saturday
    [InlineData(ObservedDay.NearestWeekday, "2028-01-01T09:00:00", false)]
    [InlineData(ObservedDay.NearestWeekday, "2027-12-24T09:00:00", true)]  // 25 December 2027 is a Saturday
    public void Contains_YearlyDates_AsTheyFallOrAsObserved(ObservedDay observed, string local, bool expected) =>
        Holiday(observed).Contains(At(local)).ShouldBe(expected);

    [Theory]
    [InlineData("2028-02-29T12:00:00", true)]
    [InlineData("2027-02-28T12:00:00", false)] // no 29 February in 2027: the date is skipped, not moved
    [InlineData("2027-03-01T12:00:00", false)]
    public void Contains_LeapDay_OnlyInLeapYears(string local, bool expected) =>
        new TimeBand("leap", [], LocalTime.Midnight, LocalTime.Midnight) { Dates = [new AnnualDate(2, 29)] }.Contains(At(local)).ShouldBe(expected);

    [Theory]
    [InlineData("2026-12-25T20:00:00", true)]
    [InlineData("2026-12-26T05:59:59", true)]  // the morning part belongs to the evening it started on
    [InlineData("2026-12-26T06:00:00", false)]
    [InlineData("2026-12-25T05:00:00", false)] // the 24th's evening, not a holiday
    [InlineData("2026-12-21T20:00:00", true)]  // a listed day of the week still counts
    public void Contains_OverMidnightWindow_OnADateOrADay(string local, bool expected) =>
        new TimeBand("evening", [IsoDayOfWeek.Monday], new LocalTime(18, 0), new LocalTime(6, 0)) { Dates = [new AnnualDate(12, 25)] }
            .Contains(At(local)).ShouldBe(expected);

    // Holiday calls free, others 0.06/min at 1/1; a 120 s call from 23:59 on 24 December (New York) split at midnight costs 0.06.
    [Theory]
    [InlineData(BandCrossing.Split, 2026, 12, 24, 23, 59, "0.06")]
    [InlineData(BandCrossing.StartBand, 2026, 12, 24, 23, 59, "0.12")]
    [InlineData(BandCrossing.StartBand, 2026, 12, 25, 10, 0, "0")]
    [InlineData(BandCrossing.StartBand, 2027, 7, 5, 10, 0, "0")]     // 4 July 2027 observed on Monday 5 July
    [InlineData(BandCrossing.StartBand, 2027, 7, 4, 10, 0, "0.12")]
    public void Rate_HolidayBand_PricesTheDateEveryYear(BandCrossing crossing, int year, int month, int day, int hour, int minute, string amount)
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var version = new PlanVersion(new LocalDate(2026, 1, 1), 0m, 0m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0m, BillingIncrement.PerSecond, Band: "holiday"),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.06m, BillingIncrement.PerSecond),
        ], new PerCallRounding(6)) { TimeBands = [Holiday(ObservedDay.NearestWeekday)], BandCrossing = crossing };
        var start = new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(zone).ToInstant();
        var call = new UsageEvent("e", "test", "e", start, 120, CallDirection.Outbound, "+12125550100", "+14155550100", UsageComponent.Telephony, true);

        Rater.Rate(call, new PricePlan("h", "Holidays", "USD", [version]), zone).Value.Amount.Amount.ShouldBe(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_HolidayBand_ReadsMonthDayDatesAndTheObservedRule()
    {
        const string json = """{"name":"holiday","days":[],"from":"00:00","to":"00:00","dates":["12-25","07-04"],"observed":"NearestWeekday"}""";

        var band = JsonSerializer.Deserialize<TimeBand>(json, BillingJson.Options)!;

        (band.Dates!.SequenceEqual([new AnnualDate(12, 25), new AnnualDate(7, 4)]), band.Observed).ShouldBe((true, ObservedDay.NearestWeekday));
        JsonSerializer.Serialize(band, BillingJson.Options).ShouldContain("\"dates\":[\"12-25\",\"07-04\"]");
    }
}
