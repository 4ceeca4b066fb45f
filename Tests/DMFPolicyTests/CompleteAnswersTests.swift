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

    @Test("the answers a route requires are there, unwrapped, exactly on that route", arguments: RouteType.allCases)
    func routeCarriesItsAnswers(route: RouteType) throws {
        var answers = baseline(route)
        answers.authorisation.iaoDecision = .pending
        let complete = try CompleteAnswers(answers)
        #expect(complete.route.type == route)
        #expect(
            complete.whenAccreditedDestination?.destinationAccreditation
                == (route.needsAccreditedDestination ? .officialSensitive : nil))
        if route == .thirdParty {
            let thirdParty = try #require(complete.whenThirdParty)
            #expect(thirdParty.iaoDecision == .pending && thirdParty.contract == .yes)
            #expect(thirdParty.securityAspectsLetter == .notNeeded)
        } else {
            #expect(complete.whenThirdParty == nil)
        }
        #expect(complete.authorisation.iaoDecision == .pending, "as given, whether or not it applies")
    }

    @Test("the IAO's decision may be left out off the system, except for a third party")
    func iaoDecisionOptionalBelowThirdParty() throws {
        var answers = baseline(.otherGovernmentDepartment)
        answers.authorisation.iaoDecision = nil
        #expect(try CompleteAnswers(answers).authorisation.iaoDecision == nil)
        var thirdParty = baseline(.thirdParty)
        thirdParty.authorisation.iaoDecision = nil
        #expect(throws: IncompleteAnswers(missing: ["authorisation.iao_decision"])) { try CompleteAnswers(thirdParty) }
    }

    @Test(
        "a recipient's mailbox is required and read only when the method asks for it, and ignored otherwise",
        arguments: TransferMethod.allCases)
    func mailboxOnlyWhenAsked(method: TransferMethod) throws {
        var answers = baseline(.betweenMOJSystems)
        answers.method = method
        answers.recipients[0].mailbox = .shared
        let recipient = try #require(try CompleteAnswers(answers).recipients.first)
        #expect(recipient.whenMailboxAsked?.mailbox == (method.asksMailbox ? .shared : nil))
    }

    @Test("recipients are numbered from 1, and each is named")
    func recipientsNumberedAndNamed() throws {
        var answers = baseline()
        answers.recipients.append(.init(name: "C. Other", authorised: .yes, clearance: .sc))
        let recipients = try CompleteAnswers(answers).recipients
        #expect(recipients.map(\.number) == [1, 2])
        #expect(recipients.map(\.name) == ["B. Analyst", "C. Other"])
        #expect(recipients[1].clearance == .sc && recipients[1].authorised == .yes)
        answers.recipients[1].name = nil
        #expect(throws: IncompleteAnswers(missing: ["recipients[1].name"])) { try CompleteAnswers(answers) }
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
        let complete = try CompleteAnswers(answers)
        #expect(BulkTransfer.inEffect(answer: complete.data.bulk, records: complete.data.records) == inEffect)
        #expect(answers.effectiveBulk == inEffect)
        #expect(complete.whenRecordsNotGiven?.bulk == (records == nil ? answer : nil), "asked only without a count")
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
        #expect(Accreditation.official.covers(.officialSensitive) == true, "compared by tier")
        #expect(Accreditation.officialSensitive.covers(.secret) == false)
        #expect(Accreditation.secret.covers(.topSecret) == false)
        #expect(Accreditation.notSure.covers(.official) == nil)
        #expect(Accreditation.official.covers(.notSure) == nil)
    }
}
