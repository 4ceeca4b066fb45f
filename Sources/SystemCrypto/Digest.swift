import CLibCrypto

/// The hash functions the program uses, each fetched from libcrypto once.
public enum DigestAlgorithm: Sendable, Equatable {
    case sha256, sha384, sha512

    /// The bytes' digest, in one call.
    public func hash(_ bytes: UnsafeRawBufferPointer) throws(LibCryptoUnavailable) -> Digest {
        let library = try LibCrypto.table()
        guard let digest = compute(library, bytes) else { throw failure }
        return digest
    }

    /// The same for bytes in an array: what most callers hold. Not generic, so a caller in
    /// another module does not go through the unspecialised `Sequence` path for every hash.
    public func hash(_ bytes: [UInt8]) throws(LibCryptoUnavailable) -> Digest {
        let library = try LibCrypto.table()
        guard let digest = bytes.withUnsafeBytes({ compute(library, $0) }) else { throw failure }
        return digest
    }

    public func hash(_ bytes: some Sequence<UInt8>) throws(LibCryptoUnavailable) -> Digest {
        let library = try LibCrypto.table()
        let digest =
            bytes.withContiguousStorageIfAvailable { compute(library, UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { compute(library, $0) }
        guard let digest else { throw failure }
        return digest
    }

    /// For messages: "SHA-256".
    public var name: String {
        switch self {
        case .sha256: "SHA-256"
        case .sha384: "SHA-384"
        case .sha512: "SHA-512"
        }
    }

    /// The digest's length in bytes.
    public var size: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    func md(_ library: UnsafePointer<dmf_libcrypto>) -> OpaquePointer {
        switch self {
        case .sha256: library.pointee.sha256
        case .sha384: library.pointee.sha384
        case .sha512: library.pointee.sha512
        }
    }

    private func compute(_ library: UnsafePointer<dmf_libcrypto>, _ bytes: UnsafeRawBufferPointer) -> Digest? {
        var out = [UInt8](repeating: 0, count: size)
        var written: UInt32 = 0
        let done = out.withUnsafeMutableBufferPointer { out in
            // The input pointer must not be null, even for no bytes.
            library.pointee.digest(
                bytes.baseAddress ?? UnsafeRawPointer(out.baseAddress), bytes.count, out.baseAddress, &written,
                md(library), nil)
        }
        guard done == 1, written == size else {
            library.pointee.errorsClear()
            return nil
        }
        return Digest(bytes: out)
    }

    /// A loaded library fails to hash only when it cannot allocate memory.
    var failure: LibCryptoUnavailable {
        LibCryptoUnavailable(description: "OpenSSL's library could not compute a \(name) digest")
    }
}

/// A digest's bytes.
public struct Digest: Sendable, Equatable, Hashable {
    public let bytes: [UInt8]

    /// Lower-case hexadecimal, the way `sha256sum` prints a digest: the one place it is written.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A digest of bytes that arrive in pieces (a file read a chunk at a time): the same digest as
/// hashing them all at once.
public struct DigestStream: ~Copyable {
    private let library: UnsafePointer<dmf_libcrypto>
    private let context: OpaquePointer
    private let algorithm: DigestAlgorithm
    private var failed = false

    public init(_ algorithm: DigestAlgorithm) throws(LibCryptoUnavailable) {
        let library = try LibCrypto.table()
        guard let context = library.pointee.mdContextNew() else { throw algorithm.failure }
        guard library.pointee.digestInit(context, algorithm.md(library), nil) == 1 else {
            library.pointee.mdContextFree(context)
            library.pointee.errorsClear()
            throw algorithm.failure
        }
        self.library = library
        self.context = context
        self.algorithm = algorithm
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        if library.pointee.digestUpdate(context, start, bytes.count) != 1 { failed = true }
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// The digest of everything added. Throws only if the library failed on the way (it cannot
    /// allocate memory), never with a wrong digest.
    public consuming func finalize() throws(LibCryptoUnavailable) -> Digest {
        var out = [UInt8](repeating: 0, count: algorithm.size)
        var written: UInt32 = 0
        let done = out.withUnsafeMutableBufferPointer { library.pointee.digestFinal(context, $0.baseAddress, &written) }
        guard !failed, done == 1, written == algorithm.size else {
            library.pointee.errorsClear()
            throw algorithm.failure
        }
        return Digest(bytes: out)
    }

    deinit { library.pointee.mdContextFree(context) }
}
