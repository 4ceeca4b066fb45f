import DMFPolicy
import Testing

@Suite("Dates as people type them")
struct IsoDateTests {
    @Test(
        "the UK order and the ISO order are both read, and stored as YYYY-MM-DD",
        arguments: [
            ("2027-03-31", "2027-03-31"), ("31/03/2027", "2027-03-31"), ("31-03-2027", "2027-03-31"),
            ("31/3/2027", "2027-03-31"), ("1/4/2027", "2027-04-01"), ("01/04/2027", "2027-04-01"),
            ("2027-3-1", "2027-03-01"), ("2027/03/31", "2027-03-31"), ("  31/03/2027 ", "2027-03-31"),
            ("29/02/2028", "2028-02-29"), ("29/02/2000", "2000-02-29"), ("31/12/9999", "9999-12-31"),
            // Both numbers could be a month: the day comes first, always.
            ("03/04/2027", "2027-04-03"), ("12/11/2027", "2027-11-12"),
        ])
    func accepted(typed: String, iso: String) throws {
        let date = try IsoDate.read(typed).get()
        #expect(date.iso == iso)
        #expect(IsoDate(iso) == date)
    }

    @Test(
        "a date that does not exist says so plainly, naming the day",
        arguments: [
            ("30/02/2027", "30 February 2027 does not exist (February 2027 has 28 days)"),
            ("2027-02-30", "30 February 2027 does not exist (February 2027 has 28 days)"),
            ("30/02/2028", "30 February 2028 does not exist (February 2028 has 29 days)"),
            ("29/02/2027", "29 February 2027 does not exist (2027 is not a leap year)"),
            ("2100-02-29", "29 February 2100 does not exist (2100 is not a leap year)"),
            ("31/04/2027", "31 April 2027 does not exist (April has 30 days)"),
            ("31-06-2027", "31 June 2027 does not exist (June has 30 days)"),
            ("32/01/2027", "32 January 2027 does not exist (January has 31 days)"),
        ])
    func doesNotExist(typed: String, says: String) {
        guard case .failure(let problem) = IsoDate.read(typed) else {
            Issue.record("\(typed) was accepted")
            return
        }
        #expect(problem.explanation(typed: typed) == says)
        #expect(!says.contains("not a date"))
    }

