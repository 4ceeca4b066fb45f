import Testing

@testable import DMFPolicy

/// The answers a finding cites, as people read them and as the JSON result cites them.
@Suite struct FactTests {
    @Test func peopleReadLabelsAndOptionWordsTheJSONKeepsKeysAndSpellings() {
        var answers = Answers()
        answers.recipients = [.init(name: "A"), .init(name: "B")]
        let facts = [
            Fact(\.route.type, RouteType.otherGovernmentDepartment),
            Fact(\.data.records, 50_000),
            Fact(.recipient(2, \Answers.Recipient.mailbox), Mailbox.shared.rawValue),
            Fact(notGiven: \.retention.deleteBy),
        ]
        #expect(
            Fact.inWords(facts)
                == "Route: other government department; number of records or people: 50,000; "
                + "recipient 2 mailbox: shared or group mailbox; delete by: not given")
        #expect(
            facts.map(\.cited) == [
                "route.type: other-government-department", "data.records: 50000", "recipient 2 mailbox: shared",
                "retention.delete_by: not given",
            ])
    }

    @Test func aRecipientsAnswerFirstInTheLineKeepsItsCapital() {
        let fact = Fact(.recipient(1, \Answers.Recipient.clearance), Clearance.bpss.rawValue)
        #expect(Fact.inWords([fact]) == "Recipient 1 clearance: BPSS")
    }

    @Test func aValueTheSchemaDoesNotKnowIsShownAsGiven() {
        #expect(Fact(.answers(\Answers.route.type), "Somewhere").valueInWords == "somewhere")
    }
}
