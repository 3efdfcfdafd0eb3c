using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.PortContracts;

/// <summary>One claim per (event id, component) across every account and period: the first delivery claims it, every later one finds
/// that claim, whatever account, start or payload it names.</summary>
public abstract class EventIdentitiesContract : PortContract<IEventIdentities>
{
    [Fact]
    public async Task TryClaimAsync_NewIdentity_ClaimsItAndFindsIt()
    {
        var claim = new IdentityClaim(Samples.Rated("acme", Samples.October, "twilio-CA1"), "m1#0");

        (await Port.TryClaimAsync(claim, default)).ShouldBeNull();

        var found = (await Port.FindAsync(new EventIdentity("twilio-CA1", UsageComponent.Telephony), default)).ShouldNotBeNull();
        Samples.Json(found).ShouldBe(Samples.Json(claim));
    }

    [Fact]
    public async Task TryClaimAsync_SameIdInAnotherAccountAndPeriod_ReturnsTheFirstClaimUnchanged()
    {
        var first = new IdentityClaim(Samples.Rated("acme", Samples.October, "e1", 0.024m), "m1#0");
        await Port.TryClaimAsync(first, default);

        var held = await Port.TryClaimAsync(new IdentityClaim(Samples.Rated("zeta", Samples.November, "e1", 9.99m), "m2#0"), default);

        Samples.Json(held.ShouldNotBeNull()).ShouldBe(Samples.Json(first));
        Samples.Json(await Port.FindAsync(first.Identity, default)).ShouldBe(Samples.Json(first));
    }

    [Fact]
    public async Task TryClaimAsync_ConcurrentDeliveries_ExactlyOneClaims()
    {
        var claims = await AllAtOnceAsync(8, i => Port.TryClaimAsync(new IdentityClaim(Samples.Rated($"acct-{i}", Samples.October, "e1"), $"m{i}#0"), default));

        claims.Count(c => c is null).ShouldBe(1);
        var winner = (await Port.FindAsync(new EventIdentity("e1", UsageComponent.Telephony), default)).ShouldNotBeNull();
        claims.Where(c => c is not null).ShouldAllBe(c => c!.Delivery == winner.Delivery);
    }

    [Fact]
    public async Task TryClaimAsync_ComponentsAndIdsThatSpellThem_AreSeparateIdentities()
    {
        var leg = new IdentityClaim(Samples.Component("acme", Samples.October, "comp-w1", UsageComponent.Telephony), null);
        var rated = Samples.Rated("acme", Samples.October, "comp-w1");
        var main = new IdentityClaim(rated with { Event = rated.Event with { Component = UsageComponent.AiVoice } }, null);
        var spelled = new IdentityClaim(Samples.Rated("acme", Samples.October, "comp-w1-telephony"), null);
        var piped = new IdentityClaim(Samples.Rated("acme", Samples.October, "comp-w1|telephony"), null);

        (await Port.TryClaimAsync(leg, default)).ShouldBeNull();
        (await Port.TryClaimAsync(main, default)).ShouldBeNull();
        (await Port.TryClaimAsync(spelled, default)).ShouldBeNull();
        (await Port.TryClaimAsync(piped, default)).ShouldBeNull();
        (await Port.TryClaimAsync(leg, default)).ShouldNotBeNull();
    }

    [Fact]
    public async Task FindAsync_NeverClaimed_IsNull() =>
        (await Port.FindAsync(new EventIdentity("nobody", UsageComponent.Telephony), default)).ShouldBeNull();

    [Fact]
    public async Task ReplaceAsync_ClaimedIdentity_MovesItToTheNewVersion()
    {
        await Port.TryClaimAsync(new IdentityClaim(Samples.Rated("acme", Samples.October, "e1", 0.024m), "m1#0"), default);
        var replacement = new IdentityClaim(Samples.Rated("zeta", Samples.November, "e1", 0.030m), "m1#0");

        await Port.ReplaceAsync(replacement, default);

        Samples.Json(await Port.FindAsync(replacement.Identity, default)).ShouldBe(Samples.Json(replacement));
    }

    [Fact]
    public async Task ReplaceAsync_NeverClaimed_ThrowsAndClaimsNothing()
    {
        var claim = new IdentityClaim(Samples.Rated("acme", Samples.October, "e1"), null);

        await Assert.ThrowsAnyAsync<Exception>(() => Port.ReplaceAsync(claim, default));

        (await Port.FindAsync(claim.Identity, default)).ShouldBeNull();
    }

    [Fact]
    public async Task TryClaimAllAsync_ManyNewIdentities_ClaimsEachAndFindsIt()
    {
        // 150 ids that hash to one bucket, and 40 spread over the rest: more than one transaction's worth in one partition.
        var ids = SameBucket(150).Concat(Enumerable.Range(0, 40).Select(i => $"spread-{i}")).ToList();
        var claims = ids.Select((id, i) => new IdentityClaim(Samples.Rated("acme", Samples.October, id), $"m1#{i}")).ToList();

        var results = await Port.TryClaimAllAsync(claims, default);

        results.Count.ShouldBe(190);
        results.ShouldAllBe(r => r == null);
        foreach (var claim in claims)
        {
            Samples.Json(await Port.FindAsync(claim.Identity, default)).ShouldBe(Samples.Json(claim));
        }
    }

