/// The closed sets of answers that `answers-format.md` allows, one enum per question.
///
/// Raw values are the exact words of the answers file; `label` is the plain wording shown to people.
/// Every enum lists its cases in the order the wizard numbers them, and that order never changes
/// (helpdesk agents say "press 2 for Move").

/// A value that has a fixed spelling in the answers file and a plain label for people.
public protocol AnswerValue: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String, AllCases: RandomAccessCollection, AllCases.Index == Int {
    /// What people read: "Official-Sensitive", "Not sure".
    var label: String { get }
    /// What the form prints; the label unless a shorter one reads better in a table.
    var formLabel: String { get }
}

extension AnswerValue {
    /// The spellings the answers file accepts, for error messages: "share, move, not-sure".
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum TransferKind: String, AnswerValue {
    case share, move
    case notSure = "not-sure"
    public var label: String {
        switch self {
        case .share: "Share (I will keep a copy)"
        case .move: "Move (I will not keep a copy)"
        case .notSure: "Not sure"
        }
    }
}

public enum Frequency: String, AnswerValue {
    case oneOff = "one-off"
    case recurring
    public var label: String { self == .oneOff ? "One-off" : "Recurring" }
}

/// The information's classification, lowest first (`Comparable` follows that order).
public enum Classification: String, AnswerValue, Comparable {
    case official
    case officialSensitive = "official-sensitive"
    case secret
    case topSecret = "top-secret"
    case notSure = "not-sure"

    public var label: String {
        switch self {
        case .official: "OFFICIAL"
        case .officialSensitive: "OFFICIAL-SENSITIVE"
        case .secret: "SECRET"
        case .topSecret: "TOP SECRET"
        case .notSure: "Not sure"
        }
    }

    /// Position in official < official-sensitive < secret < top-secret; nil for "not sure".
    public var rank: Int? {
        switch self {
        case .official: 0
        case .officialSensitive: 1
        case .secret: 2
        case .topSecret: 3
        case .notSure: nil
        }
    }

    public static func < (lhs: Classification, rhs: Classification) -> Bool {
        (lhs.rank ?? -1) < (rhs.rank ?? -1)
    }

    /// The tier a receiving system is accredited to for it (policy-rules.md, revised 2026-12-06):
    /// OFFICIAL, SECRET or TOP SECRET. SENSITIVE is a handling caveat within OFFICIAL, not a
    /// level of its own, so OFFICIAL-SENSITIVE is in the OFFICIAL tier; nil for "not sure".
    public var tier: Classification? {
        switch self {
        case .official, .officialSensitive: .official
        case .secret: .secret
        case .topSecret: .topSecret
        case .notSure: nil
        }
    }

    /// The lowest clearance that may receive this level (later guidance: BPSS for OFFICIAL and
    /// OFFICIAL-SENSITIVE, SC for SECRET, DV for TOP SECRET). "Not sure" uses the OFFICIAL minimum;
    /// the classification itself is referred to the IAO separately.
    public var minimumClearance: Clearance {
        switch self {
        case .official, .officialSensitive, .notSure: .bpss
        case .secret: .sc
        case .topSecret: .dv
        }
    }
}

/// A pre-2014 marking. Never mapped automatically to a current level.
public enum LegacyMarking: String, AnswerValue {
    case none
    case il3Restricted = "il3-restricted"
    case protect, confidential, other
    public var label: String {
        switch self {
        case .none: "None"
        case .il3Restricted: "IL3 RESTRICTED"
        case .protect: "PROTECT"
        case .confidential: "CONFIDENTIAL"
        case .other: "Another old marking"
        }
    }
}

public enum YesNoNotSure: String, AnswerValue {
    case yes, no
    case notSure = "not-sure"
    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .notSure: "Not sure"
        }
    }
}

public enum RouteType: String, AnswerValue {
    case sameSystem = "same-system"
    case betweenMOJSystems = "between-moj-systems"
    case otherGovernmentDepartment = "other-government-department"
    case thirdParty = "third-party"

    public var label: String {
        switch self {
        case .sameSystem: "Inside one MOJ system or domain (for example DOM1)"
        case .betweenMOJSystems: "Between MOJ systems or domains, or to an MOJ ALB or Executive Agency"
        case .otherGovernmentDepartment: "To another government department"
        case .thirdParty: "To a third party (supplier, sub-contractor, service provider, anyone else)"
        }
    }

    /// A short name for tables and headings.
    public var shortLabel: String {
        switch self {
        case .sameSystem: "Inside one MOJ system"
        case .betweenMOJSystems: "Between MOJ systems"
        case .otherGovernmentDepartment: "Other government department"
        case .thirdParty: "Third party"
        }
    }

