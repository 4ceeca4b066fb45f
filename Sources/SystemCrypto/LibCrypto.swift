import CLibCrypto

/// Why OpenSSL's libcrypto cannot be used, in words for the person at the terminal.
public struct LibCryptoUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

/// OpenSSL's libcrypto, loaded the first time it is needed (see `libcrypto_table.h`): nothing in
/// the program loads it before something is hashed or a signature checked.
public enum LibCrypto {
    /// Loads the library once, from any thread; later calls return at once. Callers that hash
    /// where an error cannot be thrown call this first, where one can.
    public static func load() throws(LibCryptoUnavailable) { _ = try table() }

    /// The filled table. It lives as long as the process, so the pointer can be kept.
    static func table() throws(LibCryptoUnavailable) -> UnsafePointer<dmf_libcrypto> {
        var table: UnsafePointer<dmf_libcrypto>?
        var missing: UnsafePointer<CChar>?
        let state = dmf_libcrypto_load(&table, &missing)
        if let table { return table }
        let name = missing.map { String(cString: $0) } ?? "?"
        let reason =
            switch state {
            case DMF_LIBCRYPTO_INCOMPLETE:
                "OpenSSL's library (libssl3) is too old (it has no \(name); version 3.0 or newer is needed): "
                    + "apt install libssl3"
            case DMF_LIBCRYPTO_NO_DIGEST:
                "OpenSSL's library (libssl3) offers no \(name) digest: check its configuration (OPENSSL_CONF)"
            default: "OpenSSL's library (libssl3) is not installed: apt install libssl3"
            }
        throw LibCryptoUnavailable(description: reason)
    }
}
