import DMFPolicy

/// A short code a caller can read out over the phone that rebuilds every choice answered so far
/// (never the free text): `dmf-wizard --code B3N-PNK-6CT-PC` on another machine, then only the
/// free-text questions are asked.
///
/// The choices are packed as one mixed-radix number (each question's digit is 0 for unanswered,
/// else the choice number), written in Crockford base32 in groups of three, after a first symbol
/// giving the code's length and before a final check symbol (Luhn mod 32), so a mistyped code is
/// rejected instead of rebuilding wrong answers. The length symbol catches a code cut short that
/// happens to pass the check (one in 32), which would otherwise decode to other, valid choices.
public enum ResumeCode {
    /// Bumped whenever the questions, their order or their choices change; older codes are then
    /// refused. 2: the method (M1) is asked before the recipients, and a recipient's mailbox (P5)
    /// only when the method delivers to a mailbox (policy revised 2026-11-29).
    static let version: UInt128 = 2
    static let versionRadix: UInt128 = 4
    /// Recipients beyond this are not in the code (their choices are re-asked).
    public static let maxRecipients = 7

    /// Why a typed code was refused, in words for the agent.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case badSymbol(Character)
        case checkFailed
        case unknownVersion
        case malformed

        public var description: String {
            switch self {
            case .empty: "Type the code the caller reads out, for example B3N-PNK-6CT-PC."
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
            case .unknownVersion: "That code comes from a different version of the wizard and cannot be used here."
            case .malformed: "That code is not complete. Ask the caller to read all of it."
            }
        }
    }

    /// The choice questions in code order: the flow's main questions, helpdesk ones excluded.
    static var questions: [Question] { Flow().questions.filter { !$0.choices.isEmpty } }
    static var recipientQuestions: [Question] { Flow.recipientQuestions.filter { !$0.choices.isEmpty } }

    /// What a code's digits mean: each question in code order with its options. A code made
    /// under one layout decodes to other answers under another, so any change to this text
    /// needs a new `version` (a test holds the layout each version was made with).
    static var layout: String {
        (questions + recipientQuestions).map { "\($0.code):\($0.choices.map(\.value).joined(separator: ","))" }
            .joined(separator: ";") + ";recipients<=\(maxRecipients)"
    }

    /// The code for the choices in `answers`.
    public static func encode(_ answers: Answers) -> String {
        var digits: [(value: UInt128, radix: UInt128)] = [(version, versionRadix)]
        for question in questions { digits.append(digit(question, question.answer(in: answers))) }
        let recipients = answers.recipients.prefix(maxRecipients)
        digits.append((UInt128(recipients.count), UInt128(maxRecipients + 1)))
        for recipient in recipients {
            for question in recipientQuestions {
                // A question that does not apply (P5 with a method that delivers to no mailbox)
                // is packed as unanswered: its answer, if any, is ignored.
                let value = question.applies(to: answers) ? question.answer(of: recipient) : nil
                digits.append(digit(question, value))
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
        guard luhnCheck(symbols.dropLast()) == symbols.last! else { throw .checkFailed }
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
        guard UInt128(next(versionRadix)) == version else { throw .unknownVersion }
        var answers = Answers()
        for question in questions {
            if let value = value(question, digit: next(radix(question))) { question.setAnswer(value, in: &answers) }
        }
        let count = next(UInt128(maxRecipients + 1))
        for _ in 0..<count {
            var recipient = Answers.Recipient()
            for question in recipientQuestions {
                let digit = next(radix(question))
                // The encoder never packs an answer to a question that does not apply.
                guard digit == 0 || question.applies(to: answers) else { throw .malformed }
                if let value = value(question, digit: digit) { question.setAnswer(value, of: &recipient) }
            }
            answers.recipients.append(recipient)
        }
        guard number == 0 else { throw .malformed }
        return answers
    }

    private static func radix(_ question: Question) -> UInt128 { UInt128(question.choices.count + 1) }

    /// A question's digit for an answer: its choice number, 0 when unanswered.
    private static func digit(_ question: Question, _ value: String?) -> (UInt128, UInt128) {
        let number = question.choices.first { $0.value == value }?.number ?? 0
        return (UInt128(number), radix(question))
    }

    /// The answer a digit stands for, nil for 0 (unanswered) or a number with no choice.
    private static func value(_ question: Question, digit: Int) -> String? {
        guard digit > 0, digit <= question.choices.count else { return nil }
        return question.choices[digit - 1].value
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
