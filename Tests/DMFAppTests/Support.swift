import DMFApp
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import Testing

// Shared fixtures: four journeys (one per route, one per verdict), drivers that turn a journey
// into wizard calls, key presses or plain-mode lines, temporary folders, golden screens and a
// fixed production time.

/// One complete run through the wizard, as a person would type it: text as typed, choices by
/// their (never changing) number, "" to skip an optional question.
struct Journey: Sendable, CustomTestStringConvertible {
    let name: String
    let route: RouteType
    let verdict: Verdict
    let typed: [String: String]
    /// P2–P7 for each recipient, in order (P5, the mailbox, only where the method delivers to
    /// a mailbox: the third-party journey's secure email).
    let recipients: [[String: String]]

    var testDescription: String { name }

    /// The step codes a person meets, in order, from Y1 to the last question.
    let expectedCodes: [String]

    static let sameSystemProceed = Journey(
        name: "same-system-proceed", route: .sameSystem, verdict: .proceed,
        typed: [
            "Y1": "Siân Ó Ceallaigh", "Y2": "sian.oceallaigh@justice.gov.uk", "Y3": "Probation analytics",
            "T1": "1", "T2": "1", "T3": "Caseload figures for the regional review",
            "D1": "Caseload extract, one row per case", "D2": "1", "D3": "1", "D4": "2", "D5": "250",
            "R1": "1", "R2": "DOM1", "M1": "1", "K1": "2027-03-31", "K2": "",
        ],
        recipients: [["P2": "Ana Lytic", "P3": "HMPPS", "P4": "Analyst", "P6": "1", "P7": "2"]],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "R1", "R2", "M1", "P1", "K1", "K2",
        ])

    static let betweenSystemsConditions = Journey(
        name: "between-moj-systems-conditions", route: .betweenMOJSystems, verdict: .conditions,
        typed: [
            "Y1": "Sam Patel", "Y2": "sam.patel@justice.gov.uk", "Y3": "",
            "T1": "2", "T2": "2", "T3": "Nightly feed for case management",
            "D1": "Case status records", "D2": "2", "D3": "1", "D4": "2", "D5": "", "D6": "2",
            "R1": "2", "R2": "DISC", "R3": "HMPPS", "R4": "Quantum",
            "M1": "2", "K1": "", "K2": "Until the next release", "A1": "Jo Bloggs", "A2": "1",
        ],
        recipients: [["P2": "Kim Lee", "P3": "HMPPS Digital", "P4": "Data engineer", "P6": "1", "P7": "4"]],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "D6", "R1", "R2", "R3", "R4", "M1", "P1",
            "K1", "K2", "A1", "A2",
        ])

    static let otherDepartmentRefer = Journey(
        name: "other-government-department-refer", route: .otherGovernmentDepartment, verdict: .refer,
        typed: [
            "Y1": "Alex Byrne", "Y2": "alex.byrne@justice.gov.uk", "Y3": "Data sharing",
            "T1": "1", "T2": "1", "T3": "Joint inspection",
            "D1": "Learner outcomes", "D2": "1", "D3": "1", "D4": "1", "D5": "4200",
            "R1": "3", "R2": "DOM1", "R3": "Department for Education", "R4": "DfE analytical platform", "R5": "6",
            "M1": "3", "K1": "2027-01-31", "K2": "", "A1": "Pat Owner", "A2": "2",
        ],
        recipients: [
            ["P2": "B. Analyst", "P3": "Department for Education", "P4": "Statistician", "P6": "1", "P7": "2"]
        ],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "R1", "R2", "R3", "R4", "R5", "M1", "P1",
            "K1", "K2", "A1", "A2",
        ])

    static let thirdPartyBlocked = Journey(
        name: "third-party-blocked", route: .thirdParty, verdict: .blocked,
        typed: [
            "Y1": "Chris Doe", "Y2": "chris.doe@justice.gov.uk", "Y3": "Estates",
            "T1": "2", "T2": "1", "T3": "Supplier needs the asset list",
            "D1": "Building asset list", "D2": "1", "D3": "1", "D4": "2", "D5": "12",
            "R1": "4", "R2": "DOM1", "R3": "Acme Facilities Ltd", "R4": "Acme CAFM", "R5": "2",
            "M1": "4", "K1": "2026-12-31", "K2": "", "X1": "1", "X2": "1", "X3": "3", "X4": "3",
            "A1": "Pat Owner", "A2": "1",
        ],
        recipients: [
            [
                "P2": "Dana Field", "P3": "Acme Facilities Ltd", "P4": "Contract manager", "P5": "1", "P6": "1",
                "P7": "2",
            ],
            ["P2": "Acme helpdesk", "P3": "Acme Facilities Ltd", "P4": "Support", "P5": "2", "P6": "1", "P7": "2"],
        ],
        expectedCodes: [
            "Y1", "Y2", "Y3", "T1", "T2", "T3", "D1", "D2", "D3", "D4", "D5", "R1", "R2", "R3", "R4", "R5", "M1", "P1",
            "K1", "K2", "X1", "X2", "X3", "X4", "A1", "A2",
        ])

    static let all = [sameSystemProceed, betweenSystemsConditions, otherDepartmentRefer, thirdPartyBlocked]

    /// What is typed for the question on screen.
    func typed(for wizard: Wizard) -> String {
        switch wizard.screen {
        case .recipientField(let index, let code): recipients[index][code]!
        default: typed[wizard.stepCode]!
        }
    }

    /// The answer value to give `Wizard.answer` for the question on screen.
    func value(for wizard: Wizard) -> String {
        let text = typed(for: wizard)
        let question = wizard.currentQuestion!
        if case .choice(let choices) = question.kind { return choices.first { $0.number == Int(text) }!.value }
        return text
    }
}

