/// A scripted backend for tests: keys come from a list, presented canvases are recorded.
///
/// Resizes can be scripted with `Step.resize`, or caused from a test with `resize(width:height:)`;
/// either way the next `readKey()` returns `.resize` and `size` reports the new size.
public final class HeadlessBackend: TerminalBackend {
    /// One scripted input event.
    public enum Step: Equatable, Sendable {
        /// `readKey()` returns this key.
        case key(Key)
        /// The terminal becomes this size; `readKey()` returns `.resize`.
        case resize(width: Int, height: Int)
        /// A key typed before the previous key was handled (type-ahead): `discardTypeahead()`
        /// drops it, as a real terminal's input queue would be flushed.
        case typedAhead(Key)
        /// A key typed the moment the next screen appears: it reaches the input queue when the
        /// next canvas is presented (becoming type-ahead from then on), so a screen change
        /// that drops type-ahead only after presenting would lose it.
        case typedOnSight(Key)
    }

    public private(set) var size: (width: Int, height: Int)
    public let supportsColour: Bool
    public let supportsUnicode: Bool
    /// Every canvas presented so far, oldest first.
    public private(set) var frames: [Canvas] = []
    /// Steps not yet consumed.
    public private(set) var remainingSteps: [Step]
    /// How many times `close()` was called.
    public private(set) var closeCount = 0
    /// Keys dropped by `discardTypeahead()`, oldest first.
    public private(set) var discardedKeys: [Key] = []
    private var resizePending = false

    /// A backend of the given size that will return `keys` in order, then `.endOfInput`.
    public convenience init(width: Int = 80, height: Int = 24, keys: [Key], unicode: Bool = true, colour: Bool = false)
    {
        self.init(width: width, height: height, steps: keys.map(Step.key), unicode: unicode, colour: colour)
    }

    /// A backend that plays `steps` (keys and resizes) in order, then returns `.endOfInput`.
    public init(width: Int = 80, height: Int = 24, steps: [Step], unicode: Bool = true, colour: Bool = false) {
        self.size = (width, height)
        self.remainingSteps = steps
        self.supportsUnicode = unicode
        self.supportsColour = colour
    }

    /// The last presented frame as trimmed text; empty before the first frame.
    public var screen: String { frames.last?.text ?? "" }

    public func present(_ canvas: Canvas) {
        frames.append(canvas)
        var index = remainingSteps.startIndex
        while index < remainingSteps.endIndex, case .typedOnSight(let key) = remainingSteps[index] {
            remainingSteps[index] = .typedAhead(key)
            index += 1
        }
    }

    public func discardTypeahead() {
        while case .typedAhead(let key)? = remainingSteps.first {
            discardedKeys.append(key)
            remainingSteps.removeFirst()
        }
    }

    public func readKey() -> Key {
        if resizePending {
            resizePending = false
            return .resize
        }
        guard !remainingSteps.isEmpty else { return .endOfInput }
        switch remainingSteps.removeFirst() {
        case .key(let key), .typedAhead(let key), .typedOnSight(let key):
            return key
        case .resize(let width, let height):
            size = (width, height)
            return .resize
        }
    }

    /// Changes the size now; the next `readKey()` returns `.resize` before any scripted key.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        resizePending = true
    }

    /// The notices of each time the terminal was handed to another program, oldest first.
    public private(set) var handedOver: [String] = []
    /// Whether the run is outside full-screen mode now (a canvas presented then is a mistake).
    public private(set) var isOutside = false

    /// Records the notice and runs `body`; nothing is drawn meanwhile, and nothing signals.
    public func outsideFullScreen(notice: String, _ body: (_ signalled: () -> Bool) -> Void) {
        handedOver.append(notice)
        isOutside = true
        body { false }
        isOutside = false
    }

    public func close() {
        closeCount += 1
    }
}
