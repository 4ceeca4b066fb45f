import DMFPolicy
import Testing

/// `CompleteAnswers` is what the rules read: built only from answers the schema calls complete,
/// with every required answer typed, and agreeing with the schema on what "required" means.
@Suite("Complete answers")
struct CompleteAnswersTests {
    @Test("it builds exactly when the schema calls the answers complete, and names what the schema names")
    func agreesWithTheSchema() {
        for answers in CompletenessTests.cases {
            do {
                _ = try CompleteAnswers(answers)
                #expect(answers.isComplete, "built from incomplete answers: \(answers.missingFields)")
            } catch {
                #expect(error.missing == answers.missingFields)
                #expect(!error.missing.isEmpty)
            }
        }
    }

    @Test("the engine throws what CompleteAnswers throws")
    func engineThrowsTheSame() {
        var answers = baseline(.thirdParty)
        answers.thirdParty.nda = nil
        answers.recipients[0].clearance = nil
        let error = #expect(throws: IncompleteAnswers.self) { try PolicyEngine.evaluate(answers) }
        #expect(error?.missing == ["recipients[0].clearance", "third_party.nda"])
    }

    @Test("each route carries the answers it requires", arguments: RouteType.allCases)
    func routeCarriesItsAnswers(route: RouteType) throws {
        var answers = baseline(route)
        answers.authorisation.iaoDecision = .pending
        let complete = try CompleteAnswers(answers)
        #expect(complete.route.type == route)
        switch complete.route {
        case .sameSystem:
            #expect(complete.route.iaoDecision == nil, "not asked inside one system")
        case .betweenMOJSystems(let decision):
            #expect(decision == .pending)
        case .otherGovernmentDepartment(let accreditation, let decision):
            #expect(accreditation == .officialSensitive && decision == .pending)
        case .thirdParty(let thirdParty):
            #expect(thirdParty.accreditation == .officialSensitive && thirdParty.iaoDecision == .pending)
            #expect(thirdParty.contract == .yes && thirdParty.securityAspectsLetter == .notNeeded)
        }
    }

    @Test("the IAO's decision may be left out off the system, except for a third party")
    func iaoDecisionOptionalBelowThirdParty() throws {
        var answers = baseline(.otherGovernmentDepartment)
        answers.authorisation.iaoDecision = nil
        #expect(try CompleteAnswers(answers).route.iaoDecision == nil)
    }

    @Test(
        "a recipient's mailbox is there only when the method asks for it, and ignored otherwise",
        arguments: TransferMethod.allCases)
    func mailboxOnlyWhenAsked(method: TransferMethod) throws {
        var answers = baseline(.betweenMOJSystems)
        answers.method = method
        answers.recipients[0].mailbox = .shared
        let recipient = try #require(try CompleteAnswers(answers).recipients.first)
        #expect(recipient.mailbox == (method.asksMailbox ? .shared : nil))
    }

    @Test("recipients are numbered from 1, and an empty name counts as none")
    func recipientsNumberedAndNamed() throws {
        var answers = baseline()
        answers.recipients.append(.init(name: "", authorised: .yes, clearance: .sc))
        let recipients = try CompleteAnswers(answers).recipients
        #expect(recipients.map(\.number) == [1, 2])
        #expect(recipients.map(\.name) == ["B. Analyst", nil])
        #expect(recipients[1].clearance == .sc && recipients[1].authorised == .yes)
    }

    @Test(
        "bulk: an explicit answer wins over the record count, which decides when the answer is left out",
        arguments: [
            (YesNoNotSure?.some(.no), Int?.some(5_000), YesNoNotSure.no),
            (.notSure, nil, .notSure), (nil, 999, .no), (nil, 1_000, .yes),
        ])
    func bulkInEffect(answer: YesNoNotSure?, records: Int?, inEffect: YesNoNotSure) throws {
        var answers = baseline()
        answers.data.bulk = answer
        answers.data.records = records
        let bulk = try CompleteAnswers(answers).bulk
        #expect(bulk.inEffect == inEffect)
        #expect(answers.effectiveBulk == inEffect)
        if let answer {
            #expect(bulk == .answered(answer, records: records))
        } else {
            #expect(bulk == .counted(records: records ?? -1))
        }
    }

    @Test("no legacy marking given reads as none")
    func legacyMarkingDefaultsToNone() throws {
        var answers = baseline()
        answers.data.legacyMarking = nil
        #expect(try CompleteAnswers(answers).legacyMarking == LegacyMarking.none)
    }

    @Test("clearance and accreditation comparisons leave 'not sure' undecided")
    func comparisons() {
        #expect(Clearance.bpss.meets(Classification.official.minimumClearance) == true)
        #expect(Clearance.ctc.meets(Classification.secret.minimumClearance) == false)
        #expect(Clearance.notSure.meets(.bpss) == nil)
        #expect(Accreditation.none.covers(.official) == false)
        #expect(Accreditation.officialSensitive.covers(.officialSensitive) == true)
        #expect(Accreditation.secret.covers(.topSecret) == false)
        #expect(Accreditation.notSure.covers(.official) == nil)
        #expect(Accreditation.official.covers(.notSure) == nil)
    }
}
