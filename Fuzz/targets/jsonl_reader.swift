import Captures
import Foundation
import WebSocketCore

/// The JSON Lines reader (`wsinspect open FILE.jsonl`), on any bytes.
///
/// Properties: it never crashes; an error names a line the input has and holds no character a terminal would act
/// on; a file it accepts survives a round trip (every record written back with `JSONLinesRecord` and read again is
/// the same record: id, time, direction, frame header, payloads, cuts, handshake bytes, note); every accepted
/// frame's wire bytes can be rebuilt (the header it was given is one the encoder can write); and the capture built
/// from the records (`RecordCapture`, what `/export FILE.har` writes) is a HAR our HAR reader reads back with the
/// same connections and messages.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonlReaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(bytes: data ?? UnsafePointer(bitPattern: 1)!, count: data == nil ? 0 : size)
    let first: JSONLinesReader.Result
    do {
        first = try JSONLinesReader.parse(bytes, file: "fuzz.jsonl")
    } catch {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
        require(error.line.map { (1...lines).contains($0) } ?? true, "error on line \(error.line!) of \(lines)")
        require(!error.description.unicodeScalars.contains(where: InertText.needsEscaping), "a raw control character in \(error)")
        return 0
    }
    var text = ""
    for record in first.records {
        _ = record.wireBytes
        text += JSONLinesRecord.line(for: record)
    }
    let second: JSONLinesReader.Result
    do {
        second = try JSONLinesReader.parse(Data(text.utf8), file: "written.jsonl")
    } catch {
        require(false, "our own JSON Lines were refused: \(error)")
        return 0
    }
    require(!second.renumbered, "written ids do not increase")
    require(second.records == first.records, "a record changed on the way through the writer")

    let built = RecordCapture.capture(from: first.records, fallbackURL: "ws://fuzz.invalid/")
    let har = HARWriter.har(built.capture, creator: ("fuzz", "0"), includeControlFrames: true)
    do {
        let read = try HARReader.parse(Data(har.utf8), file: "built.har")
        require(read.capture.connections.count == built.capture.connections.count, "a connection was lost through HAR")
        for (a, b) in zip(read.capture.connections, built.capture.connections) {
            require(a.messages.count == b.messages.count, "\(b.messages.count) messages became \(a.messages.count)")
            for (m, n) in zip(a.messages, b.messages) {
                // Text that is not UTF-8 has no JSON string: the writer puts it as base64, which reads back as text.
                let expected = n.opcode == 1 && !UTF8Validator.isValid(n.payload) ? Array(Base64.encode(n.payload).utf8) : n.payload
                require(m.payload == expected && m.opcode == n.opcode && m.direction == n.direction, "a message changed")
            }
        }
    } catch {
        require(false, "the HAR built from accepted records was refused: \(error)")
    }
    return 0
}
