import Foundation
import Testing
import SitcenDomain
@testable import SitcenRules

@Suite("Rule files")
struct LoaderTests {
    @Test func shippedRulesLoad() throws {
        let rules = try RuleLoader.load(folder: packageRoot.appendingPathComponent("SampleData/rules").path)
        #expect(rules.count == 9)
        // The outage mutes its sector's silent posts: the silent-post alerts carry the sector.
        #expect(rules.first { $0.name == "comms-outage" }?.inhibits?.first?.equal == ["sector"])
        #expect(rules.first { $0.name == "silent-post" }?.effectiveGroupBy == ["post", "sector"])
        let types = Set(rules.map(\.typeName))
        #expect(types == ["new_term", "threshold", "frequency", "flatline", "spike", "cardinality", "any"])
        #expect(rules.first { $0.name == "heroin-large" }?.escalateAfter == 600)
        #expect(rules.first { $0.name == "busy-crossing" }?.source == "rules/busy-crossing.yaml:3")
    }

    @Test func errorNamesFileLineColumnAndKey() {
        let yaml = """
        rules:
          - name: ok-rule
            type: any
            severity: low
          - name: heroin
            type: threshold
            severity: high
            value: quantity_kg
            gte: lots
        """
        let e = errors(yaml, file: "rules/heroin.yaml")
        #expect(e.map(\.description) == ["rules/heroin.yaml:9:10: rules[1].gte: must be a number"])
    }

    @Test func everyErrorIsReported() {
        let yaml = """
        name: Bad_Name
        type: frequency
        severity: urgent
        num_event: 3
        timeframe: soon
        filter:
          typ: seizure
          post: {regex: "KZ-("}
          quantity: {gte: many}
          category: opiate
        """
        let e = errors(yaml)
        let text = e.map(\.description)
        #expect(text.contains("test.yaml:1:7: name: must be lower-case letters, digits and hyphens ([a-z0-9-]+), e.g. heroin-large"))
        #expect(text.contains("test.yaml:3:11: severity: must be one of info, low, medium, high, critical"))
        #expect(text.contains("test.yaml:4:1: num_event: unknown key (did you mean `num_events`?)"))
        #expect(text.contains("test.yaml:1:1: num_events: missing; type frequency needs it"))
        #expect(text.contains("test.yaml:5:12: timeframe: must be a duration such as 90s, 15m, 6h or 7d"))
        #expect(text.contains("test.yaml:7:3: filter.typ: `typ` is not a field (did you mean `type`?)"))
        #expect(text.contains("test.yaml:8:17: filter.post.regex: not a valid regular expression"))
        #expect(text.contains("test.yaml:9:19: filter.quantity.gte: must be a number"))
        #expect(text.contains { $0.hasPrefix("test.yaml:10:13: filter.category: `opiate` is not a category") && $0.hasSuffix("(did you mean `opiates`?)") })
        #expect(e.count == 9)
    }

    @Test func keyOfAnotherType() {
        let e = errors("name: a\ntype: threshold\nseverity: low\nvalue: quantity\ngte: 1\nnum_events: 3\n")
        #expect(e.map(\.description) == ["test.yaml:6:1: num_events: does not apply to type threshold (it is a key of frequency)"])
    }

    @Test func requiredKeysPerType() {
        for (type, missing) in [("frequency", ["num_events", "timeframe"]), ("spike", ["spike_height", "spike_type", "timeframe"]),
                                ("flatline", ["expect_every"]), ("new_term", ["field"]),
                                ("cardinality", ["field", "max_cardinality", "timeframe"]),
                                ("threshold", ["value", "gte"]), ("proximity", ["within_km"])] {
            let e = errors("name: a\ntype: \(type)\nseverity: low\n")
            #expect(e.map(\.key) == missing, "\(type)")
        }
        #expect(errors("name: a\ntype: any\nseverity: low\n").isEmpty)
        #expect(errors("type: any\n").map(\.key) == ["name", "severity"])
    }

    @Test func namesAreUniqueAcrossFiles() {
        let a = "name: dup\ntype: any\nseverity: low\n"
        let b = "# another\nname: dup\ntype: any\nseverity: info\n"
        #expect(throws: RuleLoadError.self) { try RuleLoader.load(texts: [(a, "rules/a.yaml"), (b, "rules/b.yaml")]) }
        do { _ = try RuleLoader.load(texts: [(a, "rules/a.yaml"), (b, "rules/b.yaml")]) } catch {
            #expect(error.errors.map(\.description) == ["rules/b.yaml:2:1: name: `dup` is already the name of the rule at rules/a.yaml:1; names must be unique"])
        }
    }

    @Test func valuesAreChecked() {
        let yaml = """
        name: p
        type: proximity
        severity: low
        within_km: -3
        of: [[95, 10], [40, 70]]
        not: maybe
        description: "near {pots}"
        group_by: [post, team, colour]
        labels: {team: a, rule: x}
        realert: 5 minutes
        """
        let text = errors(yaml).map(\.description)
        #expect(text.contains("test.yaml:4:12: within_km: must be greater than 0"))
        #expect(text.contains("test.yaml:5:6: of[0]: lat must be within −90..90 and lon within −180..180"))
        #expect(text.contains("test.yaml:6:6: not: must be true or false"))
        #expect(text.contains("test.yaml:7:14: description: `{pots}` is not a field (did you mean `{post}`?)"))
        #expect(text.contains { $0.hasPrefix("test.yaml:8:24: group_by[2]: `colour` is neither a field nor one of the rule's labels") })
        #expect(text.contains("test.yaml:9:19: labels.rule: `rule` is a label sitcen sets itself"))
        #expect(text.contains("test.yaml:10:10: realert: must be a duration such as 90s, 15m, 6h or 7d"))
    }

    @Test func yamlSyntaxErrorHasAPlace() {
        let e = errors("name: a\ntype: [any\n")
        #expect(e.count == 1)
        #expect(e[0].file == "test.yaml" && e[0].line >= 2)
        #expect(e[0].message.hasPrefix("not valid YAML"))
        #expect(errors("# nothing here\n").map(\.message) == ["the file holds no rule"])
    }

    @Test func durationsAndDefaults() throws {
        let r = try rules("""
        name: s
        type: spike
        severity: low
        timeframe: 1h30m
        spike_height: 2.5
        spike_type: both
        """)[0]
        guard case .spike(let p) = r.kind else { Issue.record("not a spike"); return }
        #expect(p.timeframe == 5400 && p.height == 2.5 && p.type == .both && p.thresholdRef == 1 && p.thresholdCur == 1)
        let n = try rules("name: n\ntype: new_term\nseverity: low\nfield: substance\n")[0]
        guard case .newTerm(let q) = n.kind else { Issue.record("not new_term"); return }
        #expect(q.scope == .global && q.termsWindow == 30 * 86_400)
        #expect(n.effectiveGroupBy == ["substance"])
    }

    @Test func digestChangesWithTheDefinition() throws {
        let a = try rules("name: a\ntype: any\nseverity: low\n")[0]
        let b = try rules("# moved\n\nname: a\ntype: any\nseverity: low\n")[0]
        let c = try rules("name: a\ntype: any\nseverity: high\n")[0]
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
    }
}
