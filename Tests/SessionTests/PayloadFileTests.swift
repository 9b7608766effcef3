import Foundation
import Testing

@testable import Session

/// `w`'s file writing: exact bytes, never over an existing file unless told to, and the system's words on failure.
@Suite struct PayloadFileTests {
    @Test func writesExactBytesAndReplacesOnlyWhenTold() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("payload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ws-1.bin").path
        let bytes: [UInt8] = [0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]
        #expect(PayloadFile.save(bytes, to: path, overwrite: false) == .written)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(PayloadFile.save([1], to: path, overwrite: false) == .exists)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "an existing file is left alone")
        #expect(PayloadFile.save([1], to: path, overwrite: true) == .written)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == [1])
        guard case .failed(let reason) = PayloadFile.save([1], to: directory.path + "/missing/x", overwrite: false) else {
            Issue.record("a missing directory was not reported")
            return
        }
        #expect(reason.contains("No such file"))
    }
}
