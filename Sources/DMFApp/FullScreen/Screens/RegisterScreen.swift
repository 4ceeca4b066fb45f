import DMFPolicy
import DMFRegister
import Foundation
import TerminalUI

/// The register from the start menu: the entries with filters, one entry with its events, and
/// the status changes, each confirmed before it is recorded.
struct RegisterScreen: Screen {
    enum Panel: Equatable {
        /// The list; the search field is open while typing into it.
        case list
        case searching
        case entry(EntryView)
        /// A change being filled in for this entry.
        case change(ChangeForm)
    }

    var panel = Panel.list
    var entries: [EntrySummary] = []
    /// Entries the filters match beyond those shown.
    var notShown = 0
    var cursor = ListCursor(at: 0)
    var query = ListQuery(limit: RegisterScreen.listLimit)
    var search = TextInput()
    var message: Message?
    /// Today, for "due only".
    var today: String
    /// A request is with the register: keys wait (Esc still leaves), and the answer changes
    /// the screen when it comes.
    var waiting = false
    /// The request is a decision being signed with the person's key, then recorded.
    var signing = false

    /// The newest this many are listed; a search or a filter finds the others.
    static let listLimit = 200

    enum Action: Equatable {
        case open, move, search, status, due, back
        case type, apply
        case change(EventKind)
        case nextField, confirm
    }

