import DMFAnswers
import DMFDocuments
import DMFPolicy
import Foundation
import Testing

/// Shared answers and helpers for the document tests.
enum Fixtures {
    /// The production time every document test uses, so outputs are byte-for-byte stable.
    static let producedAt = "2026-11-29T02:14:10Z"

    /// The rich case: a third party, two recipients, several "not sure" answers, filled in by
    /// the helpdesk on someone's behalf, a multi-line description and an unanswered email.
    static let richYAML = """
        format: 1
        transfer:
          kind: move
          frequency: recurring
          purpose: "Quarterly payroll reconciliation with the outsourced provider"
        requester:
          name: "D. Sender"
          team: "Finance Shared Services"
        data:
          description: "Payroll extract, one row per employee.\\nIncludes bank sort codes."
          classification: not-sure
          legacy_marking: none
          personal_data: yes
          records: 1200
        route:
          type: third-party
          source_system: DOM1
          destination_organisation: "Acme Payroll Ltd"
          destination_system: "Acme Cloud Payroll"
          destination_accreditation: not-sure
        recipients:
          - name: "E. Contractor"
            organisation: "Acme Payroll Ltd"
            role: "Payroll lead"
            mailbox: personal
            authorised: yes
            clearance: bpss
          - name: "F. Newstarter"
            organisation: "Acme Payroll Ltd"
            mailbox: personal
            authorised: not-sure
            clearance: not-sure
        method: secure-file-transfer
        retention:
          period: "until the quarter's reconciliation is signed off"
        third_party:
          contract: yes
          nda: not-sure
          security_aspects_letter: not-sure
          code_of_connection: not-needed
        authorisation:
          iao_name: "G. Owner"
          iao_decision: pending
        helpdesk:
          caller_name: "D. Sender"
          caller_team: "Finance Shared Services"
          call_reference: "HD-0042"
          agent_name: "H. Helper"

        """

    /// A bulk transfer to another department that the IAO can authorise once the checklist is
    /// done: its form has every kind of sign-off block (requester, senior manager, a record of
    /// the agreed deletion date, IAO).
    static let bulkYAML = """
        format: 1
        transfer: {kind: share, frequency: one-off, purpose: "Annual linked-data research extract"}
        requester: {name: "Morgan Analyst", email: "morgan.analyst@justice.gov.uk", team: "Data First"}
        data:
          description: "Court records extract, pseudonymised identifiers"
          classification: official-sensitive
          legacy_marking: none
          personal_data: yes
          records: 2000000
        route:
          type: other-government-department
          source_system: "Analytical Platform"
          destination_organisation: "Office for National Statistics"
          destination_system: "ONS Secure Research Service"
          destination_accreditation: official-sensitive
        recipients:
          - {name: "R. Ingest", organisation: "Office for National Statistics", role: "Data engineer",
             mailbox: personal, authorised: yes, clearance: sc}
        method: encrypted-storage-device
        authorisation: {iao_name: "Data First IAO", iao_decision: pending}

        """

    /// A transfer that must not go ahead: a shared mailbox by email.
    static let blockedYAML = """
        format: 1
        transfer: {kind: share, frequency: one-off, purpose: "Weekly escalations list"}
        requester: {name: "Dana Ops", team: "Operations"}
        data: {description: "Escalated cases", classification: official-sensitive, legacy_marking: none,
               personal_data: yes, records: 25}
        route: {type: other-government-department, source_system: DOM1, destination_organisation: "Home Office",
                destination_accreditation: official-sensitive}
        recipients:
          - {name: "escalations@homeoffice.gov.uk", organisation: "Home Office", mailbox: shared,
             authorised: not-sure, clearance: not-sure}
        method: secure-email
        retention: {period: "4 weeks"}

        """

    static func answers(_ yaml: String = richYAML) throws -> Answers {
        try AnswersParser.parse(data: Data(yaml.utf8), file: "rich.yaml").answers
    }

    static func dmf(_ answers: Answers, producedAt: String = producedAt, training: Bool = false) throws -> FilledDMF {
        try DMFBuilder.build(answers, context: .init(producedAt: producedAt, training: training))
    }

