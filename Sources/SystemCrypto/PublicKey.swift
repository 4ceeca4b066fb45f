import CLibCrypto
import Synchronization

/// A signature as the signer's key type makes it.
public enum Signature: Sendable, Equatable {
    /// 64 bytes.
    case ed25519([UInt8])
    /// The two numbers as unsigned big-endian bytes (an SSH signature's mpints; a leading zero is
    /// allowed). The message is hashed with SHA-256 on P-256 and SHA-384 on P-384, as SSH does.
    case ecdsa(r: [UInt8], s: [UInt8])
    /// RSASSA-PKCS1-v1_5 over the message hashed with `hash` (SHA-256 or SHA-512).
    case rsa([UInt8], hash: DigestAlgorithm)
}

/// The NIST curves an ECDSA key may be on.
public enum ECDSACurve: Sendable, Equatable {
    case p256, p384

    /// OpenSSL's name for the curve.
    var groupName: String {
        switch self {
        case .p256: "prime256v1"
        case .p384: "secp384r1"
        }
    }

    /// For messages: "P-256".
    public var name: String {
        switch self {
        case .p256: "P-256"
        case .p384: "P-384"
        }
    }

    /// The hash SSH signs with on this curve.
    var hash: DigestAlgorithm {
        switch self {
        case .p256: .sha256
        case .p384: .sha384
        }
    }
}

/// Why a public key could not be used.
public enum PublicKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unavailable(LibCryptoUnavailable)
    /// The bytes do not make a key of the kind named (a wrong length, a point off the curve).
    case invalid(String)

    public var description: String {
        switch self {
        case .unavailable(let error): error.description
        case .invalid(let reason): reason
        }
    }
}

/// A public key that checks signatures. Made once and kept: a register holds many signatures
/// by few keys, and checking with a key already made costs only the check.
///
/// Ed25519 signatures are checked by libsodium when it can be loaded (in about half the time), else
/// by libcrypto, as every other kind is. libsodium is the stricter: it also refuses keys and
/// signature points of small order, and points not encoded canonically, which OpenSSL and
/// OpenSSH accept. Only a deliberately weak, hand-made key or signature is such; no key
/// `ssh-keygen` makes is.
///
/// Sendable: neither library's key is changed after it is made, and both allow one key to check
/// signatures from several threads at once.
public final class PublicKey: @unchecked Sendable {
    private enum Kind {
        case ed25519
        case ecdsa(ECDSACurve)
        case rsa
    }

    /// The library that checks a key's signatures.
    package enum Checker: Sendable, Equatable {
        case libsodium, libcrypto
    }

    /// libcrypto, loaded for every key: it also hashes what is signed.
    private let library: UnsafePointer<dmf_libcrypto>
    /// OpenSSL's key; nil for an Ed25519 key that libsodium checks.
    private let key: OpaquePointer?
    private let kind: Kind
    /// libsodium and the key's 32 bytes, for an Ed25519 key it checks.
    private let sodium: (library: LibSodium, key: [UInt8])?
    /// A verifying context set up once per hash (`EVP_DigestVerifyInit`) and copied for each
    /// check: setting one up afresh looks the algorithm up in OpenSSL's provider tables, under
    /// their lock, for every one of a register's signatures.
    private let prepared = Mutex<[Int: Prepared]>([:])

    /// A context set up for checks, never changed once made: copies are taken from any thread.
    private struct Prepared: @unchecked Sendable {
        let context: OpaquePointer
    }

    private init(
        library: UnsafePointer<dmf_libcrypto>, key: OpaquePointer?, kind: Kind,
        sodium: (library: LibSodium, key: [UInt8])? = nil
    ) {
        self.library = library
        self.key = key
        self.kind = kind
        self.sodium = sodium
    }

    deinit {
        let library = library
        prepared.withLock { contexts in
            for prepared in contexts.values { library.pointee.mdContextFree(prepared.context) }
        }
        if let key { library.pointee.keyFree(key) }
    }

