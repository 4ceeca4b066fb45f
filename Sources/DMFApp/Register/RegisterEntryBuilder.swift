import DMFAnswers
import DMFDocuments
import DMFPolicy
import DMFRegister
import Foundation

/// Turns a filled form into the register's entry, and picks a reference no other assessment has.
enum RegisterEntryBuilder {
    static func entry(
        _ dmf: FilledDMF, answers: Answers, recordedAt: String, documents: [FileDigest]
    ) -> RegisterEntry {
        let organisations = answers.recipients.compactMap { $0.organisation?.isEmpty == false ? $0.organisation : nil }
        return RegisterEntry(
            reference: dmf.reference, recordedAt: recordedAt, requester: answers.requester.name ?? "",
            team: answers.requester.team ?? "", route: dmf.route, sourceSystem: answers.route.sourceSystem ?? "",
            destinationOrganisation: answers.route.destinationOrganisation ?? "",
            destinationSystem: answers.route.destinationSystem ?? "",
            recipientOrganisations: organisations.reduce(into: []) { if !$0.contains($1) { $0.append($1) } },
            classification: answers.data.classification ?? .notSure, marking: dmf.marking.rawValue,
            verdict: dmf.verdict, rulesVersion: PolicyInfo.rulesVersion,
            transferKind: answers.transfer.kind ?? .notSure, frequency: answers.transfer.frequency,
            deleteBy: answers.retention.deleteBy.flatMap { IsoDate($0)?.iso }, fingerprint: answers.fingerprint,
            answers: AnswersWriter.yaml(answers), documents: documents)
    }

    /// The form's own reference first, then others made from the same answers: references are
    /// short, so two assessments on one day can share one, and the later takes the next.
    static func candidates(_ dmf: FilledDMF, answers: Answers) -> [String] {
        let day = dmf.producedAt.prefix(10).filter(\.isNumber)
        let fingerprint = answers.fingerprint
        return [dmf.reference]
            + (1...20).map { attempt in
                "DMF-\(day)-" + Crockford.encode(Crockford.fnv1a(fingerprint + "#\(attempt)"), count: 4)
            }
    }

    /// Who recorded it: the helpdesk agent on a call, else the requester.
    static func recorder(_ answers: Answers) -> String {
        let agent = answers.helpdesk?.agentName ?? ""
        return agent.isEmpty ? (answers.requester.name ?? "") : agent
    }
}
