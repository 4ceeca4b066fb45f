import DMFAnswers
import DMFDocuments
import DMFFlow
import DMFPolicy
import Foundation
import Testing

/// Every answer in `AnswerSchema` reaches every place the schema feeds: the answers file (read
/// and written back), the reference's fingerprint, the completeness check, a question of the
/// wizard, and the filled form. A new answer that one of them missed fails here.
struct SchemaCoverageTests {
    /// A value of the field's type: a choice's last option, sample text, a date or a count.
    static func sample(_ type: FieldType, _ path: String) -> String {
        switch type {
        case .choice(let options): options.last!.value
        case .text, .paragraph: "Sample \(path)"
        case .email: "a.person@justice.gov.uk"
        case .date: "2027-03-31"
        case .count: "4200"
        }
    }

    /// Answers on the third-party route with an email method, so every answer applies.
    static func everythingApplies() -> Answers {
        var answers = Answers()
        answers.route.type = .thirdParty
        answers.method = .email
        answers.recipients = [Answers.Recipient()]
        return answers
    }

    @Test(arguments: AnswerSchema.fields.map(\.path))
    func anAnswerReachesEveryPlace(path: String) throws {
        let field = try #require(AnswerSchema.field(path))
        var answers = Self.everythingApplies()
        let value = Self.sample(field.type, path)
        field.set(value, in: &answers)
        #expect(field.value(in: answers) == value)

        // The answers file: written, then read back the same.
        let yaml = AnswersWriter.yaml(answers)
        let read = try AnswersParser.parse(data: Data(yaml.utf8), file: "schema.yaml", mode: .draft).answers
        #expect(field.value(in: read) == value, "\(path) does not survive the answers file:\n\(yaml)")
        // The fingerprint behind the DMF reference.
        #expect(answers.fingerprint.contains("\(path)=\(value)"))
        // A question asks it (the helpdesk flow holds every question).
        let questions = Flow(helpdesk: true).questions + Flow().questions
        #expect(questions.contains { $0.path == path }, "no question asks \(path)")
        // The form shows it, where its section is printed.
        if field.section != "helpdesk" {
            var complete = answers
            Self.complete(&complete)
            field.set(value, in: &complete)
            let form = DMFBuilder.build(
                complete, decision: try PolicyEngine.evaluate(complete),
                context: .init(producedAt: "2026-11-29T00:00:00Z"))
            let shown = (form.sectionsBeforeRecipients + form.sectionsAfterRecipients + [form.authorisation]).flatMap(
                \.fields
            )
            .filter { $0.key == field.key }
            #expect(shown.count == 1, "\(path) is not on the form")
            // Under its own label; the IAO's decision adds "as stated by the requester".
            #expect(shown.first?.label.hasPrefix(field.label) == true, "\(path) is labelled otherwise")
            #expect(shown.first?.raw == field.formValue(in: complete), "\(path) shows another value")
        }
    }

    @Test(arguments: AnswerSchema.recipient.map(\.key))
    func aRecipientAnswerReachesEveryPlace(key: String) throws {
        let field = try #require(AnswerSchema.recipientField(key))
        var answers = Self.everythingApplies()
        let value = Self.sample(field.type, field.path)
        field.set(value, in: &answers.recipients[0])
        let yaml = AnswersWriter.yaml(answers)
        let read = try AnswersParser.parse(data: Data(yaml.utf8), file: "schema.yaml", mode: .draft).answers
        #expect(read.recipients.first.flatMap(field.value(in:)) == value)
        #expect(answers.fingerprint.contains("recipients[0].\(key)=\(value)"))
        #expect(Flow.recipientQuestions.contains { $0.path == field.path }, "no question asks \(field.path)")
        var complete = answers
        Self.complete(&complete)
        field.set(value, in: &complete.recipients[0])
        let form = DMFBuilder.build(
            complete, decision: try PolicyEngine.evaluate(complete), context: .init(producedAt: "2026-11-29T00:00:00Z"))
        #expect(form.recipients.first?.cells.first { $0.key == key }?.raw == value)
    }

    /// Whatever is required and missing gets its first option (or sample), so the set decides.
    static func complete(_ answers: inout Answers) {
        for field in AnswerSchema.fields where field.isRequired(answers) && field.value(in: answers) == nil {
            field.set(sample(field.type, field.path), in: &answers)
        }
        for field in AnswerSchema.recipient where field.isRequired(answers) {
            for index in answers.recipients.indices where field.value(in: answers.recipients[index]) == nil {
                field.set(sample(field.type, field.path), in: &answers.recipients[index])
            }
        }
    }

    @Test func aRequiredAnswerLeftOutIsNamedAsMissing() {
        var answers = Self.everythingApplies()
        Self.complete(&answers)
        #expect(answers.isComplete && answers.missingFields.isEmpty)
        for field in AnswerSchema.fields where field.isRequired(answers) {
            var gap = answers
            field.set(nil, in: &gap)
            #expect(gap.missingFields == [field.path] && !gap.isComplete, "\(field.path)")
        }
        for field in AnswerSchema.recipient where field.isRequired(answers) {
            var gap = answers
            field.set(nil, in: &gap.recipients[0])
            #expect(gap.missingFields == ["recipients[0].\(field.key)"] && !gap.isComplete, "\(field.path)")
        }
    }
}
