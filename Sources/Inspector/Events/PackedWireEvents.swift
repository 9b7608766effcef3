import Foundation
import WebSocketCore
import WebSockets

/// ``SessionEvent/wire(generation:_:)`` events of small frames, packed (see `PackedFrames`): how a flood crosses
/// from the connection's thread to the UI thread without a payload allocated on one and freed on the other.
///
/// Each event comes back as it went in, with a frame equal to the one packed.
package struct PackedWireEvents: Sendable {
    /// Frames whose payloads (inflated and captured bytes included) are at most this size are packed (see
    /// `PackedFrames.crossThreadPackingLimit`).
    package static let packedLimit = PackedFrames.crossThreadPackingLimit

    /// What a wire event holds beside its frame.
    private struct Stamp {
        var generation: Int
        var time: Date
        var direction: WireRecord.Direction
    }

    private var frames = PackedFrames()
    private var stamps: [Stamp] = []

    /// Creates an empty store.
    package init() {}

    /// Events held.
    package var count: Int { stamps.count }

    /// Packs `event` when it is the wire record of a frame of at most ``packedLimit`` bytes; otherwise leaves it
    /// and answers `false`.
    package mutating func append(_ event: SessionEvent) -> Bool {
        guard case .wire(let generation, let record) = event, case .frame(let frame) = record.content,
            PackedFrames.variableSize(of: frame) <= Self.packedLimit
        else { return false }
        frames.append(frame)
        stamps.append(Stamp(generation: generation, time: record.time, direction: record.direction))
        return true
    }

    /// Where the packed frames' bytes are stored (see `PackedFrames.storageAddress`).
    package var storageAddress: UnsafeRawPointer? { frames.storageAddress }

    /// Forgets every event, keeping the storage for the next ones.
    package mutating func removeAll() {
        frames.removeAll()
        stamps.removeAll(keepingCapacity: true)
    }

    /// A reading position: events are read in the order they were appended.
    package struct Cursor: Sendable {
        fileprivate var index = 0
        fileprivate var frames = PackedFrames.Cursor()
        /// A position at the first event.
        package init() {}
    }

    /// The event at `cursor`, which then moves past it; `nil` once every event has been read.
    package func next(_ cursor: inout Cursor) -> SessionEvent? {
        guard cursor.index < stamps.count, let frame = frames.next(&cursor.frames) else { return nil }
        let stamp = stamps[cursor.index]
        cursor.index += 1
        return .wire(generation: stamp.generation, WireRecord(time: stamp.time, direction: stamp.direction, content: .frame(frame)))
    }
}
