import DMFPolicy

/// A short code a caller can read out over the phone that rebuilds every choice answered so far
/// (never the free text): `dmf-wizard --code CXD-NCS-K6H-F7Y` on another machine, then only the
/// free-text questions are asked.
///
/// The choices are packed as one mixed-radix number (each question's digit is 0 for unanswered,
/// else the choice number), written in Crockford base32 in groups of three, after a first symbol
/// giving the code's length and before a final check symbol (Luhn mod 32), so a mistyped code is
/// rejected instead of rebuilding wrong answers. The length symbol catches a code cut short that
/// happens to pass the check (one in 32), which would otherwise decode to other, valid choices.
public enum ResumeCode {
    /// Recipients beyond this are not in the code (their choices are re-asked).
    public static let maxRecipients = 7

    /// Why a typed code was refused, in words for the agent.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case badSymbol(Character)
        case checkFailed
        /// Made under another layout of the questions: its digits would mean other answers.
        case olderVersion
        case malformed

        public var description: String {
            switch self {
            case .empty: "Type the code the caller reads out, for example \(ResumeCode.example)."
            case .badSymbol(let symbol):
                """
                '\(Sanitizer.visible(String(symbol)))' cannot be in a code: codes use digits and the letters A to \
                Z except I, L, O and U.
                """
            case .checkFailed:
                """
                That code does not check out: a character is probably misheard, mistyped or missed out. Ask the \
                caller to read it again.
                """
            case .olderVersion: "This code was made by an older version: read the answers again."
            case .malformed: "That code is not complete. Ask the caller to read all of it."
            }
        }
    }

    /// A code to show in messages and help: the example answers file's (examples/ogd-share.yaml),
    /// made by this layout; a test keeps it so when the layout changes.
    public static let example = "CXD-NCS-K6H-F7Y"

    /// The choice answers in code order: every choice of `AnswerSchema` (the wizard asks each of
    /// them), in the answers file's order, then a recipient's.
    static let fields: [AnswerField] = AnswerSchema.fields.filter { !$0.type.values.isEmpty }
    static let recipientFields: [RecipientField] = AnswerSchema.recipient.filter { !$0.type.values.isEmpty }

    /// What a code's digits mean: each choice answer in code order with its options. A code made
    /// under one layout decodes to other answers under another, so the version is worked out
    /// from this text (a test keeps every layout made so far and checks no two share a version).
    static let layout: String =
        (fields.map { ($0.path, $0.type.values) } + recipientFields.map { ($0.path, $0.type.values) })
        .map { "\($0.0):\($0.1.joined(separator: ","))" }
        .joined(separator: ";") + ";recipients<=\(maxRecipients)"

    /// The version digit: 64 values from a hash of the layout, each ending in the two bits 11.
    /// Codes from before the version was worked out (versions 1 and 2, in a digit of radix 4)
    /// end in 01 or 10, so they are refused as older, never misread.
    static let version: UInt128 = version(of: layout)
    static let versionRadix: UInt128 = 256

    static func version(of layout: String) -> UInt128 { UInt128(Crockford.fnv1a(layout) % 64) * 4 + 3 }

    /// The code for the choices in `answers`.
    public static func encode(_ answers: Answers) -> String {
        var digits: [(value: UInt128, radix: UInt128)] = [(version, versionRadix)]
        for field in fields { digits.append(digit(field.type, field.value(in: answers))) }
        let recipients = answers.recipients.prefix(maxRecipients)
        digits.append((UInt128(recipients.count), UInt128(maxRecipients + 1)))
        for recipient in recipients {
            for field in recipientFields {
                // An answer that does not apply (a mailbox with a method that delivers to no
                // mailbox) is packed as unanswered: it is ignored.
                let value = field.applies(answers) ? field.value(in: recipient) : nil
                digits.append(digit(field.type, value))
            }
        }
        var number: UInt128 = 0
        for (value, radix) in digits.reversed() { number = number * radix + value }
        var symbols: [Int] = []
        repeat {
            symbols.append(Int(number % 32))
            number /= 32
        } while number > 0
        symbols.reverse()
        symbols.insert(symbols.count + 2, at: 0)  // the length, counting itself and the check
        symbols.append(luhnCheck(symbols))
        let text = String(symbols.map(Crockford.symbol))
        return stride(from: 0, to: text.count, by: 3).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: 3, limitedBy: text.endIndex) ?? text.endIndex)])
        }.joined(separator: "-")
    }

    /// Rebuilds the choices from a typed code; spaces, hyphens, case and I/L/O look-alikes are forgiven.
    public static func decode(_ code: String) throws(Problem) -> Answers {
        let typed = code.filter { !$0.isWhitespace && $0 != "-" }
        guard !typed.isEmpty else { throw .empty }
        var symbols: [Int] = []
        for character in typed {
            guard let value = Crockford.value(of: character) else { throw .badSymbol(character) }
            symbols.append(value)
        }
        // A UInt128 takes at most 26 symbols; with the length and the check, 28.
        guard symbols.count >= 3, symbols.count <= 28 else { throw .malformed }
        guard let check = symbols.last, luhnCheck(symbols.dropLast()) == check else { throw .checkFailed }
        guard symbols[0] == symbols.count else { throw .malformed }
        var number: UInt128 = 0
        for symbol in symbols.dropFirst().dropLast() {
            let (product, overflow) = number.multipliedReportingOverflow(by: 32)
            guard !overflow else { throw .malformed }
            number = product + UInt128(symbol)
        }
        func next(_ radix: UInt128) -> Int {
            defer { number /= radix }
            return Int(number % radix)
        }
        guard UInt128(next(versionRadix)) == version else { throw .olderVersion }
        var answers = Answers()
        for field in fields {
            if let value = value(field.type, digit: next(radix(field.type))) { field.set(value, in: &answers) }
        }
        let count = next(UInt128(maxRecipients + 1))
        for _ in 0..<count {
            var recipient = Answers.Recipient()
            for field in recipientFields {
                let digit = next(radix(field.type))
                // The encoder never packs an answer that does not apply.
                guard digit == 0 || field.applies(answers) else { throw .malformed }
                if let value = value(field.type, digit: digit) { field.set(value, in: &recipient) }
            }
            answers.recipients.append(recipient)
        }
        guard number == 0 else { throw .malformed }
        return answers
    }

    private static func radix(_ type: FieldType) -> UInt128 { UInt128(type.values.count + 1) }

    /// An answer's digit: its option's number (from 1, as the wizard numbers them), 0 when
    /// unanswered.
    private static func digit(_ type: FieldType, _ value: String?) -> (UInt128, UInt128) {
        let number = type.values.firstIndex { $0 == value }.map { $0 + 1 } ?? 0
        return (UInt128(number), radix(type))
    }

    /// The answer a digit stands for, nil for 0 (unanswered) or a number with no option.
    private static func value(_ type: FieldType, digit: Int) -> String? {
        let values = type.values
        guard digit > 0, digit <= values.count else { return nil }
        return values[digit - 1]
    }

    /// Luhn mod N for N = 32: catches every single wrong symbol and most swapped neighbours.
    static func luhnCheck<S: Collection>(_ symbols: S) -> Int where S.Element == Int {
        var factor = 2
        var sum = 0
        for value in symbols.reversed() {
            var addend = factor * value
            factor = factor == 2 ? 1 : 2
            addend = addend / 32 + addend % 32
            sum += addend
        }
        return (32 - sum % 32) % 32
    }
}
