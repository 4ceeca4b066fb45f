/// A size and a root hash: what a tree looks like at one moment, without naming the log.
public struct TreeHead: Sendable, Hashable {
    /// The number of leaves.
    public let size: Int
    public let root: TreeHash

    public init(size: Int, root: TreeHash) {
        precondition(size >= 0, "a tree has no fewer than 0 leaves")
        self.size = size
        self.root = root
    }
}

/// The log's state in C2SP's tlog-checkpoint layout: the origin (the log's name), the number of
/// leaves in decimal and the root hash in base64, each line ending in a newline, then any
/// extension lines.
///
/// `text` is exactly what is signed. dmf-wizard signs it with OpenSSH's SSHSIG in the namespace
/// `dmf-wizard-checkpoint` (`SignatureNamespace.checkpoint`), so `FILE` holding `text` and
/// `FILE.sig` beside it are the pair `ssh-keygen -Y verify -f ALLOWED_SIGNERS -I SIGNER -n
/// dmf-wizard-checkpoint -s FILE.sig < FILE` accepts. C2SP's own signature lines (a signed note)
/// are not used: they need the raw private key, which ssh-agent and smart cards keep out of reach.
public struct Checkpoint: Sendable, Hashable {
    public let origin: String
    public let head: TreeHead
    /// Lines after the root hash; dmf-wizard writes none.
    public let extensions: [String]

    public var size: Int { head.size }
    public var root: TreeHash { head.root }

    /// The origin of a dmf-wizard register's checkpoints: `dmf-wizard register ID`, with the ID
    /// the register was given when it was made.
    public static func origin(registerID: String) -> String { "dmf-wizard register \(registerID)" }

    /// Refuses an origin or extension line that the text could not hold: empty, with a newline
    /// or other control character, or starting or ending with a space.
    public init(origin: String, head: TreeHead, extensions: [String] = []) throws(LogFormatError) {
        try Self.checkFreeLine(origin, what: "the origin", line: nil)
        for (position, line) in extensions.enumerated() {
            try Self.checkFreeLine(line, what: "extension line \(position + 1)", line: nil)
        }
        self.origin = origin
        self.head = head
        self.extensions = extensions
    }

    /// The checkpoint's text, each line ending in a newline: the bytes to sign and to write.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Reads a checkpoint strictly: exactly what `text` would write, nothing else. A size with
    /// leading zeros, a hash that is not 32 bytes of canonical base64, spaces around a line, a
    /// blank line (such as one before C2SP signature lines), carriage returns or other control
    /// characters, a missing final newline: each is refused with its line and the reason.
    public init(text: String) throws(LogFormatError) { try self.init(bytes: Array(text.utf8)) }

    public init(bytes: [UInt8]) throws(LogFormatError) {
        try self.init(lines: LogLines.split(bytes, what: "the checkpoint"), firstLine: 1)
    }

    /// `lines` without their newlines; `firstLine` numbers them in messages (a checkpoint inside a
    /// proof file starts further down).
    init(lines: some Collection<Substring>, firstLine: Int) throws(LogFormatError) {
        let lines = Array(lines)
        guard lines.count >= 3 else {
            throw LogFormatError(
                "a checkpoint has at least three lines (the origin, the number of events, the root hash); "
                    + "this has \(lines.count)")
        }
        if let blank = lines.firstIndex(where: \.isEmpty) {
            throw LogFormatError(
                "a checkpoint has no blank lines (a signature belongs in its .sig file)", line: firstLine + blank)
        }
        let origin = String(lines[0])
        try Self.checkFreeLine(origin, what: "the origin", line: firstLine)
        guard let size = DecimalText.strict(lines[1]) else {
            throw LogFormatError(
                "the number of events must be written in digits with no leading zeros, signs or spaces",
                line: firstLine + 1)
        }
        guard let root = TreeHash(base64: lines[2]) else {
            throw LogFormatError(
                "the root hash must be 32 bytes in base64 (44 characters ending in =)", line: firstLine + 2)
        }
        var extensions: [String] = []
        for (offset, line) in lines.dropFirst(3).enumerated() {
            try Self.checkFreeLine(String(line), what: "an extension line", line: firstLine + 3 + offset)
            extensions.append(String(line))
        }
        self.origin = origin
        head = TreeHead(size: size, root: root)
        self.extensions = extensions
    }

    private static func checkFreeLine(_ line: String, what: String, line number: Int?) throws(LogFormatError) {
        guard !line.isEmpty else { throw LogFormatError("\(what) is empty", line: number) }
        guard !line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
            throw LogFormatError("\(what) has a newline or other control character", line: number)
        }
        guard line.unicodeScalars.first != " ", line.unicodeScalars.last != " " else {
            throw LogFormatError("\(what) starts or ends with a space", line: number)
        }
    }
}