    static let listBindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter open", .open),
        KeyBinding(KeyMatch.listMoves, "↑↓ choose", .move),
        KeyBinding([.key(.char("/"))], "/ search", .search),
        KeyBinding([.key(.char("s"))], "s status", .status),
        KeyBinding([.key(.char("u"))], "u due only", .due),
        KeyBinding(KeyMatch.back + [.key(.char("q"))], "Esc back", .back),
    ]

    static let searchBindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter search", .apply),
        KeyBinding([.key(.escape)], "Esc cancel", .back),
        KeyBinding([.editing], "Type a name, reference, team or organisation", .type),
    ]

    /// The changes a person can record, in the order they happen.
    static let changes: [(key: Character, kind: EventKind)] = [
        ("a", .authorised), ("r", .refused), ("t", .sent), ("c", .received), ("o", .senderCopyDeleted),
        ("d", .allCopiesDeleted), ("v", .reviewed),
    ]

    static let entryBindings: [KeyBinding<Action>] =
        changes.map { KeyBinding([.key(.char($0.key))], "\($0.key) \(ChangeForm.verb($0.kind))", .change($0.kind)) }
        + [KeyBinding(KeyMatch.back, "Esc back", .back)]

    static let changeBindings: [KeyBinding<Action>] = [
        KeyBinding([.key(.enter)], "Enter record", .confirm),
        KeyBinding([.key(.tab), .key(.down)], "Tab next box", .nextField),
        KeyBinding([.key(.escape)], "Esc cancel", .back),
        KeyBinding([.editing], nil, .type),
    ]

    var bindings: [KeyBinding<Action>] {
        switch panel {
        case .list: Self.listBindings
        case .searching: Self.searchBindings
        case .entry: Self.entryBindings
        case .change: Self.changeBindings
        }
    }

    private var highlight: Int { cursor.position ?? 0 }

    /// Opens the screen on the register's newest entries.
    static func open(_ app: AppState) -> Effect {
        var screen = RegisterScreen(today: String(app.clock.timestamp.prefix(10)))
        let list = screen.ask(.list(screen.query), app)
        return .all([.show(screen), list])
    }

    /// Hands `request` to the register (the screen waits for its answer), or says there is none.
    private mutating func ask(_ request: RegisterRequest, _ app: AppState) -> Effect {
        guard let setting = app.register else {
            return .say(
                .problem(
                    RegisterError.unavailable(location: "this computer", reason: "no register is set up").description))
        }
        waiting = true
        return .run(.register(setting, request, clock: app.clock))
    }

    /// Back to the start menu; the register is closed once any request in hand is done.
    private static var leave: Effect { .all([.run(.closeRegister), .show(StartScreen())]) }

    /// Which part is up, for the loop's "a different screen" test (keys typed ahead are dropped).
    var part: String? {
        switch panel {
        case .list, .searching: "list"
        case .entry(let view): "entry " + view.history.entry.reference
        case .change(let form): form.confirming ? "confirm" : "change"
        }
    }

    func title(_ app: AppState) -> ScreenTitle { .named("The register") }
    func hints(_ app: AppState) -> [String] { waiting ? ["Esc back to the menu"] : bindings.hints() }

    mutating func update(_ key: Key, _ app: inout AppState) -> Effect {
        // Keys typed while the register is being asked are dropped, as keys typed while one
        // screen gives way to the next; only Esc leaves, without waiting for the answer.
        if waiting { return key == .escape ? Self.leave : .none }
        let state = app
        func ask(_ request: RegisterRequest) -> Effect { self.ask(request, state) }
        let action = bindings.action(for: key)
        switch panel {
        case .list:
            message = nil
            cursor.saw(key)
            switch action {
            case .move?: cursor.move(key, count: max(1, entries.count))
            case .open?:
                guard entries.indices.contains(highlight) else { return .none }
                return ask(.entry(reference: entries[highlight].reference))
            case .search?: panel = .searching
            case .status?:
                let all: [EntryStatus?] = [nil] + EntryStatus.allCases
                let next = ((all.firstIndex(of: query.status) ?? 0) + 1) % all.count
                query.status = all[next]
                return ask(.list(query))
            case .due?:
                query.dueBy = query.dueBy == nil ? today : nil
                return ask(.list(query))
            case .back?: return Self.leave
            default: break
            }
        case .searching:
            switch action {
            case .type?: search.handle(key)
            case .apply?:
                panel = .list
                query.search = search.text.isEmpty ? nil : search.text
                return ask(.list(query))
            case .back?: panel = .list
            default: break
            }
        case .entry(let view):
            message = nil
            switch action {
            case .change(let kind)?: panel = .change(ChangeForm(kind: kind, view: view))
            case .back?:
                panel = .list
                return ask(.list(query))
            default: break
            }
        case .change(var form):
            if form.confirming {
                form.confirming = false
                panel = .change(form)
                guard YesOrNo.answer(key) == .yes else {
                    message = .done("Not recorded.")
                    return .none
                }
                signing = form.kind.signatureNamespace == .decision && app.signing.keyPath != nil
                return ask(
                    .change(
                        form.request, reference: form.history.entry.reference, files: form.files, home: app.home,
                        signing: app.signing))
            }
            message = nil
            switch action {
            case .type?: form.type(key)
            case .nextField?: form.field = (form.field + 1) % form.fieldCount
            case .confirm?:
                if let problem = form.problem {
                    message = .problem(problem)
                } else {
                    form.confirming = true
                    // Said before y, so a passphrase prompt that may follow comes as no surprise.
                    let signed =
                        form.kind.signatureNamespace == .decision && app.signing.keyPath != nil
                        ? " It is signed with your key first." : ""
                    message = .problem(form.question + signed + " Press y to record it, any other key to go back.")
                }
            case .back?:
                panel = .entry(form.view)
                return .none
            default: break
            }
            panel = .change(form)
        }
        return .none
    }

    mutating func receive(_ reply: Reply, _ app: inout AppState) -> Effect {
        switch reply {
        case .register(.needsPerson(let pending)):
            // Still waiting: the loop hands the terminal to ssh-keygen, then the answer comes.
            return .run(.signAtTerminal(pending, app.signing))
        case .signed(let pending, .success(let proof)):
            return ask(.record(pending, proof), app)
        case .signed(_, .failure(let problem)):
            waiting = false
            signing = false
            message = .problem("Not signed, so not recorded: \(problem.description).")
            return .none
        case .register(let answer):
            waiting = false
            signing = false
            switch answer {
            case .listed(let result): listed(result)
            case .entry(let result): opened(result)
            case .changed(.success(let change)): opened(.success(change.view), done: Self.recorded(change))
            case .changed(.failure(let refused)): message = .problem(refused.text)
            case .needsPerson: break
            }
            return .none
        default: return .none
        }
    }

    /// "Recorded: Authorised by the IAO, event 2 (log position 17). Signed with key SHA256:…
    /// (trusted: jowner)." An unsigned event says why it is not signed.
    static func recorded(_ change: RecordedChange) -> String {
        let event = change.event
        let history = change.view.history
        var words = "Recorded: \(event.kind.label), \(RegisterListing.place(of: event, in: history))."
        guard let index = history.events.firstIndex(where: { $0.sequence == event.sequence }),
            let signature = RegisterListing.signatureNote(event, change.view.findings[index])
        else { return words }
        words += " " + signature
        guard event.proof == nil else { return words + "." }
        switch event.kind {
        case .sent: return words + ": files sent are signed when they are sealed (`dmf-wizard seal`)."
        case .received: return words + ": files received are signed when they are checked (`dmf-wizard verify --by`)."
        default: return words + ": no signing key is set up (see `dmf-wizard keys`)."
        }
    }

    /// The register's answer to a list: the entries, or why they could not be read.
    private mutating func listed(_ result: Result<EntryList, RegisterError>) {
        switch result {
        case .success(let listed):
            entries = listed.entries
            notShown = listed.notShown
            cursor.position = min(highlight, max(0, entries.count - 1))
        case .failure(let error): message = .problem(error.description)
        }
    }

    /// The register's answer to opening an entry or recording a change.
    private mutating func opened(_ result: Result<EntryView, RegisterError>, done: String? = nil) {
        switch result {
        case .success(let view):
            panel = .entry(view)
            message = done.map { .done($0) }
        case .failure(let error): message = .problem(error.description)
        }
    }

    func view(_ page: inout Page, _ app: AppState) {
        switch panel {
        case .list, .searching: listView(&page)
        case .entry(let view): RegisterScreen.entryView(view, into: &page)
        case .change(let form): form.view(&page)
        }
        if waiting {
            page.pinned(signing ? "Signing with your key, then recording…" : "Waiting for the register…", style: .dim)
        }
        page.message(message)
    }

    private func listView(_ page: inout Page) {
        page.line("The register", style: .heading)
        var filters: [String] = []
        if let status = query.status { filters.append("status: \(status.label.lowercased())") }
        if query.dueBy != nil { filters.append("something due") }
        if let text = query.search { filters.append("matching \"\(text)\"") }
        page.line(filters.isEmpty ? "All entries, newest first." : "Showing " + filters.joined(separator: ", ") + ".")
        if panel == .searching {
            page.gap()
            page.field(search, width: 50, focused: true)
        }
        page.gap()
        if entries.isEmpty { page.line("No entries.") }
        for (index, entry) in entries.enumerated() {
            let selected = index == highlight && panel == .list
            let due = entry.nextDue.map { "  due \($0.date)" } ?? ""
            page.item(index) {
                $0.line(
                    "\(selected ? ">" : " ") \(entry.reference)  \(entry.verdict.uppercased())  \(entry.status.label)  "
                        + "\(entry.requester)\(due)",
                    style: selected ? .selected : .normal, hang: 2)
            }
        }
        if notShown > 0 {
            page.gap()
            page.line("\(notShown) more not shown: search (/) or choose a status (s) to find them.")
        }
        page.focus = panel == .list ? highlight : nil
    }

    /// One entry and its events, numbered within the entry (1, 2, 3…), each with its place in
    /// the register's whole log, who acted (name and account) and what its signature shows.
    static func entryView(_ view: EntryView, into page: inout Page) {
        let history = view.history
        let entry = history.entry
        page.line("\(entry.reference)  \(entry.marking)", style: .heading)
        page.line("\(entry.verdict.rawValue.uppercased()): \(history.status.label)")
        page.line("Requester: \(entry.requester)" + (entry.team.isEmpty ? "" : " (\(entry.team))"), hang: 2)
        page.line("Route: \(entry.route.label)", hang: 2)
        let destination = [entry.destinationOrganisation, entry.destinationSystem].filter { !$0.isEmpty }
        page.line("From \(entry.sourceSystem) to \(destination.joined(separator: ", "))", hang: 2)
        page.line("Transfer: \(entry.transferKind.rawValue)" + (entry.frequency.map { ", \($0.rawValue)" } ?? ""))
        for due in history.dueItems { page.line("Due \(due.date): \(due.label)", style: .accent, hang: 2) }
        page.gap()
        page.line("What has happened", style: .heading)
        for (index, event) in history.events.enumerated() {
            var line = "\(index + 1). \(event.date)  \(event.kind.label): \(RegisterListing.actor(event))"
            let finding = index < view.findings.count ? view.findings[index] : nil
            if let signature = RegisterListing.signature(event, finding) { line += ", " + signature }
            line += "  [log \(event.sequence)]"
            page.line(line, style: finding.map(Self.isWarning) == true ? .error : .normal, hang: 3)
            if let reason = event.reason, !reason.isEmpty { page.line(reason, indent: 3, hang: 2) }
            for file in event.files { page.line("\(file.name), \(file.size) bytes", indent: 3, hang: 2) }
        }
    }

    /// A signature this desk does not trust, or one that no longer matches its event, stands
    /// out (the words say which; the colour is only a help).
    static func isWarning(_ finding: ProofFinding) -> Bool {
        switch finding {
        case .untrusted, .broken: true
        case .unsigned, .trusted, .uncheckable: false
        }
    }
}

