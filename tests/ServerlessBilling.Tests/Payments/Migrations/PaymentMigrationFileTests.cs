using ServerlessBilling.Payments;
using ServerlessBilling.Payments.Migrations;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tests.Payments.Migrations;

public class PaymentMigrationFileTests
{
    private const string Header = "old_customer_id,old_payment_method_id,new_customer_id,new_payment_method_id";

    [Fact]
    public void Read_WellFormedLines_AreRowsWithTheirFileLineNumbers()
    {
        var mapping = Read($"{Header}\n1501,2601,cus_Q1a,pm_Q1a\n\n1502,2602,cus_Q2b,card_Q2b\n");

        mapping.Rows.ShouldBe([new MigrationMappingRow(2, "1501", "2601", "cus_Q1a", "pm_Q1a"), new MigrationMappingRow(4, "1502", "2602", "cus_Q2b", "card_Q2b")]);
        mapping.Rejected.ShouldBeEmpty();
    }

    [Fact]
    public void Read_AliasedColumnsInAnyOrderAndCase_WithExtraColumns_AreRead()
    {
        var mapping = Read("Card_Last4,STRIPE_PAYMENT_METHOD_ID,old_payment_profile_id,stripe_customer_id,Old_Customer_Id\r\n4242, pm_X9 ,\"2601\",cus_X9,1501\r\n");

        mapping.Rows.ShouldBe([new MigrationMappingRow(2, "1501", "2601", "cus_X9", "pm_X9")]);
    }

    [Theory]
    [InlineData("1501,,cus_A,pm_A", "old_payment_method_id on line 2: is required")]
    [InlineData("1501,2601,cus_A", "new_payment_method_id on line 2: is required")]
    [InlineData("cus_A,2601,cus_B,pm_B", "old_customer_id on line 2: 'cus_A' is not an Authorize.Net customer profile id (digits)")]
    [InlineData("1501,pm_A,cus_B,pm_B", "old_payment_method_id on line 2: 'pm_A' is not an Authorize.Net payment profile id (digits)")]
    [InlineData("1501,2601,1601,pm_B", "new_customer_id on line 2: '1601' is not a Stripe customer id (cus_...)")]
    [InlineData("1501,2601,cus_B,cus_B", "new_payment_method_id on line 2: 'cus_B' is not a Stripe payment method id (pm_..., card_... or src_...)")]
    [InlineData("1501,2601,cus_B,\"pm_B", "line 2: unterminated quoted field 4")]
    public void Read_MalformedLine_IsRejectedNamingTheFieldAndLine(string line, string reason)
    {
        var mapping = Read($"{Header}\n{line}\n1502,2602,cus_C,pm_C\n");

        mapping.Rejected.Select(r => (r.Line, r.Outcome, r.Reason)).ShouldBe([(2, PaymentMigrationOutcome.Rejected, reason)]);
        mapping.Rows.Select(r => r.Line).ShouldBe([3]);
    }

    [Fact]
    public void Read_ACustomerOnTwoLines_RejectsTheSecondNamingTheFirst()
    {
        var mapping = Read($"{Header}\n1501,2601,cus_A,pm_A\n1501,2602,cus_A,pm_B\n");

        mapping.Rows.Select(r => r.Line).ShouldBe([2]);
        mapping.Rejected.Single().ShouldBe(new PaymentMigrationLine(3, PaymentMigrationOutcome.Rejected, null, "1501", "2602", "cus_A", "pm_B",
            "old_customer_id on line 3: customer '1501' is already on line 2"));
    }

    [Fact]
    public void Read_StripeToAuthorizeNet_ChecksEachSideAgainstItsOwnGateway()
    {
        var mapping = Read($"{Header}\ncus_A,pm_A,1501,2601\n1502,2602,cus_B,pm_B\n", PaymentGatewayNames.Stripe, PaymentGatewayNames.AuthorizeNet);

        mapping.Rows.ShouldBe([new MigrationMappingRow(2, "cus_A", "pm_A", "1501", "2601")]);
        mapping.Rejected.Single().Reason.ShouldBe("old_customer_id on line 3: '1502' is not a Stripe customer id (cus_...)");
    }

    [Fact]
    public void Read_HeaderWithoutAColumn_IsInvalidNamingIt()
    {
        var read = PaymentMigrationFile.Read(new StringReader("old_customer_id,new_customer_id\n1501,cus_A\n"), PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe);

        read.Problem!.Fields.ShouldBe([
            new RecordProblem("header", "has no column 'old_payment_method_id'"),
            new RecordProblem("header", "has no column 'new_payment_method_id'")]);
    }

    [Fact]
    public void Read_EmptyFile_IsInvalidNamingTheHeader()
    {
        var read = PaymentMigrationFile.Read(new StringReader("\n"), PaymentGatewayNames.AuthorizeNet, PaymentGatewayNames.Stripe);

        read.Problem!.Fields.ShouldBe([new RecordProblem("header", "the file is empty; the first line names the columns")]);
    }

    private static MigrationMapping Read(string csv, string from = PaymentGatewayNames.AuthorizeNet, string to = PaymentGatewayNames.Stripe) =>
        PaymentMigrationFile.Read(new StringReader(csv), from, to).Value;
}
