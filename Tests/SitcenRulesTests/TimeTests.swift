import Testing
import SitcenDomain
@testable import SitcenRules

@Suite("Time: flatline, spike, realert, escalation")
struct TimeTests {
    @Test func flatlineFiresAfterExpectEveryAndResolvesItself() throws {
        var e = try engine("name: silent\ntype: flatline\nseverity: high\nfilter: {sector: TJ-SOUTH}\nexpect_every: 6h\ndescription: \"{post} ({sector}) silent\"\n")
        var f = Feed()
        #expect(e.run([f.report("TJ-PNP", .sitrep, at: t0), f.report("KZ-KHR", .sitrep, at: t0 + hour)]).isEmpty)
        #expect(e.advance(to: at(t0 + 6 * hour)).isEmpty)          // exactly expect_every: not longer
        let fired = e.advance(to: at(t0 + 6 * hour + 1))
        #expect(fired.kinds == [.opened])
        #expect(fired[0].at == at(t0 + 6 * hour))
        #expect(fired[0].fingerprint == "silent{post=\"TJ-PNP\"}")
        #expect(fired[0].alert!.description == "TJ-PNP (TJ-SOUTH) silent")
        #expect(e.advance(to: at(t0 + 20 * hour)).isEmpty)          // one alert per silence
        let back = e.run([f.report("TJ-PNP", .sitrep, at: t0 + 21 * hour)])
        #expect(back.kinds == [.resolved])
        #expect(back[0].at == at(t0 + 21 * hour) && back[0].by == nil)
        #expect(e.alerts.open.isEmpty)
        #expect(e.advance(to: at(t0 + 27 * hour + 1)).kinds == [.opened])   // silent again
    }

    @Test func flatlineWatchesPostsThatNeverReported() throws {
        var e = try engine("name: silent\ntype: flatline\nseverity: high\nexpect_every: 1h\n")
        var f = Feed()
        _ = e.run([f.report("KZ-KHR", .sitrep, at: t0), f.report("KZ-DOS", .sitrep, at: t0 + 30 * minute)])
        let ev = e.advance(to: at(t0 + 2 * hour))
        // TJ-ISH and TJ-PNP silent since the engine started (t0), KZ-KHR since t0, KZ-DOS since t0+30m.
        #expect(ev.map(\.fingerprint) == ["silent{post=\"KZ-KHR\"}", "silent{post=\"TJ-ISH\"}", "silent{post=\"TJ-PNP\"}", "silent{post=\"KZ-DOS\"}"])
        #expect(ev.map(\.at) == [at(t0 + hour), at(t0 + hour), at(t0 + hour), at(t0 + 90 * minute)])
    }

    @Test func dryRunSeesSilenceBetweenReports() throws {
        let r = try rules("name: silent\ntype: flatline\nseverity: high\nfilter: {post: KZ-KHR}\nexpect_every: 1h\n")
        var f = Feed()
        let ev = RuleEngine.dryRun(r, reports: [f.report("KZ-KHR", .sitrep, at: t0), f.report("KZ-KHR", .sitrep, at: t0 + 3 * hour)], registry: testRegistry)
        #expect(ev.kinds == [.opened, .resolved])
        #expect(ev.map(\.at) == [at(t0 + hour), at(t0 + 3 * hour)])
    }

    @Test func spikeUp() throws {
        var e = try engine("""
        name: s
        type: spike
        severity: medium
        query_key: sector
        timeframe: 1h
        spike_height: 3
        spike_type: up
        threshold_ref: 2
        """)
        var f = Feed()
        let m = minute
        #expect(e.run([f.report(at: t0 + 30 * m), f.report("KZ-DOS", at: t0 + 40 * m)]).isEmpty)
        #expect(e.run([105, 110, 115, 120, 125].map { f.report(at: t0 + $0 * m) }).isEmpty)   // 5 vs 2: not 3x
        let ev = e.run([f.report(at: t0 + 130 * m)])                                           // 6 vs 2
        #expect(ev.kinds == [.opened])
        #expect(ev[0].fingerprint == "s{sector=\"KZ-EAST\"}")
        #expect(e.run([f.report("TJ-PNP", at: t0 + 131 * m)]).isEmpty)    // another sector, no reference
    }

