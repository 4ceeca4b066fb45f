import DMFApp
import DMFFlow
import DMFPolicy
import Foundation
import TerminalUI
import TestSupport
import Testing

// Shared fixtures: four journeys (one per route, one per verdict), drivers that turn a journey
// into wizard calls, key presses or plain-mode lines, temporary folders, golden screens and a
// fixed clock.

extension Drive {
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

/// A scripted terminal for plain mode: reads the given lines, then end of input. A person
/// typing at a terminal, unless `interactive` is false: then the lines come from a file or pipe.
final class ScriptedLineIO: LineIO {
    private var lines: [String]
    private(set) var output = ""
    let isInteractive: Bool
    private(set) var linesRead = 0
    init(_ lines: [String], interactive: Bool = true) {
        self.lines = lines
        isInteractive = interactive
    }
    func readLine() -> String? {
        guard !lines.isEmpty else { return nil }
        linesRead += 1
        return lines.removeFirst()
    }
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

/// The time every test's sessions, apps and commands are given, so outputs are stamped alike.
enum FixedClock {
    static let epoch = "1764382450"  // 2025-11-29T02:14:10Z
    static let iso = "2025-11-29T02:14:10Z"
    static let clock = WallClock.fixed(Date(timeIntervalSince1970: 1_764_382_450))
}

extension FullScreenApp {
    /// Draws a frame and reports it shown, as `FullScreenLoop` does once it is presented.
    func render(width: Int, height: Int) -> Frame {
        let frame = view(width: width, height: height)
        shown(frame)
        return frame
    }
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