/// A status change being filled in: who, the day, why, and the files for a sending or receipt.
struct ChangeForm: Equatable {
    var kind: EventKind
    /// The entry as shown, to go back to.
    var view: EntryView
    var history: EntryHistory { view.history }
    var by = TextInput()
    var date = TextInput()
    var reason = TextInput()
    var paths = TextInput()
    var nextReview = TextInput()
    var field = 0
    var confirming = false

    init(kind: EventKind, view: EntryView) {
        self.kind = kind
        self.view = view
    }

    static func verb(_ kind: EventKind) -> String {
        switch kind {
        case .authorised: "authorise"
        case .refused: "refuse"
        case .sent: "sent"
        case .received: "received"
        case .senderCopyDeleted: "sender copy deleted"
        case .allCopiesDeleted: "all deleted"
        case .reviewed: "reviewed"
        case .redacted: "redacted"
        case .created: "created"
        }
    }

    var needsFiles: Bool { kind == .sent || kind == .received }
    /// Files sent or received, or the next review's date: a fourth box for those changes.
    var fieldCount: Int { needsFiles || kind == .reviewed ? 4 : 3 }

    mutating func type(_ key: Key) {
        switch field {
        case 0: by.handle(key)
        case 1: date.handle(key)
        case 2: reason.handle(key)
        default: if kind == .reviewed { nextReview.handle(key) } else { paths.handle(key) }
        }
    }

