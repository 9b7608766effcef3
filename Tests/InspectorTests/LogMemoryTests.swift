import Foundation
import Testing
import WebSocketCore
import WebSockets

@testable import Inspector

/// The log's byte budget and per-record cap (issue 26 §2): what a hostile compressed flood may cost.
@Suite struct LogMemoryTests {
    /// A received compressed binary frame: a small wire payload that inflated to `inflated` bytes.
    func compressedFrame(inflatedCount: Int, fill: UInt8 = 0x41) -> InspectorRecord.Kind {
        let wire: [UInt8] = [0x01, 0x02, 0x03]
        let frame = Frame(
            header: FrameHeader(rsv1: true, opcode: .binary, payloadLength: 3), payload: wire,
            wireBytes: [0xC2, 0x03] + wire)
        return .frame(frame, inflated: [UInt8](repeating: fill, count: inflatedCount))
    }

    @Test func payloadBytesPastTheBudgetDropTheOldestRecords() {
        var log = LogModel(limits: LogLimits(capacity: 1000, memoryBudget: 10_000, maxRecordBytes: 4_000))
        for _ in 0..<10 { log.append(compressedFrame(inflatedCount: 3_000), direction: .received) }
        // Each record holds 3 000 inflated bytes, a 3-byte wire payload and its 5 captured wire bytes: three fit in
        // 10 000, a fourth does not.
        #expect(log.recordCount == 3)
        #expect(log.storedBytes == 3 * 3_008)
        #expect(log.droppedForMemory == 7)
        #expect(log.droppedCount == 7)
        #expect(log.rowCount == 3)
        #expect(log.entry(atRow: 0).record.id == 8)
        #expect(log.counters.receivedFrames == 10)
    }

    @Test func theBudgetKeepsItsAccountThroughTheRecordCapacityAndClear() {
        var log = LogModel(limits: LogLimits(capacity: 4, memoryBudget: 1 << 20, maxRecordBytes: 1 << 20))
        for index in 0..<20 { log.append(compressedFrame(inflatedCount: 100 + index), direction: .received) }
        // The ring's own capacity dropped 16; the budget none. The account is the four records left.
        #expect(log.recordCount == 4)
        #expect(log.droppedForMemory == 0)
        #expect(log.droppedCount == 16)
        #expect(log.storedBytes == (116...119).reduce(0) { $0 + $1 + 8 })
        log.clear()
        #expect(log.storedBytes == 0 && log.droppedForMemory == 0)
        log.append(compressedFrame(inflatedCount: 10), direction: .received)
        #expect(log.storedBytes == 18)
    }

    @Test func theNewestRecordStaysEvenWhenItAloneIsOverTheBudget() {
        var log = LogModel(limits: LogLimits(capacity: 10, memoryBudget: 100, maxRecordBytes: 1_000))
        log.append(compressedFrame(inflatedCount: 50), direction: .received)
        log.append(compressedFrame(inflatedCount: 500), direction: .received)
        #expect(log.recordCount == 1)
        #expect(log.entry(atRow: 0).record.applicationPayload?.count == 500)
        #expect(log.droppedForMemory == 1)
    }

    @Test func aPayloadOverTheCapKeepsItsStartLengthAndHash() {
        var log = LogModel(limits: LogLimits(capacity: 10, memoryBudget: 1 << 20, maxRecordBytes: 1_024))
        var inflated = [UInt8](repeating: 0, count: 100_000)
        for index in inflated.indices { inflated[index] = UInt8(truncatingIfNeeded: index * 7) }
        let frame = Frame(header: FrameHeader(rsv1: true, opcode: .binary, payloadLength: 3), payload: [1, 2, 3])
        log.append(.frame(frame, inflated: inflated), direction: .received)
        let record = log.entry(atRow: 0).record
        #expect(record.applicationPayload == Array(inflated.prefix(1_024)))
        let cut = try! #require(record.applicationCut)
        #expect(cut == PayloadCut(fullCount: 100_000, keptCount: 1_024, hash: FNV1a64.hash(inflated)))
        #expect(record.trim?.payload == nil, "the 3-byte wire payload is under the cap")
        #expect(log.storedBytes == 1_024 + 3)
        // The detail view says what was kept, and the row shows the full size.
        let text = DetailFormatter.lines(for: record, width: 100, clock: utcClock).map(\.text)
        #expect(text.contains("payload 97.7 KiB (100000 bytes), first 1024 B kept · FNV-1a \(FNV1a64.hex(cut.hash))"))
        #expect(text.contains { $0.hasPrefix("inflated payload (1024, first 1024 of 100000 bytes kept)") })
        #expect(LogRowFormatter(clock: utcClock).line(for: log.entry(atRow: 0)).text.contains("97.7 KiB"))
    }