    [Fact]
    public async Task TryClaimAllAsync_SomeClaimedAlready_AnswersEachAsTryClaimWouldAndKeepsTheFirstClaims()
    {
        var earlier = new[] { 3, 7 }.Select(i => new IdentityClaim(Samples.Rated("zeta", Samples.November, $"e{i}", 9.99m), $"m0#{i}")).ToList();
        foreach (var claim in earlier)
        {
            await Port.TryClaimAsync(claim, default);
        }

        var claims = Enumerable.Range(0, 10).Select(i => new IdentityClaim(Samples.Rated("acme", Samples.October, $"e{i}"), $"m1#{i}")).ToList();

        var results = await Port.TryClaimAllAsync(claims, default);

        Samples.Json(results[3].ShouldNotBeNull()).ShouldBe(Samples.Json(earlier[0]));
        Samples.Json(results[7].ShouldNotBeNull()).ShouldBe(Samples.Json(earlier[1]));
        results.Where((_, i) => i is not (3 or 7)).ShouldAllBe(r => r == null);
        for (var i = 0; i < claims.Count; i++)
        {
            var expected = i == 3 ? earlier[0] : i == 7 ? earlier[1] : claims[i];
            Samples.Json(await Port.FindAsync(claims[i].Identity, default)).ShouldBe(Samples.Json(expected));
        }
    }

    [Fact]
    public async Task TryClaimAllAsync_ManyOfOneBucketClaimedAlready_FindsEachFirstClaimAndClaimsTheRest()
    {
        // 130 ids of one bucket, every third claimed before by another delivery: more than one transaction and many more than one
        // query's worth of keys, with the first claims found and the new ones claimed by this call.
        var ids = SameBucket(130, "redrop-").ToList();
        var earlier = ids.Where((_, i) => i % 3 == 0)
            .Select(id => new IdentityClaim(Samples.Rated("zeta", Samples.November, id, 4.25m), $"m0#{id}")).ToDictionary(c => c.Identity.EventId);
        foreach (var claim in earlier.Values)
        {
            (await Port.TryClaimAsync(claim, default)).ShouldBeNull();
        }

        var claims = ids.Select((id, i) => new IdentityClaim(Samples.Rated("acme", Samples.October, id), $"m1#{i}")).ToList();

        var results = await Port.TryClaimAllAsync(claims, default);

        results.Count.ShouldBe(130);
        for (var i = 0; i < claims.Count; i++)
        {
            var first = earlier.GetValueOrDefault(ids[i]);
            (results[i] is null ? null : Samples.Json(results[i])).ShouldBe(first is null ? null : Samples.Json(first));
            Samples.Json(await Port.FindAsync(claims[i].Identity, default)).ShouldBe(Samples.Json(first ?? claims[i]));
        }
    }

    [Fact]
    public async Task TryClaimAllAsync_MessageDeliveredAgainWithNewCalls_FindsEachFirstClaimAndClaimsTheNew()
    {
        // A message of 40 calls over many buckets (several holding one call), delivered again with 6 calls more.
        var ids = Enumerable.Range(0, 40).Select(i => $"again-{i}").ToList();
        var first = ids.Select((id, i) => new IdentityClaim(Samples.Rated("acme", Samples.October, id), $"m1#{i}")).ToList();
        (await Port.TryClaimAllAsync(first, default)).ShouldAllBe(r => r == null);
        var again = ids.Concat(Enumerable.Range(0, 6).Select(i => $"again-new-{i}"))
            .Select((id, i) => new IdentityClaim(Samples.Rated("acme", Samples.October, id), $"m2#{i}")).ToList();

        var results = await Port.TryClaimAllAsync(again, default);

        results.Count.ShouldBe(46);
        for (var i = 0; i < again.Count; i++)
        {
            var expected = i < 40 ? first[i] : again[i];
            (results[i] is null ? null : Samples.Json(results[i])).ShouldBe(i < 40 ? Samples.Json(first[i]) : null);
            Samples.Json(await Port.FindAsync(again[i].Identity, default)).ShouldBe(Samples.Json(expected));
        }
    }

    [Fact]
    public async Task TryClaimAllAsync_ConcurrentDeliveriesOfOneMessage_EachIdentityClaimedByExactlyOne()
    {
        var ids = Enumerable.Range(0, 30).Select(i => $"race-{i}").ToList();

        var answers = await AllAtOnceAsync(4, d => Port.TryClaimAllAsync(
            ids.Select((id, i) => new IdentityClaim(Samples.Rated($"acct-{d}", Samples.October, id), $"m{d}#{i}")).ToList(), default));

        for (var i = 0; i < ids.Count; i++)
        {
            answers.Count(a => a[i] is null).ShouldBe(1, ids[i]);
            var winner = (await Port.FindAsync(new EventIdentity(ids[i], UsageComponent.Telephony), default)).ShouldNotBeNull();
            answers.Where(a => a[i] is not null).ShouldAllBe(a => a[i]!.Delivery == winner.Delivery);
            winner.Delivery.ShouldEndWith($"#{i}");
        }
    }

    /// <summary>Event ids whose SHA-256 starts with the same hex digit (the Table adapter's bucket).</summary>
    private static IEnumerable<string> SameBucket(int count, string prefix = "bucket-") =>
        Enumerable.Range(0, int.MaxValue).Select(i => $"{prefix}{i}")
            .Where(id => (System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))[0] >> 4) == 0)
            .Take(count);
}
