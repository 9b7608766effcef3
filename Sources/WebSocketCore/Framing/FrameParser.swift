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

    private var storage: [UInt8] = []
    private var readIndex = 0
    private var pendingHeader: FrameHeader?
    private var pendingHeaderSize = 0
    /// A large frame's payload, collected straight into the array the frame will carry instead of through
    /// `storage`: one copy of each payload byte instead of two, and no growing or compacting of `storage`.
    private var direct: DirectPayload?

    private struct DirectPayload {
        /// The header's wire bytes, for `wireBytes` if capture is switched on before the frame completes.
        var headerBytes: WireHeaderBytes
        /// The whole payload's array; its first `received` bytes have arrived, already unmasked (unless diverted).
        var payload: [UInt8]
        var received = 0
        /// Set once the caller took some of the payload (`divertPayload`): the frame then completes without it.
        var diverted = false

        /// Copies `bytes` in after what has arrived, unmasking them on the way: a masked payload is read once,
        /// while it is still warm from the socket, instead of copied and then unmasked in a second pass.
        mutating func take(_ bytes: UnsafeRawBufferPointer, key: MaskingKey?) {
            let offset = received
            payload.withUnsafeMutableBytes { whole in
                let target = UnsafeMutableRawBufferPointer(rebasing: whole[offset..<(offset + bytes.count)])
                if let key {
                    Masking.copy(bytes, maskedWith: key, into: target, offset: offset)
                } else {
                    target.copyMemory(from: bytes)
                }
            }
            received += bytes.count
        }
    }

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
        let collecting = direct.map { $0.headerBytes.count + $0.received } ?? 0
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
        if let header = pendingHeader, var collecting = direct.take() {
            let taken = min(Int(header.payloadLength) - collecting.received, bytes.count)
            collecting.take(UnsafeRawBufferPointer(rebasing: bytes[..<taken]), key: header.maskingKey)
            direct = collecting
            rest = UnsafeRawBufferPointer(rebasing: bytes[taken...])
        }
        guard !rest.isEmpty else { return }
        compactIfWorthwhile()
        if pendingHeader == nil && readIndex == storage.count && UInt64(rest.count) >= Self.directThreshold {
            // A read that starts a frame and is large enough to start a large one: only its header goes into
            // `storage`. If the frame is large, what follows goes straight into the frame's own array, instead of
            // into `storage` first and then out again (bulk 1 MiB echo: a second pass over the first read of each
            // message, 7% of the client's samples).
            let headerPart = min(rest.count, FrameHeader.largestEncodedSize)
            storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<headerPart]))
            rest = UnsafeRawBufferPointer(rebasing: rest[headerPart...])
            // A header that breaks a rule stays in `storage`, for `next()` to report.
            if let (header, size) = try? parseStoredHeader(), header.payloadLength >= Self.directThreshold {
                pendingHeader = header
                pendingHeaderSize = size
                startDirect(header, payloadStart: readIndex + size)
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
    package var partialFrameHeader: FrameHeader? { pendingHeader }

    /// How many payload bytes of the partial frame have arrived; 0 when no frame is partial.
    package var partialPayloadCount: Int {
        guard pendingHeader != nil else { return 0 }
        if let direct { return direct.received }
        return storage.count - (readIndex + pendingHeaderSize)
    }

    /// Calls `body` with the partial frame's payload bytes from position `offset` on, unmasked (only the bytes
    /// from `offset` are unmasked, into a copy, so checking a frame piece by piece stays linear). Empty when no
    /// frame is partial or nothing past `offset` has arrived.
    package func withPartialPayload<Result>(from offset: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        guard let header = pendingHeader, offset < partialPayloadCount else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if let direct {
            // Diverted bytes were never stored: nothing to show.
            guard !direct.diverted else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            return direct.payload.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<direct.received])) }
        }
        let start = readIndex + pendingHeaderSize + offset
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
        guard let header = pendingHeader, let direct else { return 0 }
        return Int(header.payloadLength) - direct.received
    }

    /// Takes the next payload bytes of a large frame being collected (at most `divertablePayloadCount`), unmasking
    /// them into `target` instead of keeping them: for a caller that forwards a payload as it arrives, saving a
    /// copy. The frame then completes with an empty payload, and `withPartialPayload` shows none of it.
    package mutating func divertPayload(_ bytes: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) {
        precondition(bytes.count <= divertablePayloadCount, "diverted bytes go past the frame's payload")
        guard var collecting = direct.take() else { return }  // nothing is being collected, so `bytes` is empty
        if let key = pendingHeader?.maskingKey {
            Masking.copy(bytes, maskedWith: key, into: target, offset: collecting.received)
        } else {
            target.copyMemory(from: bytes)
        }
        collecting.received += bytes.count
        collecting.diverted = true
        direct = collecting
    }

    /// The next complete frame, `nil` when more bytes are needed, or a violation of the framing rules. During a
    /// loan, `nil` means that every lent byte has been parsed or stored.
    public mutating func next() throws(ProtocolViolation) -> Frame? {
        guard lentIndex < lent.count else { return try nextStored() }
        guard direct == nil && readIndex == storage.count else { return try completeStoredFrame() }
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
        if let header = pendingHeader {
            if let direct { return Int(header.payloadLength) - direct.received }
            return readIndex + pendingHeaderSize + Int(header.payloadLength) - storage.count
        }
        let available = storage.count - readIndex
        guard available >= 2 else { return 2 - available }
        return Self.headerSize(secondByte: storage[readIndex + 1]) - available
    }

    /// The next complete frame from `storage` (or collected directly).
    private mutating func nextStored() throws(ProtocolViolation) -> Frame? {
        if pendingHeader == nil {
            guard let (header, size) = try parseStoredHeader() else { return nil }
            pendingHeader = header
            pendingHeaderSize = size
        }
        let header = pendingHeader!
        if direct != nil { return completeDirect(header) }
        let payloadStart = readIndex + pendingHeaderSize
        // The length fits in Int: it was checked against maxPayloadSize, and no buffer can exceed Int.max.
        let payloadEnd = payloadStart + Int(header.payloadLength)
        guard storage.count >= payloadEnd else {
            if header.payloadLength >= Self.directThreshold { startDirect(header, payloadStart: payloadStart) }
            return nil
        }

        let parsed = storage.withUnsafeBytes { all in
            frame(header, headerSize: pendingHeaderSize, at: UnsafeRawBufferPointer(rebasing: all[readIndex...]))
        }
        readIndex = payloadEnd
        pendingHeader = nil
        pendingHeaderSize = 0
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        return parsed
    }

    /// The frame whose header (`headerSize` bytes, already parsed) starts `bytes`, with its payload in its own
    /// array and, when capture is on, its header's wire bytes. Inlined by force: left as a call, it cost the 16-byte
    /// flood 12% in alternating runs.
    @inline(__always)
    private func frame(_ header: FrameHeader, headerSize: Int, at bytes: UnsafeRawBufferPointer) -> Frame {
        let payloadBytes = UnsafeRawBufferPointer(rebasing: bytes[headerSize..<(headerSize + Int(header.payloadLength))])
        let wire = capturesWireBytes ? WireHeaderBytes(bytes[..<headerSize]) : nil
        return Frame(header: header, payload: Self.payloadArray(payloadBytes, key: header.maskingKey), headerBytes: wire)
    }

    /// The size of a header, known from its second byte (the length form and the mask bit).
    @inline(__always)
    private static func headerSize(secondByte second: UInt8) -> Int {
        let extendedLength = switch second & 0x7F { case 126: 2; case 127: 8; default: 0 }
        return 2 + extendedLength + (second & 0x80 != 0 ? 4 : 0)
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
    private mutating func startDirect(_ header: FrameHeader, payloadStart: Int) {
        let length = Int(header.payloadLength)
        // Sized once, for the whole payload; bytes past `received` are never read.
        var collecting = DirectPayload(
            headerBytes: WireHeaderBytes(storage[readIndex..<payloadStart]),
            payload: [UInt8](unsafeUninitializedCapacity: length) { _, count in count = length })
        storage.withUnsafeBytes { all in
            collecting.take(UnsafeRawBufferPointer(rebasing: all[payloadStart..<storage.count]), key: header.maskingKey)
        }
        direct = collecting
        storage.removeAll(keepingCapacity: true)
        readIndex = 0
        pendingHeaderSize = 0
    }

    /// The directly collected frame once its payload is complete.
    private mutating func completeDirect(_ header: FrameHeader) -> Frame? {
        guard let collecting = direct, collecting.received == Int(header.payloadLength) else { return nil }
        direct = nil
        let wire = capturesWireBytes ? collecting.headerBytes : nil
        pendingHeader = nil
        pendingHeaderSize = 0
        return Frame(header: header, payload: collecting.diverted ? [] : collecting.payload, headerBytes: wire)
    }

    /// Parses the header at `readIndex` in `storage` if it is complete.
    private func parseStoredHeader() throws(ProtocolViolation) -> (FrameHeader, Int)? {
        let parsed = storage.withUnsafeBytes { all in
            Result { () throws(ProtocolViolation) in try parseHeader(UnsafeRawBufferPointer(rebasing: all[readIndex...])) }
        }
        return try parsed.get()
    }

    /// Parses the header at the start of `bytes` if it is complete, checking every rule that the header alone
    /// decides.
    private func parseHeader(_ bytes: UnsafeRawBufferPointer) throws(ProtocolViolation) -> (FrameHeader, Int)? {
        let available = bytes.count
        guard available >= 2 else { return nil }
        let first = bytes[0]
        let second = bytes[1]
        let opcode = Opcode(rawValue: first & 0x0F)
        let fin = first & 0x80 != 0
        let rsv1 = first & 0x40 != 0
        let rsv2 = first & 0x20 != 0
        let rsv3 = first & 0x10 != 0
        let masked = second & 0x80 != 0
        let shortLength = second & 0x7F

        if opcode.isReserved {
            throw .protocolError("reserved opcode 0x\(String(opcode.rawValue, radix: 16))")
        }
        if rsv2 || rsv3 || (rsv1 && !permitsRSV1) {
            let bits = [rsv1 && !permitsRSV1 ? "RSV1" : nil, rsv2 ? "RSV2" : nil, rsv3 ? "RSV3" : nil].compactMap { $0 }
            throw .protocolError("\(bits.joined(separator: ", ")) set without a negotiated extension")
        }
        if opcode.isControl {
            if !fin { throw .protocolError("fragmented \(opcode.name) frame (control frames must have FIN set)") }
            if shortLength > 125 {
                throw .protocolError("\(opcode.name) frame longer than 125 bytes")
            }
        }
        switch role {
        case .client where masked: throw .protocolError("masked frame from the server")
        case .server where !masked: throw .protocolError("unmasked frame from the client")
        default: break
        }

        let encoding: PayloadLengthEncoding
        switch shortLength {
        case 126: encoding = .sixteenBit
        case 127: encoding = .sixtyFourBit
        default: encoding = .sevenBit
        }
        let headerSize = Self.headerSize(secondByte: second)
        guard available >= headerSize else { return nil }

        var length = UInt64(shortLength)
        var index = 2
        if encoding != .sevenBit {
            length = 0
            for _ in 0..<encoding.extendedLengthSize {
                length = length << 8 | UInt64(bytes[index])
                index += 1
            }
            if encoding == .sixtyFourBit && length >> 63 != 0 {
                throw .protocolError("64-bit payload length with the most significant bit set")
            }
            if PayloadLengthEncoding.minimal(for: length) != encoding {
                throw .protocolError("payload length \(length) not in its minimal \(PayloadLengthEncoding.minimal(for: length).rawValue) encoding")
            }
        }
        if length > maxPayloadSize {
            throw .tooBig("frame of \(SizeWords.size(length)) passed the \(SizeWords.size(maxPayloadSize)) limit")
        }
        var key: MaskingKey?
        if masked {
            key = MaskingKey(bytes[index], bytes[index + 1], bytes[index + 2], bytes[index + 3])
        }
        let header = FrameHeader(
            fin: fin, rsv1: rsv1, rsv2: rsv2, rsv3: rsv3, opcode: opcode, maskingKey: key,
            payloadLength: length, lengthEncoding: encoding)
        return (header, headerSize)
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