    @Test func anUncompressedPayloadOverTheCapIsCutWithItsWireBytes() {
        let key = MaskingKey(1, 2, 3, 4)
        let payload = [UInt8](repeating: 0x61, count: 5_000)
        let header = FrameHeader(opcode: .text, maskingKey: key, payloadLength: 5_000)
        let frame = Frame(header: header, payload: payload, wireBytes: FrameEncoder.encode(header, payload: payload))
        let record = InspectorRecord(id: 1, time: fixedTime, direction: .sent, kind: .frame(frame)).trimmed(to: 100)
        #expect(record.frame?.payload == Array(payload.prefix(100)))
        #expect(record.trim?.payload?.fullCount == 5_000)
        // Header (8 bytes: 16-bit length, key) plus the kept payload, masked: the first bytes as they were sent.
        #expect(record.wireBytes == Array(FrameEncoder.encode(header, payload: payload).prefix(108)))
        #expect(record.storedByteCount == 100 + 108)
        var counters = TrafficCounters()
        counters.count(record)
        #expect(counters.sentBytes == 5_008, "the counters describe the wire, cut or not")
        // A record cut again keeps the original length and hash.
        let again = record.trimmed(to: 10)
        #expect(again.trim?.payload == PayloadCut(fullCount: 5_000, keptCount: 10, hash: FNV1a64.hash(payload)))
    }

    @Test func aWireRecordIsCutOnTheConnectionsSideWithTheSameResult() {
        let inflated = [UInt8](repeating: 7, count: 3_000)
        let frame = Frame(
            header: FrameHeader(rsv1: true, opcode: .binary, payloadLength: 2), payload: [9, 9],
            inflatedPayload: inflated)
        let (kept, trim) = WireRecord(direction: .received, content: .frame(frame)).trimmed(to: 1_000)
        #expect(trim?.inflated == PayloadCut(fullCount: 3_000, keptCount: 1_000, hash: FNV1a64.hash(inflated)))
        var log = LogModel(limits: LogLimits(capacity: 10, memoryBudget: 1 << 20, maxRecordBytes: 1_000))
        log.append((copy kept).intoRecordKind(), direction: .received, trim: trim)
        let record = log.entry(atRow: 0).record
        #expect(record.applicationPayload?.count == 1_000)
        #expect(record.applicationCut == trim?.inflated)
    }

    @Test func fnv1aMatchesItsPublishedVectors() {
        // From the FNV reference test suite.
        #expect(FNV1a64.hash([]) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test func theStatusBarSaysRecordsWentForMemory() {
        var state = InspectorState(
            log: LogModel(limits: LogLimits(capacity: 100, memoryBudget: 2_000, maxRecordBytes: 1_500)),
            status: ConnectionStatus(url: "ws://x/"))
        for _ in 0..<5 { state.log.append(compressedFrame(inflatedCount: 1_000), direction: .received) }
        let grid = render(state, rows: 20, cols: 160)
        #expect(grid.lines[0].contains("dropped 4 (4 for memory, limit 2000 B)"), "\(grid.lines[0])")
    }

    @Test func theRingRemovesFromTheFrontAndRefillsInOrder() {
        var ring = BoundedRing<Int>(capacity: 5)
        for value in 0..<4 { ring.append(value) }
        #expect(ring.removeFirst() == 0)
        #expect(ring.removeFirst() == 1)
        let overwritten = (4..<9).compactMap { ring.append($0) }  // refills the freed slots, grows, then overwrites
        #expect(overwritten == [2, 3], "a full ring hands back what it overwrote, oldest first")
        #expect(ring.count == 5 && ring.startIndex == 4)
        #expect((ring.startIndex..<ring.endIndex).map { ring[$0] } == [4, 5, 6, 7, 8])
        ring.removeFirst()
        ring.append(9)
        #expect((ring.startIndex..<ring.endIndex).map { ring[$0] } == [5, 6, 7, 8, 9])
    }
}