    /// Which library checks this key's signatures.
    package var checker: Checker { sodium == nil ? .libcrypto : .libsodium }

    /// The context set up for `hash` (nil for Ed25519, which hashes itself), made the first time.
    private func template(_ hash: DigestAlgorithm?, key: OpaquePointer) -> OpaquePointer? {
        let slot =
            switch hash {
            case nil: 0
            case .sha256: 1
            case .sha384: 2
            case .sha512: 3
            }
        let library = library
        return prepared.withLock { contexts -> Prepared? in
            if let made = contexts[slot] { return made }
            guard let context = library.pointee.mdContextNew() else { return nil }
            guard library.pointee.digestVerifyInit(context, nil, hash?.md(library), nil, key) == 1 else {
                library.pointee.mdContextFree(context)
                library.pointee.errorsClear()
                return nil
            }
            let made = Prepared(context: context)
            contexts[slot] = made
            return made
        }?.context
    }

    /// An Ed25519 key from its 32 bytes (as an SSH public key carries it), checked by the
    /// system's libsodium when it can be loaded, else by libcrypto.
    public static func ed25519(_ raw: [UInt8]) throws(PublicKeyError) -> PublicKey {
        try ed25519(raw, libsodium: try? LibSodium.system().get())
    }

    /// The same, checked by `libsodium` when one is given, else by libcrypto: tests and the speed
    /// tool choose the library here.
    package static func ed25519(_ raw: [UInt8], libsodium: LibSodium?) throws(PublicKeyError) -> PublicKey {
        let library = try loaded()
        guard raw.count == 32 else {
            throw .invalid("not an Ed25519 public key (it must be 32 bytes; it is \(raw.count))")
        }
        if let libsodium { return PublicKey(library: library, key: nil, kind: .ed25519, sodium: (libsodium, raw)) }
        guard
            let key = raw.withUnsafeBufferPointer({
                library.pointee.keyNewRawPublic(EVP_PKEY_ED25519, nil, $0.baseAddress, $0.count)
            })
        else {
            library.pointee.errorsClear()
            throw .invalid("not an Ed25519 public key")
        }
        return PublicKey(library: library, key: key, kind: .ed25519)
    }

    /// An ECDSA key from its point as SEC 1 encodes it (`04`, then x and y: what an SSH public
    /// key carries). A point that is not on the curve is refused.
    public static func ecdsa(_ curve: ECDSACurve, point: [UInt8]) throws(PublicKeyError) -> PublicKey {
        let library = try loaded()
        let key = point.withUnsafeBufferPointer { point in
            point.baseAddress.flatMap { dmf_libcrypto_ec_public_key(library, curve.groupName, $0, point.count) }
        }
        guard let key else { throw .invalid("not a public key on \(curve.name)") }
        return PublicKey(library: library, key: key, kind: .ecdsa(curve))
    }

    /// The smallest RSA modulus accepted, in bits: OpenSSH's own minimum.
    public static let rsaMinimumBits = 1024

    /// An RSA key from its modulus and public exponent, as unsigned big-endian bytes (an SSH
    /// public key's mpints). A modulus shorter than `rsaMinimumBits` is refused.
    public static func rsa(modulus: [UInt8], exponent: [UInt8]) throws(PublicKeyError) -> PublicKey {
        let library = try loaded()
        let significant = modulus.drop { $0 == 0 }
        let bits = significant.first.map { significant.count * 8 - $0.leadingZeroBitCount } ?? 0
        guard bits >= rsaMinimumBits else {
            throw .invalid("an RSA key of \(bits) bits is too short (at least \(rsaMinimumBits) are needed)")
        }
        let key = modulus.withUnsafeBufferPointer { n in
            exponent.withUnsafeBufferPointer { e in
                n.baseAddress.flatMap { n in
                    e.baseAddress.flatMap {
                        dmf_libcrypto_rsa_public_key(library, n, modulus.count, $0, exponent.count)
                    }
                }
            }
        }
        guard let key else { throw .invalid("not an RSA public key") }
        return PublicKey(library: library, key: key, kind: .rsa)
    }