/// Where a driver stops.
enum Stop { case check, outcome }

enum Drive {
    /// Answers every question of the journey on a pure `Wizard`, up to "Check your answers".
    static func wizard(_ journey: Journey, helpdesk: Bool = false) -> Wizard {
        var wizard = Wizard(flow: Flow(helpdesk: helpdesk))
        answerAll(journey, on: &wizard)
        return wizard
    }

    static func answerAll(_ journey: Journey, on wizard: inout Wizard) {
        for _ in 0..<200 {
            switch wizard.screen {
            case .check, .outcome: return
            case .recipients:
                if wizard.answers.recipients.count < journey.recipients.count {
                    wizard.addRecipient()
                } else {
                    let problem = wizard.finishRecipients()
                    precondition(problem == nil, "\(problem!)")
                }
            case .question, .recipientField:
                let problem = wizard.answer(journey.value(for: wizard))
                precondition(problem == nil, "\(journey.name) \(wizard.stepCode): \(problem!)")
            }
        }
    }

    /// The keys a person presses for the journey, from the first question to `stop`.
    /// With `until`, stops when that step (a code or "P3:1") first comes on screen.
    /// `start` is the wizard as it stands when the keys begin (a helpdesk call already taken).
    static func keys(_ journey: Journey, to stop: Stop = .check, until: String? = nil, from start: Wizard = Wizard())
        -> [Key]
    {
        var wizard = start
        var keys: [Key] = []
        for _ in 0..<200 {
            if let until, wizard.resumeStep == until { return keys }
            switch wizard.screen {
            case .check:
                guard stop == .outcome else { return keys }
                keys.append(.char("c"))
                wizard.confirm()
            case .outcome:
                return keys
            case .recipients:
                if wizard.answers.recipients.count < journey.recipients.count {
                    keys.append(.char("a"))
                    wizard.addRecipient()
                } else {
                    keys.append(.char("c"))
                    wizard.finishRecipients()
                }
            case .question, .recipientField:
                // A number only moves to its choice; Enter chooses it, as Enter ends typed text.
                keys += typing(journey.typed(for: wizard)) + [.enter]
                wizard.answer(journey.value(for: wizard))
            }
        }
        return keys
    }

    /// The lines typed in plain mode for the journey, through saving the outcome.
    static func plainLines(_ journey: Journey, to stop: Stop = .outcome) -> [String] {
        var wizard = Wizard()
        var lines: [String] = []
        for _ in 0..<200 {
            switch wizard.screen {
            case .check:
                guard stop == .outcome else { return lines }
                lines.append("c")
                wizard.confirm()
            case .outcome:
                return lines + ["", ""]  // default folder, default formats
            case .recipients:
                if wizard.answers.recipients.count < journey.recipients.count {
                    lines.append("a")
                    wizard.addRecipient()
                } else {
                    lines.append("c")
                    wizard.finishRecipients()
                }
            case .question, .recipientField:
                lines.append(journey.typed(for: wizard))
                wizard.answer(journey.value(for: wizard))
            }
        }
        return lines
    }
}

func typing(_ text: String) -> [Key] { text.map(Key.char) }

/// A scripted terminal for plain mode: reads the given lines, then end of input.
final class ScriptedLineIO: LineIO {
    private var lines: [String]
    private(set) var output = ""
    init(_ lines: [String]) { self.lines = lines }
    func readLine() -> String? { lines.isEmpty ? nil : lines.removeFirst() }
    func write(_ text: String) { output += text }
    var linesLeft: Int { lines.count }
}

/// A fresh folder under /tmp with a fixed-length name, so screens showing it can be normalised.
struct TemporaryFolder: ~Copyable {
    static let placeholder = "/tmp/dmfapp-XXXXXXXX"
    let path: String

    init() {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        path = "/tmp/dmfapp-" + String(repeating: "0", count: 8 - suffix.count) + suffix
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var drafts: DraftStore { DraftStore(folder: path + "/drafts") }
    var output: String { path + "/out" }

    func makeOutputFolder() -> String {
        try! FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        return output
    }

    /// Text with this folder's path replaced by a placeholder of the same length.
    func normalise(_ text: String) -> String { text.replacingOccurrences(of: path, with: Self.placeholder) }
}

func fileMode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
}

func files(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

/// Outputs are stamped with the production time; tests fix it through `SOURCE_DATE_EPOCH`, set
/// once for the whole process (every suite sets the same value, so the order does not matter).
enum FixedClock {
    static let epoch = "1764382450"  // 2025-11-29T02:14:10Z
    static let iso = "2025-11-29T02:14:10Z"
    private static let installed: Bool = {
        setenv("SOURCE_DATE_EPOCH", epoch, 1)
        return true
    }()
    static func install() { _ = installed }
}

/// Golden screens in `Screens/`, read through `#filePath` (the package declares no resources).
/// `RECORD_SCREENS=1 swift test` rewrites them, and fails so that a recording run never passes.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    static func check(_ screen: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = screen + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SCREENS"] == "1" {
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(
                "Recorded \(name).txt; run again without RECORD_SCREENS to check it.", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "No golden screen \(name).txt; record it with RECORD_SCREENS=1.", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "screen \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}
