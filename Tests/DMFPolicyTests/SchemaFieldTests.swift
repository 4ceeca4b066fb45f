import DMFPolicy
import Testing

/// One field type describes answers kept in the whole answers and in each recipient, and says
/// once what the form prints for either.
@Suite("Schema fields")
struct SchemaFieldTests {
    @Test("a recipient's field reads and sets the recipient, under recipients[] in the file")
    func recipientField() throws {
        let field = try #require(AnswerSchema.recipientField("clearance"))
        #expect(field.path == "recipients[].clearance" && field.key == "clearance" && field.section == "recipients[]")
        var recipient = Answers.Recipient()
        field.set("sc", in: &recipient)
        #expect(recipient.clearance == .sc && field.value(in: recipient) == "sc")
        #expect(AnswerSchema.type(at: "recipients[3].clearance") == field.type)
    }

    @Test("the mailbox is printed only when the method delivers to one", arguments: [TransferMethod.email, .paper])
    func mailboxOnForm(method: TransferMethod) throws {
        let field = try #require(AnswerSchema.recipientField("mailbox"))
        var answers = baseline(.betweenMOJSystems)
        answers.method = method
        answers.recipients[0].mailbox = .shared
        let expected: FormEntry =
            method.asksMailbox
            ? .answer("shared") : .notApplicable("Not asked (the method does not deliver to a mailbox)")
        #expect(field.onForm(answers.recipients[0], in: answers) == expected)
    }

    @Test("an answer that does not apply prints its own words; one worked out from others prints its value")
    func answersOnForm() throws {
        var answers = baseline(.sameSystem)
        answers.route.destinationOrganisation = "Ignored Ltd"
        answers.data.bulk = nil
        answers.data.records = 1_200
        let organisation = try #require(AnswerSchema.field("route.destination_organisation"))
        #expect(organisation.onForm(in: answers) == .notApplicable("Not applicable (stays inside one system)"))
        let bulk = try #require(AnswerSchema.field("data.bulk"))
        #expect(!bulk.applies(answers))
        #expect(bulk.onForm(in: answers) == .answer("yes"), "not asked, but it follows from the record count")
        let purpose = try #require(AnswerSchema.field("transfer.purpose"))
        answers.transfer.purpose = nil
        #expect(purpose.onForm(in: answers) == .answer(nil))
    }
}
