using NodaTime;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Twilio;

namespace ServerlessBilling.Tests.Usage;

public class TwilioStatusCallbackTests
{
    private static Dictionary<string, string> Completed() => new()
    {
        ["CallSid"] = "CAfedcba9876543210fedcba9876543210",
        ["CallStatus"] = "completed",
        ["CallDuration"] = "83",
        ["Duration"] = "2",
        ["Direction"] = "outbound-api",
        ["From"] = "+14155550100",
        ["To"] = "+12125550199",
        ["Timestamp"] = "Tue, 14 Nov 2023 22:15:42 +0000",
        ["SequenceNumber"] = "3",
    };

    [Fact]
    public void Parse_Completed_IsAnAnsweredCallStartingCallDurationBeforeTheTimestamp()
    {
        var usage = TwilioStatusCallback.Parse(Completed(), PhoneRegion.Default).Value!;
        usage.EventId.ShouldBe("twilio-CAfedcba9876543210fedcba9876543210");
        usage.DurationSeconds.ShouldBe(83);
        usage.StartedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 14, 19));
        usage.EndedAt.ShouldBe(Instant.FromUtc(2023, 11, 14, 22, 15, 42));
        usage.AnsweredAt.ShouldBeNull(); // the callback does not say when the call was answered
        usage.Direction.ShouldBe(CallDirection.Outbound);
        usage.CustomerNumber.ShouldBe("+14155550100");
        usage.Answered.ShouldBeTrue();
    }

    [Fact]
    public void Parse_AccountSid_IsRecordedAsTheVendorAccount_AndNoneWithout()
    {
        var form = Completed();
        form["AccountSid"] = "AC0123456789abcdef0123456789abcdef";

        var withAccount = TwilioStatusCallback.Parse(form, PhoneRegion.Default).Value!;
        var without = TwilioStatusCallback.Parse(Completed(), PhoneRegion.Default).Value!;

        withAccount.VendorAccount.ShouldBe("AC0123456789abcdef0123456789abcdef");
        withAccount.Attributes.ShouldBe(new Dictionary<string, string> { [UsageEvent.VendorAccountAttribute] = "AC0123456789abcdef0123456789abcdef" });
        (without.VendorAccount, without.Attributes).ShouldBe((null, null));
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("no-answer")]
    [InlineData("failed")]
    [InlineData("canceled")]
    public void Parse_NeverConnected_IsAnUnansweredZeroSecondEvent(string status)
    {
        var form = Completed();
        form["CallStatus"] = status;
        form.Remove("CallDuration");
        var usage = TwilioStatusCallback.Parse(form, PhoneRegion.Default).Value!;
        usage.Answered.ShouldBeFalse();
        usage.DurationSeconds.ShouldBe(0);
    }

    [Theory]
    [InlineData("ringing")]
    [InlineData("in-progress")]
    [InlineData("initiated")]
    public void Parse_ProgressStatus_IsNotBillable(string status)
    {
        var form = Completed();
        form["CallStatus"] = status;
        var result = TwilioStatusCallback.Parse(form, PhoneRegion.Default);
        result.Succeeded.ShouldBeTrue();
        result.Value.ShouldBeNull();
    }

    [Theory]
    [InlineData("CallSid", null, "CallSid")]
    [InlineData("CallDuration", "eighty", "CallDuration")]
    [InlineData("CallDuration", "-5", "CallDuration")]
    [InlineData("Timestamp", "yesterday", "Timestamp")]
    [InlineData("Direction", "sideways", "Direction")]
    [InlineData("CallStatus", "exploded", "CallStatus")]
    [InlineData("To", null, "To")]
    public void Parse_BadField_NamesIt(string field, string? value, string expectedField)
    {
        var form = Completed();
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        TwilioStatusCallback.Parse(form, PhoneRegion.Default).Problem!.Fields[0].Field.ShouldBe(expectedField);
    }
}
