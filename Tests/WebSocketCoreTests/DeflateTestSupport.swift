import CZlib
import WebSocketCore

/// A raw inflater owned by the tests, with an exact window, so what the code under test compresses is checked by
/// an independent reader that refuses distances beyond the negotiated window.
final class ReferenceInflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

    init(windowBits: Int) {
        stream.initialize(to: z_stream())
        precondition(wsinspect_inflateInit2(stream, -Int32(windowBits)) == Z_OK)
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates one message's payload (the `00 00 FF FF` trailer added back, RFC 7692 §7.2.2).
    func inflateMessage(_ payload: [UInt8]) throws -> [UInt8] {
        var input = payload + [0x00, 0x00, 0xFF, 0xFF]
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = input.count
        try input.withUnsafeMutableBytes { bytes in
            stream.pointee.next_in = bytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(count)
            repeat {
                let (status, produced) = chunk.withUnsafeMutableBytes { out -> (Int32, Int) in
                    stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = uInt(out.count)
                    let status = inflate(stream, Z_SYNC_FLUSH)
                    return (status, out.count - Int(stream.pointee.avail_out))
                }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    throw ReferenceZlibError(message: stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)")
                }
                output += chunk[0..<produced]
                if produced == 0 { break }
            } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
        }
        return output
    }

    /// Forgets the window.
    func reset() { inflateReset(stream) }
}

/// Raw deflate owned by the tests, for building compressed frames a peer would send.
func referenceDeflate(_ input: [UInt8], windowBits: Int = 15, level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(wsinspect_deflateInit2(&stream, level, -Int32(windowBits), 8) == Z_OK)
    defer { deflateEnd(&stream) }
    var source = input
    var output = [UInt8](repeating: 0, count: input.count + input.count / 2 + 64)
    let sourceCount = source.count
    let outputCount = output.count
    let produced = source.withUnsafeMutableBytes { inBytes in
        output.withUnsafeMutableBytes { outBytes in
            stream.next_in = inBytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(sourceCount)
            stream.next_out = outBytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(outputCount)
            precondition(deflate(&stream, Z_SYNC_FLUSH) == Z_OK)
            return outputCount - Int(stream.avail_out)
        }
    }
    precondition(Array(output[produced - 4..<produced]) == [0x00, 0x00, 0xFF, 0xFF])
    return Array(output[..<(produced - 4)])
}

struct ReferenceZlibError: Error, CustomStringConvertible {
    var message: String
    var description: String { "zlib: \(message)" }
}

/// A client-role and a server-role connection that agreed on `deflate`.
func deflatePair(_ deflate: NegotiatedDeflate, maxPayloadSize: UInt64 = 128 << 20) -> (
    client: WebSocketConnection, server: WebSocketConnection
) {
    (
        WebSocketConnection(configuration: ConnectionConfiguration(role: .client, maxPayloadSize: maxPayloadSize, deflate: deflate)),
        WebSocketConnection(configuration: ConnectionConfiguration(role: .server, maxPayloadSize: maxPayloadSize, deflate: deflate))
    )
}
