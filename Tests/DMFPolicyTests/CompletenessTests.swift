import DMFPolicy
import Testing

/// `isComplete` is a fast copy of `missingFields.isEmpty` (the engine asks it on every
/// decision); these keep the two from drifting apart.
@Suite("Completeness")
struct CompletenessTests {
    /// Complete baselines for each route with one answer removed at a time, plus the empty set.
    static var cases: [Answers] {
        var result = [Answers()]
        // Every route, with a method that does not deliver to a mailbox (the baseline's) and with
        // each method that asks for recipients' mailboxes.
        let bases = RouteType.allCases.flatMap { route in
            [nil, TransferMethod.email, .secureEmail, .notSure].map { method in
                var answers = baseline(route)
                if let method { answers.method = method }
                return answers
            }
        }
        for base in bases {
            result.append(base)
            let removals: [(inout Answers) -> Void] = [
                { $0.transfer.kind = nil }, { $0.data.classification = nil }, { $0.data.personalData = nil },
                {
                    $0.data.bulk = nil; $0.data.records = nil
                },
                {
                    $0.data.bulk = nil; $0.data.records = 12
                },
                { $0.route.type = nil }, { $0.route.destinationAccreditation = nil }, { $0.recipients = [] },
                { $0.recipients[0].mailbox = nil }, { $0.recipients[0].authorised = nil },
                { $0.recipients[0].clearance = nil }, { $0.method = nil }, { $0.thirdParty.contract = nil },
                { $0.thirdParty.nda = nil }, { $0.thirdParty.securityAspectsLetter = nil },
                { $0.thirdParty.codeOfConnection = nil }, { $0.authorisation.iaoDecision = nil },
            ]
            for remove in removals {
                var answers = base
                remove(&answers)
                result.append(answers)
            }
        }
        return result
    }

    @Test("isComplete agrees with missingFields for every route and every removed answer")
    func fastCheckAgrees() {
        for answers in Self.cases {
            #expect(answers.isComplete == answers.missingFields.isEmpty, "\(answers.missingFields)")
        }
    }

    @Test(
        "a recipient's mailbox is required only when the method is email, secure email or not sure",
        arguments: TransferMethod.allCases)
    func mailboxRequiredOnlyWhenAsked(method: TransferMethod) {
        var answers = baseline(.otherGovernmentDepartment)
        answers.method = method
        answers.recipients.append(.init(name: "D. Other", authorised: .yes, clearance: .bpss))
        answers.recipients[0].mailbox = nil
        let asked = method == .email || method == .secureEmail || method == .notSure
        #expect(method.asksMailbox == asked)
        #expect(answers.asksMailbox == asked)
        #expect(answers.missingFields == (asked ? ["recipients[0].mailbox", "recipients[1].mailbox"] : []))
        #expect(answers.isComplete == !asked)
    }

    @Test("without a method yet, the mailbox is not listed as missing (the method is)")
    func mailboxNotRequiredBeforeTheMethod() {
        var answers = baseline(.thirdParty)
        answers.method = nil
        answers.recipients[0].mailbox = nil
        #expect(answers.missingFields == ["method"])
    }

    @Test("the fingerprint changes with any answer and names each key once")
    func fingerprintCoversTheAnswers() {
        let base = baseline(.thirdParty)
        var changed = base
        changed.recipients[0].role = "Analyst"
        #expect(base.fingerprint != changed.fingerprint)
        #expect(changed.fingerprint.contains("recipients[0].role=Analyst"))
        let keys = base.fingerprint.split(separator: "\n").map { $0.prefix { $0 != "=" } }
        #expect(Set(keys).count == keys.count)
    }

    @Test("the fingerprint names the rule set: the same answers under other rules are another assessment")
    func fingerprintCoversTheRules() {
        let answers = baseline(.thirdParty)
        #expect(answers.fingerprint.hasPrefix("rules_version=\(PolicyInfo.rulesVersion)\n"))
        #expect(answers.fingerprint(rulesVersion: "2026.11-1") != answers.fingerprint)
        #expect(answers.fingerprint(rulesVersion: PolicyInfo.rulesVersion) == answers.fingerprint)
    }
}
