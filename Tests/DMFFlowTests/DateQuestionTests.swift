import DMFFlow
import DMFPolicy
import Testing

/// The delete-by date (K1) as typed in the wizard: either order is taken and stored one way.
@Suite("Typed dates in the wizard")
struct DateQuestionTests {
    static var question: Question { Flow().question(code: "K1")! }

    @Test(
        "31/03/2027, 31-03-2027, 31/3/2027 and 2027-03-31 are accepted and stored as 2027-03-31",
        arguments: ["2027-03-31", "31/03/2027", "31-03-2027", "31/3/2027", " 31/03/2027 ", "2027-3-31"])
    func accepted(typed: String) {
        #expect(Self.question.validate(text: typed) == nil)
        #expect(Self.question.normalised(text: typed) == "2027-03-31")
    }

    @Test(
        "each kind of bad date is explained, naming both accepted forms",
        arguments: [
            ("30/02/2027", "30 February 2027 does not exist (February 2027 has 28 days)."),
            ("29/02/2027", "29 February 2027 does not exist (2027 is not a leap year)."),
            ("31/04/2027", "31 April 2027 does not exist (April has 30 days)."),
            ("2027-13-01", "'2027-13-01' has month 13, but months go from 1 to 12."),
            ("31/03/27", "'31/03/27' has a two-digit year, which is ambiguous; write the year in full, such as 2027."),
            ("03/31/2027", "'03/31/2027' puts the month first; the day comes first, so write 31/03/2027."),
            ("next march", "'next march' is not a date."),
        ])
    func refused(typed: String, starts: String) throws {
        let problem = try #require(Self.question.validate(text: typed))
        #expect(problem.hasPrefix(starts), "\(problem)")
        #expect(
            problem.hasSuffix(
                "Type the date as day/month/year, such as 31/03/2027, or year-month-day, such as 2027-03-31."))
    }

    @Test("the date is optional: empty is fine and stores nothing")
    func empty() {
        #expect(Self.question.validate(text: "  ") == nil)
        #expect(Self.question.normalised(text: "") == nil)
    }
}