    @Test("month 13 and month 0 and day 0 are named")
    func impossibleNumbers() {
        #expect(IsoDate.read("2027-13-01") == .failure(.noSuchMonth(13)))
        #expect(IsoDate.read("31/13/2027") == .failure(.noSuchMonth(13)))
        #expect(IsoDate.read("01/00/2027") == .failure(.noSuchMonth(0)))
        #expect(
            IsoDate.Problem.noSuchMonth(13).explanation(typed: "2027-13-01")
                == "'2027-13-01' has month 13, but months go from 1 to 12")
        #expect(IsoDate.read("00/03/2027") == .failure(.noSuchDay(day: 0, month: 3, year: 2027)))
        #expect(
            IsoDate.Problem.noSuchDay(day: 0, month: 3, year: 2027).explanation(typed: "00/03/2027")
                == "'00/03/2027' has day 0, but days start at 1")
    }

    @Test("the US order (month first) is never taken: the message says the day comes first")
    func usOrder() {
        #expect(IsoDate.read("03/31/2027") == .failure(.monthFirst(day: 31, month: 3, year: 2027)))
        #expect(IsoDate.read("12/25/2027") == .failure(.monthFirst(day: 25, month: 12, year: 2027)))
        let says = IsoDate.Problem.monthFirst(day: 31, month: 3, year: 2027).explanation(typed: "03/31/2027")
        #expect(says == "'03/31/2027' puts the month first; the day comes first, so write 31/03/2027")
        // Month-first that would not be a date either way is just a bad month.
        #expect(IsoDate.read("02/30/2027") == .failure(.noSuchMonth(30)))
    }

    @Test("a two-digit year is refused as ambiguous", arguments: ["31/03/27", "31-3-27", "1/1/27", "27-03-31"])
    func twoDigitYear(typed: String) {
        #expect(IsoDate.read(typed) == .failure(.twoDigitYear))
        let says = IsoDate.Problem.twoDigitYear.explanation(typed: typed)
        #expect(says.contains("two-digit year") && says.contains("ambiguous") && says.contains("in full"))
    }

    @Test(
        "text that is not shaped like a date is 'not a date'",
        arguments: [
            "", "soon", "31.03.2027", "31 03 2027", "31/03-2027", "2027-03", "2027-03-31-1", "31/03/027",
            "31/03/20271", "2027-003-31", "٣١/٠٣/٢٠٢٧", "３１/０３/２０２７", "+31/03/2027", "31//2027",
            "2027-03-31T10:00", "next march",
        ])
    func notADate(typed: String) {
        #expect(IsoDate.read(typed) == .failure(.notADate))
        #expect(IsoDate.Problem.notADate.explanation(typed: typed).hasSuffix("is not a date"))
    }

    @Test("explanations show typed control characters visibly and stay on one line")
    func explanationIsOneLine() {
        let says = IsoDate.Problem.notADate.explanation(typed: "31/03\n/2027\u{1B}[2J")
        #expect(!says.contains { $0.isNewline })
        #expect(!says.contains("\u{1B}"))
    }

    @Test(
        "the stored form stays strict: only YYYY-MM-DD",
        arguments: ["31/03/2027", "2027-3-31", " 2027-03-31", "2027-02-29"])
    func storedFormIsStrict(text: String) {
        #expect(IsoDate(text) == nil)
    }

    @Test("isBefore(today:) compares with the day given, not the clock")
    func isBeforeToday() throws {
        let today = try #require(IsoDate("2026-11-29"))
        #expect(try #require(IsoDate("2026-11-28")).isBefore(today: today))
        #expect(try #require(IsoDate("2025-12-31")).isBefore(today: today))
        #expect(!(try #require(IsoDate("2026-11-29")).isBefore(today: today)))  // today is not in the past
        #expect(!(try #require(IsoDate("2026-11-30")).isBefore(today: today)))
        #expect(!(try #require(IsoDate("2027-01-01")).isBefore(today: today)))
        #expect(try #require(IsoDate("2026-10-30")).isBefore(today: today))  // month decides before day
    }

    @Test(
        "today from a clock's seconds since 1970, in UTC or a zone ahead of it",
        arguments: [
            (Int64(0), 0, "1970-01-01"), (86_399, 0, "1970-01-01"), (86_400, 0, "1970-01-02"),
            (-1, 0, "1969-12-31"), (-86_400, 0, "1969-12-31"), (-86_401, 0, "1969-12-30"),
            (951_782_400, 0, "2000-02-29"), (1_796_083_199, 0, "2026-11-30"),
            (1_775_001_599, 0, "2026-03-31"), (1_775_001_599, 3600, "2026-04-01"),  // 23:59:59 UTC is 00:59:59 BST
            (1_774_915_200, -3600, "2026-03-30"),
            (253_402_300_799, 0, "9999-12-31"), (-62_167_219_200, 0, "0000-01-01"),
        ] as [(Int64, Int, String)])
    func fromSeconds(seconds: Int64, offset: Int, iso: String) throws {
        #expect(try #require(IsoDate(secondsSince1970: seconds, utcOffset: offset)).iso == iso)
    }

    @Test("a clock outside the years 0000 to 9999 gives no date")
    func fromSecondsOutOfRange() {
        #expect(IsoDate(secondsSince1970: 253_402_300_800) == nil)
        #expect(IsoDate(secondsSince1970: -62_167_219_201) == nil)
        #expect(IsoDate(secondsSince1970: .max, utcOffset: 3600) == nil)
        #expect(IsoDate(secondsSince1970: .min) == nil)
    }

    @Test("every day of 1999 to 2101 from seconds matches the calendar walked by hand")
    func fromSecondsAgreesWithCalendar() throws {
        var expected = try #require(IsoDate("1999-01-01"))
        var seconds: Int64 = 915_148_800  // 1999-01-01T00:00:00Z
        while expected.year < 2102 {
            #expect(IsoDate(secondsSince1970: seconds + 43_200) == expected)
            seconds += 86_400
            expected =
                IsoDate(year: expected.year, month: expected.month, day: expected.day + 1)
                ?? IsoDate(year: expected.year, month: expected.month + 1, day: 1)
                ?? IsoDate(year: expected.year + 1, month: 1, day: 1)!
        }
    }
}

@Suite("Choice spellings and date advice")
struct TextChecksTests {
    @Test(
        "choice values match whatever their case, with a space or underscore for the hyphen",
        arguments: [
            ("OFFICIAL-SENSITIVE", "official-sensitive"), ("Official Sensitive", "official-sensitive"),
            ("Yes", "yes"), ("NO", "no"), ("Not-Sure", "not-sure"), ("not sure", "not-sure"), ("not_sure", "not-sure"),
            ("  secure-network ", "secure-network"), ("between MOJ systems", "between-moj-systems"),
        ])
    func choiceKey(typed: String, key: String) {
        #expect(TextChecks.choiceKey(typed) == key)
    }

    @Test("line breaks and tabs inside a value are not made hyphens")
    func choiceKeyKeepsOtherBlanks() {
        #expect(TextChecks.choiceKey("not\nsure") == "not\nsure")
        #expect(TextChecks.choiceKey("not\tsure") == "not\tsure")
    }

    @Test("date advice for the wizard is a sentence naming both forms")
    func dateAdvice() {
        let advice = TextChecks.dateAdvice(.noSuchDay(day: 30, month: 2, year: 2027), typed: "30/02/2027")
        #expect(
            advice
                == """
                30 February 2027 does not exist (February 2027 has 28 days). Type the date as day/month/year, \
                such as 31/03/2027, or year-month-day, such as 2027-03-31.
                """
        )
        #expect(TextChecks.dateAdvice(.notADate, typed: "soon").hasPrefix("'soon' is not a date. Type the date as"))
    }
}
