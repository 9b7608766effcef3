/// Which end of the connection a parser or connection speaks for; it decides which frames must be masked.
public enum Role: Sendable, Hashable {
    /// A client: sends masked frames, and rejects masked frames from the server.
    case client
    /// A server: sends unmasked frames, and rejects unmasked frames from the client.
    case server
}

/// An incremental RFC 6455 frame parser.
///
/// Bytes go in with `append` (copied) or `lend` (parsed in place), whole frames come out of `next()`. The parser
/// keeps no other state between calls, so any split of the input, down to one byte at a time, yields the same
/// frames. Header rules are checked as soon as the header is complete, before any of the payload has arrived, so an
/// oversized or malformed frame fails fast.
public struct FrameParser: Sendable {
    /// The side this parser reads for.
    public let role: Role
    /// The largest payload one frame may declare; a larger one is a 1009 before its payload is read.
    public var maxPayloadSize: UInt64
    /// Whether RSV1 may be set (a negotiated extension such as permessage-deflate uses it).
    public var permitsRSV1: Bool
    /// Whether frames come back with their exact wire bytes.
    public var capturesWireBytes: Bool

    /// Where the parser is in the frame that starts at `readIndex`.
    private enum Progress {
        /// The frame's header is not complete yet; what has arrived of it is in `storage`.
        case awaitingHeader
        /// The header (`headerSize` bytes at `readIndex`) is parsed and checked; the payload arrives in `storage`.
        case awaitingPayload(FrameHeader, headerSize: Int)
        /// A large payload is collected straight into the array the frame will carry instead of through `storage`
        /// (one copy of each byte instead of two, no growing or compacting); `storage` holds none of the frame.
        case collecting(FrameHeader, DirectPayload)
    }

    private var storage: [UInt8] = []
    private var readIndex = 0
    private var progress = Progress.awaitingHeader

    /// Bytes lent by `lend(_:)` until `endLoan`; `next()` has parsed or stored those before `lentIndex`. Exempt from
    /// the `Sendable` check: a loan begins and ends within its lender's synchronous scope, on one thread, and holds
    /// nothing once it ends, so a parser that moves between threads between loans moves no pointer.
    nonisolated(unsafe) private var lent = UnsafeRawBufferPointer(start: nil, count: 0)
    private var lentIndex = 0

    /// Payloads at least this large are collected directly.
    private static let directThreshold: UInt64 = 32 << 10

    /// Creates a parser.
    public init(role: Role, maxPayloadSize: UInt64 = 128 << 20, permitsRSV1: Bool = false, capturesWireBytes: Bool = false) {
        self.role = role
        self.maxPayloadSize = maxPayloadSize
        self.permitsRSV1 = permitsRSV1
        self.capturesWireBytes = capturesWireBytes
    }

    /// Bytes received but not yet returned as frames. A large frame being collected counts its header too: it left
    /// `storage` for the frame's own record, and is as unreturned as a small frame's header.
    public var bufferedByteCount: Int {
        var collecting = 0
        if case .collecting(_, let direct) = progress { collecting = direct.headerBytes.count + direct.received }
        return storage.count - readIndex + collecting + lent.count - lentIndex
    }

