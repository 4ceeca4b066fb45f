import DMFPolicy
import DMFRegister
import Foundation
import TerminalUI
import Testing

@testable import DMFApp

/// How the register's lists and an entry's events read for people: columns that line up
/// whatever script the names are in, and events numbered within their entry, with their place
/// in the whole log shown apart.
@Suite struct RegisterListingTests {
    /// The display column where `cell` starts in `line`.
    static func column(of cell: String, in line: String) throws -> Int {
        let range = try #require(line.range(of: cell), "\(cell) is not in \(line)")
        return displayColumns(of: line[..<range.lowerBound])
    }

    @Test func columnsLineUpByDisplayWidth() throws {
        let requesters = [
            "Bob Smith",
            "山田 太郎",  // two columns a character
            "Jose\u{301} Núñez",  // a combining accent takes none
            "Ana 👩‍💻 Silva",  // an emoji sequence takes two
            "鈴木 一郎 山田 太郎 佐藤 花子 高橋 次郎",  // wider than 30 columns: cut
        ]
        let summaries = requesters.enumerated().map { index, requester in
            EntrySummary(
                entry: Sample.entry("DMF-20261129-000\(index)", requester: requester), status: .recorded,
                nextDue: nil)
        }
        let lines = RegisterListing.render(summaries, format: .table).split(separator: "\n").map(String.init)
        let header = lines[0]
        let team = try Self.column(of: "Team", in: header)
        let route = try Self.column(of: "Route", in: header)
        let routeLabel = RouteType.betweenMOJSystems.formLabel
        let verdict = try Self.column(of: "Verdict", in: header)
        for line in lines[1...requesters.count] {
            #expect(try Self.column(of: "Data integration", in: line) == team, "\(line)")
            #expect(try Self.column(of: routeLabel, in: line) == route, "\(line)")
            #expect(try Self.column(of: "CONDITIONS", in: line) == verdict, "\(line)")
        }
        let cut = try #require(lines.first { $0.contains("鈴木") })
        let start = try #require(cut.range(of: "鈴木")?.lowerBound)
        let end = try #require(cut.firstIndex(of: "…"), "a name wider than 30 columns is cut: \(cut)")
        #expect((29...30).contains(displayColumns(of: cut[start...end])), "cut at 30 columns, not 30 characters")
    }

    @Test func eventsAreNumberedWithinTheirEntryWithTheLogPositionApart() throws {
        let register = Register(storage: MemoryRegisterStorage(), now: { "2026-11-29T10:00:00Z" }, account: { "jo" })
        for reference in ["DMF-20261129-AAAA", "DMF-20261129-BBBB"] {
            _ = try register.record(Sample.entry(reference), by: "Sam", producedOn: "2026-11-29")
        }
        _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-BBBB")
        _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: "DMF-20261129-AAAA")
        let shown = RegisterListing.details(try register.history("DMF-20261129-BBBB"))
        #expect(shown.contains("\n  1. [log 2] 2026-11-29 Recorded — Sam (account jo)\n"), "\(shown)")
        #expect(shown.contains("\n  2. [log 3] 2026-11-29 Authorised by the IAO — Iris IAO (account jo)\n"))
        let other = try register.history("DMF-20261129-AAAA")
        let last = try #require(other.events.last)
        #expect(RegisterListing.place(of: last, in: other) == "event 2 (log position 4)")
    }

    /// Ten events and more: the numbers are right-aligned, so the dates line up.
    @Test func numbersAreRightAlignedSoTheDatesLineUp() throws {
        let register = Register(storage: MemoryRegisterStorage(), now: { "2026-11-29T10:00:00Z" }, account: { "jo" })
        let entry = Sample.entry("DMF-20261129-RECU", frequency: .recurring)
        _ = try register.record(entry, by: "Sam", producedOn: "2026-11-29")
        _ = try register.append(EventRequest(kind: .authorised, by: "Iris IAO"), to: entry.reference)
        for _ in 0..<9 {
            _ = try register.append(
                EventRequest(kind: .sent, by: "Sam", files: [Sample.file]), to: entry.reference)
        }
        let lines = RegisterListing.details(try register.history(entry.reference)).split(separator: "\n")
            .filter { $0.contains("] 2026-11-29") }
        #expect(lines.count == 11)
        #expect(lines.first?.hasPrefix("   1. [log  1] 2026-11-29") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("  11. [log 11] 2026-11-29") == true, "\(lines)")
    }
}
