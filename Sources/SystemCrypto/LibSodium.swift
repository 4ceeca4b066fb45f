import CLibSodium

/// Why libsodium cannot be used. Nothing is refused for it: libcrypto checks Ed25519 signatures
/// instead. Said only by the tests and the speed tool.
package struct LibSodiumUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    package let description: String
}

/// libsodium, which checks Ed25519 signatures faster than libcrypto, loaded the first time one is
/// checked (see `libsodium_table.h`). Optional: `PublicKey` falls back to libcrypto without it.
///
/// Sendable: the table is filled once and never changed, and libsodium's checks may run on
/// several threads at once once it is initialised.
package struct LibSodium: @unchecked Sendable {
    private let table: UnsafePointer<dmf_libsodium>

    /// The system's library (`libsodium.so.23`), loaded once from any thread; later calls return
    /// at once.
    package static func system() -> Result<LibSodium, LibSodiumUnavailable> {
        var table: UnsafePointer<dmf_libsodium>?
        var missing: UnsafePointer<CChar>?
        let state = dmf_libsodium_load(&table, &missing)
        return made(table, state, missing, "libsodium.so.23")
    }

    /// The library `soname`, opened afresh: for tests, which name one that is missing or is not
    /// libsodium.
    package static func open(_ soname: String) -> Result<LibSodium, LibSodiumUnavailable> {
        var table: UnsafePointer<dmf_libsodium>?
        var missing: UnsafePointer<CChar>?
        let state = dmf_libsodium_open(soname, &table, &missing)
        return made(table, state, missing, soname)
    }

    private static func made(
        _ table: UnsafePointer<dmf_libsodium>?, _ state: dmf_libsodium_state, _ missing: UnsafePointer<CChar>?,
        _ soname: String
    ) -> Result<LibSodium, LibSodiumUnavailable> {
        if let table { return .success(LibSodium(table: table)) }
        let reason =
            switch state {
            case DMF_LIBSODIUM_INCOMPLETE: "\(soname) has no \(missing.map { String(cString: $0) } ?? "?")"
            case DMF_LIBSODIUM_INIT_FAILED: "\(soname) could not be initialised (sodium_init failed)"
            default: "\(soname) cannot be loaded (libsodium23 is not installed)"
            }
        return .failure(LibSodiumUnavailable(description: reason))
    }

    /// Whether `signature` is the Ed25519 key `key`'s signature of `message`. A signature that is
    /// not 64 bytes, or a key that is not 32, is not valid.
    func isValidEd25519(_ signature: [UInt8], for message: UnsafeBufferPointer<UInt8>, key: [UInt8]) -> Bool {
        guard signature.count == 64, key.count == 32 else { return false }
        let verify = table.pointee.ed25519Verify
        return signature.withUnsafeBufferPointer { signature in
            key.withUnsafeBufferPointer { key in
                guard let signature = signature.baseAddress, let key = key.baseAddress else { return false }
                // An empty message may have no address; libsodium reads none of its bytes then.
                guard let bytes = message.baseAddress else {
                    var none: UInt8 = 0
                    return verify(signature, &none, 0, key) == 0
                }
                return verify(signature, bytes, UInt64(message.count), key) == 0
            }
        }
    }
}
