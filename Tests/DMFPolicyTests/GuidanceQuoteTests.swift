import DMFPolicy
import Foundation
import Testing

/// Every quotation in the rule catalogue is the guidance's own words: the DMF is signed on the
/// strength of them, so an added word inside the quotation marks would misquote the policy.
struct GuidanceQuoteTests {
    /// The guidance as a reader sees it: links as their text, no emphasis marks or code spans,
    /// list items run together, whitespace collapsed.
    static let guidance: String = {
        let url = Bundle.module.url(forResource: "Guidance/data-sharing", withExtension: "md")!
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let patterns = [
            (#"<!--.*?-->"#, ""), (#"<[^>]+>"#, ""), (#"(?m)^\[\w+\]: .*$"#, ""),
            (#"\[([^\]]+)\]\([^)]*\)"#, "$1"), (#"\[([^\]]+)\]\[\w*\]"#, "$1"),
            (#"`|(?<!\w)_|_(?!\w)"#, ""), (#"(?m)^\s*- "#, " "), (#"(?m)^#+ "#, ""), (#"\s+"#, " "),
        ]
        for (pattern, template) in patterns {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return text
    }()

    @Test("the guidance text is there to check against")
    func guidanceLoads() {
        #expect(Self.guidance.contains("all the recipients are authorised and cleared"))
        #expect(Self.guidance.contains("This guidance is dated December 2018."))
    }

    @Test("each passage a rule quotes is word for word in the guidance", arguments: RuleID.allCases)
    func quotationIsExact(_ id: RuleID) {
        let source = id.source
        guard !source.isLaterGuidance else { return }
        for passage in source.text.components(separatedBy: " … ") {
            #expect(Self.guidance.contains(passage), "\(id.rawValue): \(passage)")
        }
    }

    @Test("the section a rule names is a heading of the guidance", arguments: RuleID.allCases)
    func sectionIsAHeading(_ id: RuleID) {
        guard !id.source.isLaterGuidance else { return }
        #expect(Self.guidance.contains(id.source.section), "\(id.rawValue): \(id.source.section)")
    }

    @Test("a note is printed outside the quotation marks")
    func noteStaysOutside() {
        let source = RuleID.dmfAuthorised.source
        let quotation = source.quotation
        #expect(quotation.hasPrefix("\"\(source.text)\" ("))
        #expect(!source.text.contains("("))
        #expect(RuleID.minimiseRisk.source.quotation == "\"information is not exposed to unnecessary risks\"")
    }
}
