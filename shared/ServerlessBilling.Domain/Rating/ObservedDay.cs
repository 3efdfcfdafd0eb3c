namespace ServerlessBilling.Rating;

/// <summary>Which day a time band's yearly date (<see cref="TimeBand.Dates"/>) is kept on when it falls on a weekend.</summary>
public enum ObservedDay
{
    /// <summary>On the date itself, whatever day of the week it is.</summary>
    Actual,

    /// <summary>A Saturday date is kept on the Friday before, a Sunday date on the Monday after (and not on the weekend day),
    /// as public holidays are observed in the United States; across a year end too (1 January on a Saturday is kept on 31 December).</summary>
    NearestWeekday,
}
