import DMFDocuments
import TerminalUI

/// The save dialog: a row per format (Space ticks it), then the folder. Enter saves from any
/// row, so the default (Markdown and HTML) is one key away.
struct SaveScreen {
    static let formatsOrder: [OutputFormat] = [.markdown, .html, .pdf, .text, .json]
    /// The folder's row, after one row per format.
    static let folderRow = formatsOrder.count

    /// The formats ticked. A list, not a set: a set built before the first screen costs a scan of
    /// every protocol conformance in the binary (see DECISIONS.md).
    var formats: [OutputFormat]
    var folder: TextInput
    /// Starts on the folder.
    var row = folderRow
    var message: Message?

    init(formats: [OutputFormat], folder: String) {
        self.formats = formats
        self.folder = TextInput(folder)
    }

    enum Action {
        case save
        case move
        case tick
        case type
        case back
    }

    static let bindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter), .key(.ctrl("s"))], "Enter save", .save),
        KeyBinding(KeyMatch.arrows + [.key(.tab)], "↑↓ move", .move),
        KeyBinding([.key(.char(" "))], "Space tick a format", .tick),
        KeyBinding([.editing], "type the folder", .type),
        KeyBinding([.key(.escape)], "Esc back", .back),
    ]

    /// The message stays until the next save or Esc.
    mutating func update(_ key: Key) -> Effect {
        switch Self.bindings.action(for: key) {
        case .save?:
            let chosen = Self.formatsOrder.filter(formats.contains)
            guard !chosen.isEmpty else {
                message = .problem("Choose at least one format.")
                return .none
            }
            return .saveOutcome(formats: chosen, typedFolder: folder.text)
        case .move?: row = key == .up ? max(0, row - 1) : min(Self.folderRow, row + 1)
        case .tick?:
            // On the folder's row a space is part of the folder's name.
            guard row < Self.folderRow else {
                folder.handle(key)
                return .none
            }
            let format = Self.formatsOrder[row]
            if let ticked = formats.firstIndex(of: format) {
                formats.remove(at: ticked)
            } else {
                formats.append(format)
            }
        case .type?: if row == Self.folderRow { folder.handle(key) }
        case .back?: return .closeSave(formats: formats)
        case nil: break
        }
        return .none
    }

    func view(_ page: inout Page, charset: BoxCharset) {
        page.line("Save the DMF and checklist", style: .heading)
        page.line(
            "Press Enter to save. To change the formats, move up and press Space; the folder can be edited.",
            style: .dim)
        page.gap()
        let names: [OutputFormat: String] = [
            .markdown: "Markdown (.md): for email and wikis", .html: "HTML (.html): for printing on A4",
            .pdf: "PDF (.pdf): to sign and file (needs Chromium)",
            .text: "Plain text (.txt): for screen readers and email", .json: "JSON (.json): for systems",
        ]
        for (index, format) in Self.formatsOrder.enumerated() {
            let box = formats.contains(format) ? charset.checkboxChecked : charset.checkboxUnchecked
            page.item(index) {
                $0.line("\(box) \(names[format]!)", style: row == index ? .selected : .normal, indent: 1, hang: 4)
            }
        }
        page.gap()
        page.item(Self.folderRow) { page in
            page.line("Folder:", style: row == Self.folderRow ? .selected : .normal, indent: 1)
            page.field(folder, width: 70, focused: row == Self.folderRow)
        }
        page.focus = row
        page.message(message)
    }
}

/// The files just saved; any of its keys finishes the run.
enum SavedScreen {
    enum Action {
        case finish
    }

    static let bindings = [
        KeyBinding([.key(.enter), .key(.char("q")), .key(.escape)], "Enter finish", Action.finish)
    ]

    /// - Parameter register: what the register said, when the outcome was to be recorded.
    static func view(_ page: inout Page, paths: [String], register: Message? = nil) {
        page.line("Saved. These files were written (readable only by you):", style: .success)
        page.gap()
        for path in paths { page.line(path, indent: 1, hang: 2) }
        page.gap()
        if let register {
            page.line(register.text, style: register.kind == .problem ? .error : .success, hang: 2)
            page.gap()
        }
        page.line("Print the HTML file, or email the Markdown file, to your Information Asset Owner.")
        page.pinned("Press Enter to finish.", style: .accent)
    }
}