    /// Adds received bytes, copying them.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(lent.baseAddress == nil, "append during a loan (call endLoan first)")
        store(bytes)
    }

    /// Lends received bytes: `next()` reads the frames that lie whole in them where they are, copying each payload
    /// once, into its frame, where `append` first copies every byte into the parser's own buffer. A frame that
    /// began in earlier bytes takes what it lacks from them, and a frame that goes on past their end is stored.
    ///
    /// `bytes` must stay valid and unchanged until `endLoan`, which must come before the next `append` or `lend`.
    public mutating func lend(_ bytes: UnsafeRawBufferPointer) {
        precondition(lent.baseAddress == nil, "lend during a loan (call endLoan first)")
        lent = bytes
        lentIndex = 0
    }

    /// Ends the loan. Lent bytes that `next()` has not reached yet (its caller stopped early) are copied, as
    /// `append` would have copied them, unless `keepingUnparsed` is false (the caller wants no more frames).
    public mutating func endLoan(keepingUnparsed: Bool = true) {
        let rest = lentRest
        lent = UnsafeRawBufferPointer(start: nil, count: 0)
        lentIndex = 0
        if keepingUnparsed && !rest.isEmpty { store(rest) }
    }

    private var lentRest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: lent[lentIndex...]) }

    /// Copies received bytes into `storage`, or straight into a large frame's payload.
    private mutating func store(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        if case .collecting(let header, var collecting) = progress {
            progress = .awaitingHeader  // so that the payload array has one owner while bytes go into it
            let taken = min(Int(header.payloadLength) - collecting.received, bytes.count)
            collecting.take(UnsafeRawBufferPointer(rebasing: bytes[..<taken]), key: header.maskingKey)
            progress = .collecting(header, collecting)
            rest = UnsafeRawBufferPointer(rebasing: bytes[taken...])
        }
        guard !rest.isEmpty else { return }
        compactIfWorthwhile()
        if case .awaitingHeader = progress, readIndex == storage.count, UInt64(rest.count) >= Self.directThreshold {
            // A read that starts a frame and is large enough to start a large one: only its header goes into
            // `storage`, and the payload straight into the frame's own array, saving a pass over it (PROFILE.md).
            let headerPart = min(rest.count, FrameHeader.largestEncodedSize)
            storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<headerPart]))
            rest = UnsafeRawBufferPointer(rebasing: rest[headerPart...])
            // A header that breaks a rule stays in `storage`, for `next()` to report.
            if let (header, size) = try? parseStoredHeader(), header.payloadLength >= Self.directThreshold {
                startDirect(header, headerSize: size)
                store(rest)
                return
            }
        }
        storage.append(contentsOf: rest)
    }

    /// Adds received bytes.
    public mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        Array(bytes).withUnsafeBytes { append($0) }
    }

    /// The header of the frame whose payload is still arriving, if its header is complete.
    package var partialFrameHeader: FrameHeader? {
        switch progress {
        case .awaitingHeader: nil
        case .awaitingPayload(let header, _), .collecting(let header, _): header
        }
    }

    /// How many payload bytes of the partial frame have arrived; 0 when no frame is partial.
    package var partialPayloadCount: Int {
        switch progress {
        case .awaitingHeader: 0
        case .awaitingPayload(_, let headerSize): storage.count - (readIndex + headerSize)
        case .collecting(_, let direct): direct.received
        }
    }

    /// Calls `body` with the partial frame's payload bytes from position `offset` on, unmasked (only the bytes
    /// from `offset` are unmasked, into a copy, so checking a frame piece by piece stays linear). Empty when no
    /// frame is partial or nothing past `offset` has arrived.
    package func withPartialPayload<Result>(from offset: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let nothing = UnsafeRawBufferPointer(start: nil, count: 0)
        guard offset < partialPayloadCount else { return body(nothing) }
        let header: FrameHeader
        let headerSize: Int
        switch progress {
        case .awaitingHeader: return body(nothing)
        case .collecting(_, let direct):
            // Diverted bytes were never stored: nothing to show.
            guard !direct.diverted else { return body(nothing) }
            return direct.payload.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<direct.received])) }
        case .awaitingPayload(let parsed, let size): (header, headerSize) = (parsed, size)
        }
        let start = readIndex + headerSize + offset
        return storage.withUnsafeBytes { all in
            let arrived = UnsafeRawBufferPointer(rebasing: all[start..<storage.count])
            guard let key = header.maskingKey else { return body(arrived) }
            let unmasked = [UInt8](unsafeUninitializedCapacity: arrived.count) { target, count in
                Masking.copy(arrived, maskedWith: key, into: UnsafeMutableRawBufferPointer(target), offset: offset)
                count = arrived.count
            }
            return unmasked.withUnsafeBytes(body)
        }
    }

    /// How many payload bytes of a large frame being collected are still to come; 0 when none is.
    package var divertablePayloadCount: Int {
        guard case .collecting(let header, let direct) = progress else { return 0 }
        return Int(header.payloadLength) - direct.received
    }

    /// Takes the next payload bytes of a large frame being collected (at most `divertablePayloadCount`), unmasking
    /// them into `target` instead of keeping them: for a caller that forwards a payload as it arrives, saving a
    /// copy. The frame then completes with an empty payload, and `withPartialPayload` shows none of it.
    package mutating func divertPayload(_ bytes: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) {
        precondition(bytes.count <= divertablePayloadCount, "diverted bytes go past the frame's payload")
        // Nothing is being collected when the count is 0, so `bytes` is empty.
        guard case .collecting(let header, var collecting) = progress else { return }
        progress = .awaitingHeader  // one owner for the payload array while it changes
        if let key = header.maskingKey {
            Masking.copy(bytes, maskedWith: key, into: target, offset: collecting.received)
        } else {
            target.copyMemory(from: bytes)
        }
        collecting.received += bytes.count
        collecting.diverted = true
        progress = .collecting(header, collecting)
    }

    /// The next complete frame, `nil` when more bytes are needed, or a violation of the framing rules. During a
    /// loan, `nil` means that every lent byte has been parsed or stored.
    public mutating func next() throws(ProtocolViolation) -> Frame? {
        guard lentIndex < lent.count else { return try nextStored() }
        guard case .awaitingHeader = progress, readIndex == storage.count else { return try completeStoredFrame() }
        let rest = lentRest
        if let (header, size) = try parseHeader(rest), Int(header.payloadLength) <= rest.count - size {
            // The common case under load: a frame that lies whole in the lent bytes, read where it is.
            lentIndex += size + Int(header.payloadLength)
            return frame(header, headerSize: size, at: rest)
        }
        // The frame (or its header) goes on past the lent bytes: they are its start, and are stored.
        lentIndex = lent.count
        store(rest)
        return try nextStored()
    }

    /// Completes the frame begun in earlier bytes with what it lacks from the lent bytes, and no more, so that the
    /// frames after it are still read in place.
    private mutating func completeStoredFrame() throws(ProtocolViolation) -> Frame? {
        while true {
            if let frame = try nextStored() { return frame }
            guard lentIndex < lent.count else { return nil }
            let count = min(storedFrameShortfall, lent.count - lentIndex)
            store(UnsafeRawBufferPointer(rebasing: lent[lentIndex..<(lentIndex + count)]))
            lentIndex += count
        }
    }

    /// How many more bytes the stored frame needs before `nextStored()` can go further: up to the end of its
    /// header while that is incomplete, then up to the end of its payload. Positive whenever `nextStored()` just
    /// returned `nil`.
    private var storedFrameShortfall: Int {
        switch progress {
        case .collecting(let header, let direct):
            return Int(header.payloadLength) - direct.received
        case .awaitingPayload(let header, let headerSize):
            return readIndex + headerSize + Int(header.payloadLength) - storage.count
        case .awaitingHeader:
            let available = storage.count - readIndex
            guard available >= 2 else { return 2 - available }
            return Self.headerSize(secondByte: storage[readIndex + 1]) - available
        }
    }

    /// The next complete frame from `storage` (or collected directly).
    private mutating func nextStored() throws(ProtocolViolation) -> Frame? {
        let header: FrameHeader
        let headerSize: Int
        switch progress {
        case .collecting: return completeDirect()
        case .awaitingPayload(let parsed, let size): (header, headerSize) = (parsed, size)
        case .awaitingHeader:
            guard let (parsed, size) = try parseStoredHeader() else { return nil }
            (header, headerSize) = (parsed, size)
        }
        // The length fits in Int: it was checked against maxPayloadSize, and no buffer can exceed Int.max.
        let payloadEnd = readIndex + headerSize + Int(header.payloadLength)
        guard storage.count >= payloadEnd else {
            if header.payloadLength >= Self.directThreshold {
                startDirect(header, headerSize: headerSize)
            } else {
                progress = .awaitingPayload(header, headerSize: headerSize)
            }
            return nil
        }

        let parsed = storage.withUnsafeBytes { all in
            frame(header, headerSize: headerSize, at: UnsafeRawBufferPointer(rebasing: all[readIndex...]))
        }
        readIndex = payloadEnd
        progress = .awaitingHeader
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        return parsed
    }

    /// The frame whose header (`headerSize` bytes, already parsed) starts `bytes`, with its payload in its own
    /// array and, when capture is on, its header's wire bytes. Inlined by force, as the small-frame flood
    /// measured slower with a call (PROFILE.md).
    @inline(__always)
    private func frame(_ header: FrameHeader, headerSize: Int, at bytes: UnsafeRawBufferPointer) -> Frame {
        let payloadBytes = UnsafeRawBufferPointer(rebasing: bytes[headerSize..<(headerSize + Int(header.payloadLength))])
        let wire = capturesWireBytes ? WireHeaderBytes(bytes[..<headerSize]) : nil
        return Frame(header: header, payload: Self.payloadArray(payloadBytes, key: header.maskingKey), headerBytes: wire)
    }

    /// A payload's own array, unmasked in the same pass as the copy.
    private static func payloadArray(_ bytes: UnsafeRawBufferPointer, key: MaskingKey?) -> [UInt8] {
        guard let key else { return Array(bytes) }
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { target, count in
            Masking.copy(bytes, maskedWith: key, into: UnsafeMutableRawBufferPointer(target))
            count = bytes.count
        }
    }

    /// Moves what has arrived of a large payload into its own array; the rest of it will be copied there.
    private mutating func startDirect(_ header: FrameHeader, headerSize: Int) {
        let payloadStart = readIndex + headerSize
        let length = Int(header.payloadLength)
        // Sized once, for the whole payload; bytes past `received` are never read.
        var collecting = DirectPayload(
            headerBytes: WireHeaderBytes(storage[readIndex..<payloadStart]),
            payload: [UInt8](unsafeUninitializedCapacity: length) { _, count in count = length })
        storage.withUnsafeBytes { all in
            collecting.take(UnsafeRawBufferPointer(rebasing: all[payloadStart..<storage.count]), key: header.maskingKey)
        }
        progress = .collecting(header, collecting)
        storage.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    /// The directly collected frame once its payload is complete.
    private mutating func completeDirect() -> Frame? {
        guard case .collecting(let header, let collecting) = progress, collecting.received == Int(header.payloadLength)
        else { return nil }
        progress = .awaitingHeader
        let wire = capturesWireBytes ? collecting.headerBytes : nil
        return Frame(header: header, payload: collecting.diverted ? [] : collecting.payload, headerBytes: wire)
    }

    /// Parses the header at `readIndex` in `storage` if it is complete.
    private func parseStoredHeader() throws(ProtocolViolation) -> (FrameHeader, Int)? {
        let parsed = storage.withUnsafeBytes { all in
            Result { () throws(ProtocolViolation) in try parseHeader(UnsafeRawBufferPointer(rebasing: all[readIndex...])) }
        }
        return try parsed.get()
    }

    /// Drops consumed bytes once they are the larger part of the buffer, so the buffer does not grow forever
    /// while memmove cost stays amortised.
    private mutating func compactIfWorthwhile() {
        if readIndex > 0 && readIndex >= storage.count - readIndex {
            storage.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }
}