    /// Whether the information leaves the system or domain it is in.
    public var leavesSystem: Bool { self != .sameSystem }
}

/// The level a receiving system is accredited (assured) to hold.
public enum Accreditation: String, AnswerValue {
    case none, official
    case officialSensitive = "official-sensitive"
    case secret
    case topSecret = "top-secret"
    case notSure = "not-sure"

    /// The classification of the same spelling: an accreditation is to a classification level.
    var level: Classification? { Classification(rawValue: rawValue) }

    public var label: String { level?.label ?? "Not accredited" }

    /// -1 for no accreditation, then the rank of its tier (OFFICIAL-SENSITIVE counts as
    /// OFFICIAL); nil for "not sure".
    public var rank: Int? { self == .none ? -1 : level?.tier?.rank }

    /// Whether a system accredited to this level may hold information at `level`, compared by
    /// tier (revised 2026-12-06): a system accredited to OFFICIAL may hold OFFICIAL-SENSITIVE;
    /// nil when either is "not sure".
    public func covers(_ level: Classification) -> Bool? {
        guard let rank, let needed = level.tier?.rank else { return nil }
        return rank >= needed
    }
}

public enum Mailbox: String, AnswerValue {
    case personal, shared
    public var label: String { self == .personal ? "Personal mailbox" : "Shared or group mailbox" }
}

/// Security clearance, lowest first.
public enum Clearance: String, AnswerValue {
    case none, bpss, ctc, sc, dv
    case notSure = "not-sure"

    public var label: String {
        switch self {
        case .none: "None"
        case .bpss: "BPSS"
        case .ctc: "CTC"
        case .sc: "SC"
        case .dv: "DV"
        case .notSure: "Not sure"
        }
    }

    public var rank: Int? {
        switch self {
        case .none: 0
        case .bpss: 1
        case .ctc: 2
        case .sc: 3
        case .dv: 4
        case .notSure: nil
        }
    }

    /// Whether someone holding this clearance meets `minimum`; nil when either is "not sure".
    public func meets(_ minimum: Clearance) -> Bool? {
        guard let rank, let needed = minimum.rank else { return nil }
        return rank >= needed
    }
}

/// How the information will travel.
public enum TransferMethod: String, AnswerValue {
    case withinSystem = "within-system"
    case secureNetwork = "secure-network"
    case sharingService = "sharing-service"
    case secureEmail = "secure-email"
    case email
    case encryptedFile = "encrypted-file"
    case secureFileTransfer = "secure-file-transfer"
    case encryptedStorageDevice = "encrypted-storage-device"
    case unencryptedMedia = "unencrypted-media"
    case paper
    case notSure = "not-sure"

    public var label: String {
        switch self {
        case .withinSystem: "It stays inside the system (a shared folder or drive on it)"
        case .secureNetwork: "A secure network (for example PSN, CJSE, DISC)"
        case .sharingService: "An approved sharing service (Teams, SharePoint, OneDrive)"
        case .secureEmail: "Secure or encrypted email (for example CJSM, Egress, Outlook encryption)"
        case .email: "Ordinary email"
        case .encryptedFile: "An encrypted file sent separately from its password"
        case .secureFileTransfer: "Secure file transfer (SFTP, HTTPS)"
        case .encryptedStorageDevice: "An approved encrypted storage device (USB drive, disk)"
        case .unencryptedMedia: "An unencrypted USB stick, disk or CD"
        case .paper: "Paper, by post, courier or by hand"
        case .notSure: "Not sure"
        }
    }

    /// Any kind of email, secure or not (SECRET and above must never be emailed).
    public var isEmail: Bool { self == .email || self == .secureEmail }

    /// Whether the method delivers into recipients' mailboxes (email, secure or not). Only then
    /// can a shared or group mailbox block a transfer (recipients-authorised, revised 2026-11-29).
    public var deliversToMailbox: Bool { isEmail }

    /// Whether the wizard asks, and a complete set of answers needs, each recipient's mailbox:
    /// when the method delivers to a mailbox, and when it is "not sure" (it may turn out to be
    /// email, so the answer is kept ready and a shared mailbox is referred, not ignored).
    public var asksMailbox: Bool { deliversToMailbox || self == .notSure }
}

/// Security Aspects Letter and Code of Connection answers.
public enum YesNoNotNeeded: String, AnswerValue {
    case yes, no
    case notNeeded = "not-needed"
    case notSure = "not-sure"
    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .notNeeded: "Not needed"
        case .notSure: "Not sure"
        }
    }
}

public enum IAODecision: String, AnswerValue {
    case authorised, pending, refused
    public var label: String {
        switch self {
        case .authorised: "Authorised"
        case .pending: "Not decided yet"
        case .refused: "Refused"
        }
    }
}
