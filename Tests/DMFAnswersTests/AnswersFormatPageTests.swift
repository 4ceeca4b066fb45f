import DMFPolicy
import Foundation
import Testing

/// The key tables of `docs/answers-format.md` are written from `AnswerSchema`, between
/// `<!-- keys: SECTION -->` and `<!-- end keys -->` (and the method's values between
/// `<!-- values: method -->` and `<!-- end values -->`), so the page cannot drift from what the
/// reader accepts. After a change to the schema: `RECORD_GOLDEN=1 swift test --filter
/// AnswersFormatPageTests` writes them again (and fails, so a recording run never passes).
@Suite struct AnswersFormatPageTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/answers-format.md")

    @Test func theKeyTablesAreTheSchemas() throws {
        let page = try String(contentsOf: Self.url, encoding: .utf8)
        let written = AnswersFormatPage.filled(page)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(written.utf8).write(to: Self.url)
            Issue.record("Wrote the key tables of docs/answers-format.md because RECORD_GOLDEN=1; review the diff.")
            return
        }
        #expect(
            page == written, "docs/answers-format.md's key tables are out of date: record them with RECORD_GOLDEN=1")
        // Every section of the file has its table, and every answer is in one.
        for section in AnswerSchema.topLevelKeys where section != "recipients" {
            #expect(page.contains("<!-- keys: \(section) -->"), "\(section)")
        }
        #expect(page.contains("<!-- keys: recipients -->") && page.contains("<!-- values: method -->"))
        for field in AnswerSchema.fields { #expect(page.contains("| `\(field.key)` |"), "\(field.path)") }
        for field in AnswerSchema.recipient { #expect(page.contains("| `\(field.key)` |"), "\(field.path)") }
    }

    @Test func aTableSaysTypeValuesAndWhenRequired() throws {
        let data = AnswersFormatPage.table("data")
        #expect(data.contains("| `classification` | choice | `official` (OFFICIAL), `official-sensitive`"))
        #expect(data.contains("| `bulk` | choice | `yes`, `no`, `not-sure` | `records` is not given |"))
        #expect(data.contains("| `records` | whole number | `0` upwards, digits only | never |"))
        #expect(AnswersFormatPage.table("third_party").contains("| route is `third-party` |"))
        #expect(AnswersFormatPage.table("method").contains("see the values below"))
        #expect(AnswersFormatPage.table("data").contains("(`description: \\|` then indented lines)"))
        let routes = AnswersFormatPage.routes
        #expect(routes.contains("| `same-system` | Inside one MOJ system or domain (for example DOM1) | | |"))
        #expect(routes.contains("`third_party.contract`"))
    }
}

/// The page's generated parts.
enum AnswersFormatPage {
    /// `page` with every marked table written again from the schema.
    static func filled(_ page: String) -> String {
        var text = page
        for section in AnswerSchema.topLevelKeys {
            text = replacing(in: text, from: "<!-- keys: \(section) -->", to: "<!-- end keys -->", with: table(section))
        }
        text = replacing(in: text, from: "<!-- values: method -->", to: "<!-- end values -->", with: methodValues)
        return replacing(in: text, from: "<!-- routes -->", to: "<!-- end routes -->", with: routes)
    }

    static func replacing(in text: String, from start: String, to end: String, with body: String) -> String {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex)
        else { return text }
        return String(text[..<open.upperBound]) + "\n" + body + String(text[close.lowerBound...])
    }

    /// One table row; a `|` inside a cell is escaped so it cannot split the cell.
    static func row(_ cells: [String]) -> String {
        "|"
            + cells.map { $0.isEmpty ? " " : " " + $0.replacingOccurrences(of: "|", with: "\\|") + " " }.joined(
                separator: "|")
            + "|"
    }

    /// Each route with its label, the keys asked on it and the keys it requires, beyond those
    /// every route asks and requires.
    static var routes: String {
        guard let route = AnswerSchema.field(at: \Answers.route.type), case .choice(let options) = route.type else {
            return ""
        }
        func on(_ value: String) -> Answers {
            var answers = Answers()
            route.set(value, in: &answers)
            return answers
        }
        // What depends on the route: asked or required on some routes and not on others.
        func depending(_ condition: (AnswerField, Answers) -> Bool) -> [String: [String]] {
            var byRoute: [String: [String]] = [:]
            for field in AnswerSchema.fields {
                let routes = options.map(\.value).filter { condition(field, on($0)) }
                guard !routes.isEmpty, routes.count < options.count else { continue }
                for value in routes { byRoute[value, default: []].append("`\(field.path)`") }
            }
            return byRoute
        }
        let asked = depending { $0.applies($1) }
        let required = depending { $0.required($1) }
        var rows = ["| `type` | Label | Also asked | Also required |", "|---|---|---|---|"]
        for option in options {
            rows.append(
                row([
                    "`\(option.value)`", option.label, (asked[option.value] ?? []).joined(separator: ", "),
                    (required[option.value] ?? []).joined(separator: ", "),
                ]))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// The key table of one top-level key (`data`, `recipients`, `method`).
    static func table(_ section: String) -> String {
        var rows = [
            "| Key | Type | Allowed values (label) | Required when | Notes |", "|---|---|---|---|---|",
        ]
        func line<Root>(_ field: SchemaField<Root>) -> String {
            let asked =
                field.applies.name == AnswerCondition.always.name ? [] : ["Asked only when \(field.applies.words)."]
            let notes = (asked + [field.note]).filter { !$0.isEmpty }.joined(separator: " ")
            return row(["`\(field.key)`", typeName(field.type), allowed(field.type), field.required.words, notes])
        }
        if section == "recipients" {
            rows += AnswerSchema.recipient.map(line)
        } else {
            rows += AnswerSchema.fields(under: section).map(line)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static var methodValues: String {
        guard case .choice(let options) = AnswerSchema.field(at: \Answers.method)?.type else { return "" }
        return (["| Value | Label |", "|---|---|"] + options.map { row(["`\($0.value)`", $0.label]) })
            .joined(separator: "\n") + "\n"
    }

    static func typeName(_ type: FieldType) -> String {
        switch type {
        case .choice: "choice"
        case .text: "text"
        case .paragraph: "text, several lines"
        case .email: "email address"
        case .date: "date"
        case .count: "whole number"
        }
    }

    /// The spellings, each with the label people see unless the label only capitalises it.
    static func allowed(_ type: FieldType) -> String {
        switch type {
        case .choice(let options) where options.count > 6 || options.contains(where: { $0.label.count > 40 }):
            return "see the values below"
        case .choice(let options):
            return options.map { option in
                let plain =
                    option.value.prefix(1).uppercased()
                    + option.value.dropFirst().replacingOccurrences(of: "-", with: " ")
                return "`\(option.value)`" + (option.label == plain ? "" : " (\(option.label))")
            }.joined(separator: ", ")
        case .count:
            return "`0` upwards, digits only"
        case .date:
            return "see [Values](#values)"
        case .text, .paragraph, .email:
            return ""
        }
    }
}
