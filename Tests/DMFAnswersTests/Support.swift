import DMFAnswers
import DMFPolicy
import Foundation
import Testing

/// The example of answers-format.md, verbatim.
let contractYAML = """
    format: 1
    transfer:
      kind: share              # share | move | not-sure
      frequency: one-off       # one-off | recurring
      purpose: "Monthly caseload figures for the joint inspection"
    requester:
      name: "A. Person"
      email: "a.person@example.gov.uk"
      team: "Performance Analysis"
    data:
      description: "Caseload extract, one row per case"
      classification: official-sensitive   # official | official-sensitive | secret | top-secret | not-sure
      legacy_marking: none                 # none | il3-restricted | protect | confidential | other
      personal_data: yes                   # yes | no | not-sure
      records: 4200                        # optional whole number: records or people
      bulk: yes                            # yes | no | not-sure (may be left out when records is given)
    route:
      # same-system | between-moj-systems | other-government-department | third-party
      type: other-government-department
      source_system: DOM1
      destination_organisation: "Department for Education"
      destination_system: "DfE analytical platform"
      # none | official | official-sensitive | secret | top-secret | not-sure
      destination_accreditation: official-sensitive
    recipients:                            # one or more
      - name: "B. Analyst"
        organisation: "Department for Education"
        role: "Statistician"
        mailbox: personal                  # personal | shared
        authorised: yes                    # yes | no | not-sure
        clearance: bpss                    # none | bpss | ctc | sc | dv | not-sure
    method: secure-network   # within-system | secure-network | sharing-service | secure-email | email |
                             # encrypted-file | secure-file-transfer | encrypted-storage-device |
                             # unencrypted-media | paper | not-sure
    retention:
      delete_by: 2027-03-31                # a date, or
      period: "until the inspection report is published"
    third_party:                           # only for route third-party
      contract: yes                        # yes | no | not-sure
      nda: yes                             # yes | no | not-sure
      security_aspects_letter: not-needed  # yes | no | not-needed | not-sure
      code_of_connection: not-needed       # yes | no | not-needed | not-sure
    authorisation:
      iao_name: "C. Owner"
      iao_decision: pending                # authorised | pending | refused

    """

/// The contract example on the third-party route, so its `third_party` section is allowed.
let validYAML = contractYAML.replacingOccurrences(
    of: "type: other-government-department", with: "type: third-party")

/// `text` with `old` (which must occur exactly once) replaced.
func edit(_ old: String, _ new: String, in text: String = validYAML) throws -> String {
    try #require(text.components(separatedBy: old).count == 2, "'\(old)' must occur once")
    return text.replacingOccurrences(of: old, with: new)
}

/// The 1-based line of the first line containing `needle`.
func line(of needle: String, in text: String) throws -> Int {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    return try #require(lines.firstIndex { $0.contains(needle) }) + 1
}

/// The problems the parser reports for `data`; records an issue if it accepts it.
func problems(_ data: Data, mode: AnswersParser.Mode = .complete) throws -> [AnswersProblem] {
    let error = try #require(throws: AnswersFileError.self) {
        try AnswersParser.parse(data: data, file: "case.yaml", mode: mode)
    }
    #expect(!error.problems.isEmpty)
    #expect(error.file == "case.yaml")
    // Exit-worthy: one formatted line per problem, in the compiler shape `file:line:col: ...`.
    #expect(error.description.split(separator: "\n").count == error.problems.count)
    #expect(error.description.hasPrefix("case.yaml"))
    return error.problems
}

func problems(_ text: String, mode: AnswersParser.Mode = .complete) throws -> [AnswersProblem] {
    try problems(Data(text.utf8), mode: mode)
}

/// The single problem the parser reports for `text`.
func problem(_ text: String, mode: AnswersParser.Mode = .complete) throws -> AnswersProblem {
    let found = try problems(text, mode: mode)
    try #require(found.count == 1, "\(found)")
    return found[0]
}

func parse(_ text: String, mode: AnswersParser.Mode = .complete) throws -> Answers {
    try AnswersParser.parse(data: Data(text.utf8), file: "case.yaml", mode: mode).answers
}
