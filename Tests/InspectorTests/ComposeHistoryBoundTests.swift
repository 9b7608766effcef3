import Foundation
import Testing

@testable import Inspector

/// The compose history keeps at most its limit of entries (1 000 by default), dropping the oldest, whether entries
/// are typed or loaded from a history file that grew longer elsewhere.
@Suite struct ComposeHistoryBoundTests {
    @Test("typing past the limit drops the oldest entries")
    func typedEntriesAreBounded() {
        var history = ComposeHistory()
        for index in 0..<1_500 { history.record("message \(index)") }
        #expect(history.entries.count == 1_000)
        #expect(history.entries.first == "message 500")
        #expect(history.entries.last == "message 1499")
    }

    @Test("a history file longer than the limit loads only its newest entries")
    func loadedEntriesAreBounded() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wsinspect-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        var long = ComposeHistory(limit: 5_000)
        for index in 0..<3_000 { long.record("line \(index)") }
        try long.save(to: url)
        let loaded = try ComposeHistory.load(from: url)
        #expect(loaded.entries.count == 1_000)
        #expect(loaded.entries.first == "line 2000")
    }
}