    /// Whether `signature` is this key's signature of `message`. A signature of another kind
    /// than the key, or one that cannot be read, is not valid.
    public func isValid(_ signature: Signature, for message: some Sequence<UInt8>) -> Bool {
        // Read where they lie when the bytes are contiguous (an array's are); else copied once.
        if let valid = message.withContiguousStorageIfAvailable({ isValid(signature, forBytes: $0) }) { return valid }
        return Array(message).withUnsafeBufferPointer { isValid(signature, forBytes: $0) }
    }

    private func isValid(_ signature: Signature, forBytes message: UnsafeBufferPointer<UInt8>) -> Bool {
        if let sodium {
            guard case .ed25519(let bytes) = signature else { return false }
            return sodium.library.isValidEd25519(bytes, for: message, key: sodium.key)
        }
        guard let key else { return false }
        let checked: (bytes: [UInt8], hash: DigestAlgorithm?)?
        switch (kind, signature) {
        case (.ed25519, .ed25519(let bytes)): checked = (bytes, nil)
        case (.ecdsa(let curve), .ecdsa(let r, let s)): checked = der(r: r, s: s).map { ($0, curve.hash) }
        case (.rsa, .rsa(let bytes, let hash)) where hash == .sha256 || hash == .sha512: checked = (bytes, hash)
        default: checked = nil
        }
        guard let checked else { return false }
        guard let context = library.pointee.mdContextNew() else { return false }
        defer { library.pointee.mdContextFree(context) }
        // A copy of the context set up once; set up afresh when it cannot be copied.
        let ready =
            template(checked.hash, key: key).map { library.pointee.mdContextCopy(context, $0) == 1 } == true
            || library.pointee.digestVerifyInit(context, nil, checked.hash?.md(library), nil, key) == 1
        let valid =
            ready
            && checked.bytes.withUnsafeBufferPointer { signature in
                library.pointee.digestVerify(
                    context, signature.baseAddress, signature.count, message.baseAddress, message.count) == 1
            }
        // A refusal leaves OpenSSL's reasons on this thread's error queue; nothing reads them.
        if !valid { library.pointee.errorsClear() }
        return valid
    }

    /// ECDSA's r and s as OpenSSL checks them: a DER sequence of two integers.
    private func der(r: [UInt8], s: [UInt8]) -> [UInt8]? {
        guard let signature = library.pointee.ecdsaSignatureNew() else { return nil }
        defer { library.pointee.ecdsaSignatureFree(signature) }
        guard let r = Self.number(library, r) else { return nil }
        guard let s = Self.number(library, s) else {
            library.pointee.numberFree(r)
            return nil
        }
        // On success the signature owns both numbers.
        guard library.pointee.ecdsaSignatureSet(signature, r, s) == 1 else {
            library.pointee.numberFree(r)
            library.pointee.numberFree(s)
            return nil
        }
        let size = library.pointee.ecdsaSignatureToDER(signature, nil)
        guard size > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: Int(size))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return library.pointee.ecdsaSignatureToDER(signature, &cursor)
        }
        return written == size ? out : nil
    }

    private static func loaded() throws(PublicKeyError) -> UnsafePointer<dmf_libcrypto> {
        do { return try LibCrypto.table() } catch { throw .unavailable(error) }
    }

    /// A BIGNUM from unsigned big-endian bytes, or nil.
    private static func number(_ library: UnsafePointer<dmf_libcrypto>, _ bytes: [UInt8]) -> OpaquePointer? {
        guard bytes.count <= Int32.max else { return nil }
        return bytes.withUnsafeBufferPointer { library.pointee.numberFromBytes($0.baseAddress, Int32($0.count), nil) }
    }
}
