import CLibPQ
import DMFRegister

/// libpq's functions, loaded the first time a register on PostgreSQL is opened (see
/// `libpq_table.h`): nothing else in the program loads them.
enum LibPQ {
    /// The loaded table, or a plain reason why PostgreSQL cannot be used on this computer.
    static func load() throws(RegisterError) -> dmf_libpq {
        var table: UnsafePointer<dmf_libpq>?
        var missing: UnsafePointer<CChar>?
        let state = dmf_libpq_load(&table, &missing)
        if let table { return table.pointee }
        let reason =
            state == DMF_LIBPQ_TOO_OLD
            ? "PostgreSQL's client library (libpq5) is too old (it has no \(missing.map { String(cString: $0) } ?? "pipeline mode"); "
                + "version 14 or newer is needed): apt install libpq5"
            : "PostgreSQL's client library (libpq5) is not installed: apt install libpq5"
        throw .unavailable(location: PostgresAddress.unnamed, reason: reason)
    }
}