    @Test func spikeUpNeedsItsThresholds() throws {
        var e = try engine("name: s\ntype: spike\nseverity: low\ntimeframe: 1h\nspike_height: 2\nspike_type: up\nthreshold_cur: 5\n")
        var f = Feed()
        // 1 in the reference hour, 4 in the current one: 4x, but below threshold_cur.
        #expect(e.run([f.report(at: t0)] + (1...4).map { f.report(at: t0 + hour + Int64($0) * minute) }).isEmpty)
        #expect(e.run([f.report(at: t0 + hour + 5 * minute)]).kinds == [.opened])
    }

    @Test func spikeDownFiresWhenTheCountDrops() throws {
        var e = try engine("""
        name: d
        type: spike
        severity: medium
        timeframe: 1h
        spike_height: 2
        spike_type: down
        threshold_ref: 4
        """)
        var f = Feed()
        let m = minute
        let reports = [10, 15, 20, 25, 30, 35, 70, 80].map { f.report(at: t0 + Int64($0) * m) }
        #expect(e.run(reports).isEmpty)
        #expect(e.advance(to: at(t0 + 95 * m - 1)).isEmpty)      // 3 vs 5 at 1:30
        let ev = e.advance(to: at(t0 + 95 * m))                   // 2 vs 6 at 1:35
        #expect(ev.kinds == [.opened])
        #expect(ev[0].at == at(t0 + 95 * m) && ev[0].report == nil)
        #expect(e.advance(to: at(t0 + 10 * hour)).isEmpty)        // one drop, one alert
    }

    @Test func realertKeepsAFingerprintQuietAfterResolve() throws {
        var e = try engine("name: a\ntype: any\nseverity: low\nrealert: 1h\n")
        var f = Feed()
        let opened = e.run([f.report(at: t0)])
        let id = opened[0].alertID
        let closed = e.resolve(alert: id, by: "duty", at: at(t0 + minute))
        #expect(closed.kinds == [.resolved] && closed[0].by == "duty")
        #expect(e.run([f.report(at: t0 + 30 * minute)]).isEmpty)
        #expect(e.run([f.report(at: t0 + minute + hour - 1)]).isEmpty)
        let again = e.run([f.report(at: t0 + minute + hour)])
        #expect(again.kinds == [.opened] && again[0].alertID != id)
    }

    @Test func escalateAfterUnlessAcknowledged() throws {
        var e = try engine("name: h\ntype: threshold\nseverity: high\nvalue: quantity_kg\ngte: 50\ngroup_by: [post]\nescalate_after: 10m\n")
        var f = Feed()
        let a = e.run([f.report("KZ-KHR", at: t0, quantity: 60)])[0].alertID
        let b = e.run([f.report("KZ-DOS", at: t0 + minute, quantity: 60)])[0].alertID
        #expect(e.acknowledge(alert: b, by: "duty", at: at(t0 + 5 * minute)).kinds == [.acknowledged])
        #expect(e.advance(to: at(t0 + 10 * minute - 1)).isEmpty)
        let ev = e.advance(to: at(t0 + 10 * minute))
        #expect(ev.kinds == [.escalated] && ev[0].alertID == a)
        #expect(ev[0].alert!.severity == .critical && ev[0].alert!.escalated && ev[0].alert!.label("severity") == "critical")
        #expect(e.advance(to: at(t0 + 5 * hour)).isEmpty)           // once
        #expect(e.alerts.alert(id: b)?.severity == .high)
    }
}

@Suite("Silences")
struct SilenceTests {
    let yaml = "name: h\ntype: any\nseverity: high\ngroup_by: [post]\nescalate_after: 10m\nlabels: {team: duty}\n"

