/// Why a checkpoint, a proof file or a saved tree edge could not be read: the line, when there is
/// one, and the reason in plain words.
public struct LogFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// From 1.
    public let line: Int?
    public let reason: String

    public init(_ reason: String, line: Int? = nil) {
        self.reason = reason
        self.line = line
    }

    public var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}

/// Whole numbers as the log's texts write them.
enum DecimalText {
    /// ASCII digits with no sign, no spaces and no leading zero (except `0` itself), that fit in
    /// an `Int`; nil for anything else.
    static func strict(_ text: some StringProtocol) -> Int? {
        let digits = text.utf8
        guard let first = digits.first, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            first != UInt8(ascii: "0") || digits.count == 1
        else { return nil }
        return Int(text)
    }

    /// `1,234,567`: counts in messages.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var out = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index).isMultiple(of: 3) { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// "1 event", "1,234 events".
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(grouped(number)) \(number == 1 ? singular : plural)"
    }
}

/// The lines of a text the way the log's formats are held to: valid UTF-8, no control character
/// but the newline (no carriage returns, no tabs), and a newline at the end.
enum LogLines {
    /// The longest checkpoint or proof read: far more than any real one (a proof for the largest
    /// tree is 64 hashes and a checkpoint), and small enough that a wrong file given by mistake is
    /// refused before it is held in memory line by line.
    static let maximumBytes = 64 * 1024

    /// The lines without their newlines. `what` names the text in messages ("the checkpoint").
    static func split(_ bytes: [UInt8], what: String) throws(LogFormatError) -> [Substring] {
        guard bytes.count <= maximumBytes else {
            throw LogFormatError(
                "\(what) is \(DecimalText.grouped(bytes.count)) bytes; at most "
                    + "\(DecimalText.grouped(maximumBytes)) are read")
        }
        guard !bytes.isEmpty else { throw LogFormatError("\(what) is empty") }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else { throw LogFormatError("\(what) is not UTF-8 text") }
        var line = 1
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte == UInt8(ascii: "\r") {
                throw LogFormatError(
                    "it has a carriage return (Windows line endings); lines must end with a newline only",
                    line: line)
            } else if byte < 0x20 || byte == 0x7f {
                throw LogFormatError("it has a control character (byte \(byte))", line: line)
            }
        }
        guard bytes.last == UInt8(ascii: "\n") else {
            throw LogFormatError("\(what) must end with a newline", line: line)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }
}