    /// The file paths, separated by spaces (paths with spaces are for the command line).
    var files: [String] { needsFiles ? paths.text.split(separator: " ").map(String.init) : [] }

    var request: EventRequest {
        EventRequest(
            kind: kind, by: by.text.trimmingCharacters(in: .whitespaces),
            date: date.text.isEmpty ? nil : date.text, reason: reason.text.isEmpty ? nil : reason.text,
            nextReview: kind == .reviewed && !nextReview.text.isEmpty ? nextReview.text : nil)
    }

    /// What must be put right before it can be recorded.
    var problem: String? {
        if by.text.trimmingCharacters(in: .whitespaces).isEmpty { return "Type who did it." }
        if kind == .refused && reason.text.isEmpty { return "Type the reason for the refusal." }
        if needsFiles && files.isEmpty { return "Type the path of each file, separated by spaces." }
        do { _ = try request.readingDates() } catch { return error.description }
        return nil
    }

    var question: String {
        "Record \"\(kind.label)\" for \(history.entry.reference) by \(by.text)?"
    }

    func view(_ page: inout Page) {
        page.line("\(kind.label): \(history.entry.reference)", style: .heading)
        page.gap()
        let labels = [
            "Who", "Date (blank for today)", kind == .refused ? "Reason" : "Reason or note (optional)",
            kind == .reviewed ? "Next review (blank for a year after the review)" : "Files",
        ]
        let inputs = [by, date, reason, kind == .reviewed ? nextReview : paths]
        for index in 0..<fieldCount {
            page.line(labels[index], style: index == field ? .accent : .normal)
            page.field(inputs[index], width: 60, focused: index == field)
        }
    }
}