    @Test func matchersParseAndMatch() {
        let labels = ["rule": "heroin-large", "post": "KZ-KHR", "severity": "critical"]
        #expect(SilenceMatcher.parse("post=KZ-KHR")?.matches(labels) == true)
        #expect(SilenceMatcher.parse("post = \"KZ-KHR\"")?.matches(labels) == true)
        #expect(SilenceMatcher.parse("rule=~heroin-.*")?.matches(labels) == true)
        #expect(SilenceMatcher.parse("rule=~heroin")?.matches(labels) == false)      // whole match
        #expect(SilenceMatcher.parse("severity!=info")?.matches(labels) == true)
        #expect(SilenceMatcher.parse("post!~KZ-.*")?.matches(labels) == false)
        #expect(SilenceMatcher.parse("sector=")?.matches(labels) == true)           // absent = empty
        #expect(SilenceMatcher.parse("rule=~(") == nil)
        #expect(SilenceMatcher.parse("no operator") == nil)
    }

    @Test func silencedAlertsAreRecordedNotEscalatedAndComeBackWhenTheSilenceEnds() throws {
        var e = try engine(yaml)
        var f = Feed()
        let s = Silence(id: "s1", matchers: [SilenceMatcher("post", .equal, "KZ-KHR"), SilenceMatcher("team", .regex, "du.*")],
                        startsAt: at(t0), endsAt: at(t0 + hour), author: "duty", comment: "road works")
        #expect(e.silence(s, at: at(t0)).isEmpty)
        let ev = e.run([f.report("KZ-KHR", at: t0 + minute), f.report("KZ-DOS", at: t0 + minute)])
        #expect(ev.map(\.silenced) == [true, false])
        #expect(ev[0].alert!.silencedBy == "s1")
        // Only the unsilenced one escalates.
        #expect(e.advance(to: at(t0 + 30 * minute)).map { $0.alert!.label("post") } == ["KZ-DOS"])
        // The silence ends: the alert is shown again, and escalates from then on.
        let end = e.advance(to: at(t0 + hour))
        #expect(end.kinds == [.unsilenced, .escalated])
        #expect(end.allSatisfy { $0.at == at(t0 + hour) && $0.alert!.label("post") == "KZ-KHR" })
    }

    @Test func expiringASilenceEarlyAndSilencingOpenAlerts() throws {
        var e = try engine(yaml)
        var f = Feed()
        _ = e.run([f.report("KZ-KHR", at: t0)])
        let s = Silence(id: "s2", matchers: [SilenceMatcher("rule", .equal, "h")], startsAt: at(t0), endsAt: at(t0 + 24 * hour), author: "a", comment: "c")
        #expect(e.silence(s, at: at(t0 + minute)).kinds == [.silenced])
        #expect(e.advance(to: at(t0 + 5 * hour)).isEmpty)
        let ev = e.expireSilence(id: "s2", at: at(t0 + 6 * hour))
        #expect(ev.kinds == [.unsilenced, .escalated])
        #expect(e.advance(to: at(t0 + 30 * hour)).isEmpty)
    }

    @Test func silenceInTheFutureStartsOnTime() throws {
        var e = try engine(yaml)
        var f = Feed()
        let s = Silence(id: "s3", matchers: [SilenceMatcher("post", .equal, "KZ-KHR")], startsAt: at(t0 + hour), endsAt: at(t0 + 2 * hour), author: "a", comment: "c")
        _ = e.silence(s, at: at(t0))
        #expect(e.run([f.report(at: t0 + 59 * minute)]).map(\.silenced) == [false])
        #expect(e.run([f.report(at: t0 + 61 * minute)]).map(\.kind) == [.silenced, .updated])
        var set = SilenceSet([s])
        set.prune(endedBefore: at(t0 + 3 * hour))
        #expect(set.silences.isEmpty)
    }
}

@Suite("Clock")
struct ClockTests {
    @Test func aReportFromTheFutureDoesNotMoveNowFarAhead() throws {
        var e = try engine("name: silent\ntype: flatline\nseverity: high\nexpect_every: 1h\n")
        var f = Feed()
        _ = e.process(f.report("KZ-KHR", .sitrep, at: t0))
        var wrong = f.report("KZ-DOS", .sitrep, at: t0 + 48 * hour)
        wrong.receivedAt = at(t0 + minute)
        #expect(e.process(wrong).isEmpty)                      // nobody is silent yet
        #expect(e.now == at(t0 + minute + RuleEngine.maxClockSkew * 1000))
    }
}