    static func rich(training: Bool = false) throws -> FilledDMF {
        try dmf(answers(), training: training)
    }

    /// The rich answers with `text` in every free-text field, recipients and helpdesk included.
    static func answers(withEveryTextFieldSetTo text: String) throws -> Answers {
        var answers = try answers()
        for field in TextField.allCases { field.set(&answers, to: text) }
        return answers
    }
}

/// Every free-text answer the form prints, so a test can aim hostile text at each one.
enum TextField: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case purpose, requesterName, requesterEmail, requesterTeam, description, sourceSystem
    case destinationOrganisation, destinationSystem, deleteBy, retentionPeriod, iaoName
    case firstRecipientName, secondRecipientName, recipientOrganisation, recipientRole
    case helpdeskCaller, helpdeskTeam, helpdeskCallReference, helpdeskAgent

    var testDescription: String { rawValue }

    func set(_ answers: inout Answers, to text: String) {
        switch self {
        case .purpose: answers.transfer.purpose = text
        case .requesterName: answers.requester.name = text
        case .requesterEmail: answers.requester.email = text
        case .requesterTeam: answers.requester.team = text
        case .description: answers.data.description = text
        case .sourceSystem: answers.route.sourceSystem = text
        case .destinationOrganisation: answers.route.destinationOrganisation = text
        case .destinationSystem: answers.route.destinationSystem = text
        case .deleteBy: answers.retention.deleteBy = text
        case .retentionPeriod: answers.retention.period = text
        case .iaoName: answers.authorisation.iaoName = text
        case .firstRecipientName: answers.recipients[0].name = text
        case .secondRecipientName: answers.recipients[1].name = text
        case .recipientOrganisation: answers.recipients[0].organisation = text
        case .recipientRole: answers.recipients[1].role = text
        case .helpdeskCaller: answers.helpdesk?.callerName = text
        case .helpdeskTeam: answers.helpdesk?.callerTeam = text
        case .helpdeskCallReference: answers.helpdesk?.callReference = text
        case .helpdeskAgent: answers.helpdesk?.agentName = text
        }
    }
}

// MARK: - Comparing text

/// A readable line diff: the first differing lines with their numbers, then a count.
func lineDiff(expected: String, actual: String, context: Int = 2, limit: Int = 12) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var report: [String] = []
    var differing = 0
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? String(old[index]) : nil
        let b = index < new.count ? String(new[index]) : nil
        guard a != b else { continue }
        differing += 1
        guard differing <= limit else { continue }
        if differing == 1, index > 0 {
            for before in max(0, index - context)..<index { report.append("  \(before + 1)  \(old[before])") }
        }
        if let a { report.append("- \(index + 1)  \(a.debugDescription.dropFirst().dropLast())") }
        if let b { report.append("+ \(index + 1)  \(b.debugDescription.dropFirst().dropLast())") }
    }
    if differing > limit { report.append("… and \(differing - limit) more differing lines") }
    return "\(differing) line(s) differ (- expected, + actual):\n" + report.joined(separator: "\n")
}

/// Non-empty lines of a document with surrounding spaces removed.
func contentLines(_ text: String) -> [String] {
    text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// The lines a reader sees at the top and bottom: for HTML, the lines inside `<body>`.
func visibleLines(_ text: String, format: OutputFormat) -> [String] {
    let lines = contentLines(text)
    guard format == .html,
        let start = lines.firstIndex(of: "<body>"), let end = lines.lastIndex(of: "</body>")
    else { return lines }
    return Array(lines[(start + 1)..<end])
}

/// Parses JSON output to a dictionary.
func jsonObject(_ text: String) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(object as? [String: Any])
}

/// Every string in a JSON value (keys and values), for content checks.
func allStrings(in value: Any) -> [String] {
    switch value {
    case let text as String: [text]
    case let array as [Any]: array.flatMap(allStrings)
    case let object as [String: Any]: object.keys.map { $0 } + object.values.flatMap(allStrings)
    default: []
    }
}
