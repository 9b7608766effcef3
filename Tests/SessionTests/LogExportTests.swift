import Captures
import Foundation
import Inspector
import Testing
import WebSocketCore

@testable import Session

/// `/export`: the log as it is now, written as HAR or JSON Lines, whole or as the filter shows it, credentials
/// hidden unless `--har-secrets`, and what the log no longer holds said in the note and the file.
@Suite struct LogExportTests {
    static let start = Date(timeIntervalSince1970: 1_796_378_400.25)

    static let request =
        "GET /echo HTTP/1.1\r\nHost: 127.0.0.1:9\r\nAuthorization: Bearer s3cret\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    static let response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"

    static func text(_ text: String, _ direction: Direction, fin: Bool = true, continuation: Bool = false) -> InspectorRecord.Kind {
        let payload = Array(text.utf8)
        let header = FrameHeader(fin: fin, opcode: continuation ? .continuation : .text, payloadLength: UInt64(payload.count))
        return .frame(Frame(header: header, payload: payload))
    }

    /// Two connections (a reconnect), the second with a fragmented message.
    static func log(capacity: Int = 1000, maxRecordBytes: Int = 1 << 20) -> LogModel {
        var log = LogModel(limits: LogLimits(capacity: capacity, maxRecordBytes: maxRecordBytes))
        var seconds = 0.0
        func add(_ direction: Direction, _ kind: InspectorRecord.Kind) {
            seconds += 0.01
            log.append(kind, direction: direction, time: start + seconds)
        }
        for number in 1...2 {
            add(.local, .note("connecting to ws://alice:pw@127.0.0.1:9/echo", isError: false))
            add(.sent, .handshakeRequest(Array(request.utf8)))
            add(.received, .handshakeResponse(Array(response.utf8)))
            add(.sent, text("ping \(number)", .sent))
            add(.received, text("pong \(number)", .received))
        }
        add(.received, text("frag", .received, fin: false))
        add(.received, text("ment", .received, continuation: true))
        return log
    }

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("log-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aHAROfTheLogHasAnEntryPerConnectionAndHidesCredentials() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("now.har").path
        let outcome = LogExport.write(Self.log(), filtered: false, to: path, fallbackURL: "ws://x/", settings: ExportSettings())
        #expect(outcome == ("HAR written to \(path): 2 connections, 5 messages", false))
        let read = try HARReader.read(path: path).capture
        #expect(read.comment == nil)
        #expect(read.connections.map(\.url) == ["ws://alice:***@127.0.0.1:9/echo", "ws://alice:***@127.0.0.1:9/echo"])
        #expect(read.connections[0].requestHeaders.first { $0.name == "Authorization" }?.value == "Bearer ***")
        #expect(
            read.connections.map { $0.messages.map { String(decoding: $0.payload, as: UTF8.self) } } == [
                ["ping 1", "pong 1"], ["ping 2", "pong 2", "fragment"],
            ])
        // --har-secrets keeps them.
        _ = LogExport.write(Self.log(), filtered: false, to: path, fallbackURL: "ws://x/", settings: ExportSettings(showsSecrets: true))
        let secret = try HARReader.read(path: path).capture
        #expect(secret.connections[0].url == "ws://alice:pw@127.0.0.1:9/echo")
        #expect(secret.connections[0].requestHeaders.first { $0.name == "Authorization" }?.value == "Bearer s3cret")
    }

    @Test func jsonLinesOfTheLogReadBackRecordForRecord() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("now.jsonl").path
        let log = Self.log()
        let outcome = LogExport.write(log, filtered: false, to: path, fallbackURL: "ws://x/", settings: ExportSettings())
        #expect(outcome == ("JSON Lines written to \(path): 12 records", false))
        let read = try JSONLinesReader.read(path: path).records
        #expect(read.map(\.id) == log.keptRecords.map(\.id))
        #expect(read.map(\.kind) == log.keptRecords.map { ($0.redacted() ?? $0).kind })
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("s3cret") && text.contains(#""redacted":true"#))
        // Written as the owner's alone, like --har and --record.
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func filteredWritesOnlyTheRowsShown() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var log = Self.log()
        try log.setFilterPattern("2|frag")
        let har = folder.appendingPathComponent("f.har").path
        let outcome = LogExport.write(log, filtered: true, to: har, fallbackURL: "ws://x/", settings: ExportSettings())
        #expect(outcome == ("HAR written to \(har): 1 connection, 3 messages, the rows the filter shows", false))
        let read = try HARReader.read(path: har).capture
        #expect(
            read.connections.map { $0.messages.map { String(decoding: $0.payload, as: UTF8.self) } } == [["ping 2", "pong 2", "fragment"]])
        let jsonl = folder.appendingPathComponent("f.jsonl").path
        _ = LogExport.write(log, filtered: true, to: jsonl, fallbackURL: "ws://x/", settings: ExportSettings())
        #expect(try JSONLinesReader.read(path: jsonl).records.map(\.id) == log.shownRecords.map(\.id))
        // In the message view a message row is all its frames.
        log.toggleViewMode()
        try log.setFilterPattern("fragment")
        _ = LogExport.write(log, filtered: true, to: jsonl, fallbackURL: "ws://x/", settings: ExportSettings())
        #expect(try JSONLinesReader.read(path: jsonl).records.map(\.id) == [11, 12])
    }

    @Test func whatTheLogNoLongerHoldsIsSaid() throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cut.har").path
        // Six records kept of twelve, and payloads cut to 4 bytes: the first connection's upgrade is gone.
        let log = Self.log(capacity: 6, maxRecordBytes: 4)
        let outcome = LogExport.write(log, filtered: false, to: path, fallbackURL: "ws://status/", settings: ExportSettings())
        #expect(
            outcome.text
                == "HAR written to \(path): 1 connection, 3 messages (the log had dropped 6 earlier records; 2 messages cut to --max-record-bytes)"
        )
        let read = try HARReader.read(path: path).capture
        #expect(read.comment == "incomplete: the log had dropped 6 earlier records; 2 messages cut to --max-record-bytes")
        #expect(read.connections.map(\.url) == ["ws://status/"])
        let failed = LogExport.write(log, filtered: false, to: folder.path + "/missing/x.har", fallbackURL: "", settings: ExportSettings())
        #expect(failed.isError && failed.text.hasPrefix("/export: HAR file \(folder.path)/missing/x.har: its directory does not exist"))
    }
}
