import Foundation

/// The HAR reader (`wsinspect open`), on any bytes.
///
/// Properties: it never crashes, and a file it accepts survives a round trip: written back with `HARWriter` (control
/// frames included) and read again, every connection keeps its URL, status, headers and close, and every message its
/// direction, opcode and payload (times to the microsecond the writer keeps). A text message whose data is not what
/// the writer can put back as text is compared through base64, as the writer then writes it.
@_cdecl("LLVMFuzzerTestOneInput")
public func harReaderFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(bytes: data ?? UnsafePointer(bitPattern: 1)!, count: data == nil ? 0 : size)
    guard let first = try? HARReader.parse(bytes, file: "fuzz.har") else { return 0 }
    let written = HARWriter.har(first.capture, creator: ("fuzz", "0"), includeControlFrames: true)
    let second: HARReader.Result
    do {
        second = try HARReader.parse(Data(written.utf8), file: "written.har")
    } catch {
        require(false, "our own HAR was refused: \(error)")
        return 0
    }
    let a = first.capture.connections
    let b = second.capture.connections
    require(a.count == b.count, "\(a.count) connections became \(b.count)")
    for (x, y) in zip(a, b) {
        require(x.url == y.url && x.status == y.status, "a connection's URL or status changed")
        require(x.requestHeaders == y.requestHeaders && x.responseHeaders == y.responseHeaders, "headers changed")
        require(x.close?.code == y.close?.code && x.close?.reason == y.close?.reason, "the close changed")
        require(x.messages.count == y.messages.count, "\(x.messages.count) messages became \(y.messages.count)")
        for (m, n) in zip(x.messages, y.messages) {
            require(m.direction == n.direction && m.opcode == n.opcode, "a message's direction or opcode changed")
            require(m.payload == n.payload, "a message's payload changed")
            // The writer keeps microseconds; far-off times lose more to Double's precision, so compare relatively.
            let tolerance = max(0.000_002, abs(m.time.timeIntervalSince1970) * 1e-15)
            require(abs(m.time.timeIntervalSince(n.time)) <= tolerance, "a message's time moved")
        }
    }
    return 0
}
