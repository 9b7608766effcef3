@testable import WebSocketCore

/// The permessage-deflate inflater (RFC 7692 §7.2.2) with its output cap, on arbitrary bytes and on real deflate
/// streams made by our own deflater.
///
/// Properties: the output never exceeds the cap, whatever the input; a stream inflates to the same bytes (or the
/// same failure) however it is split; what our deflater compresses at any window and level inflates back to the
/// input, and fails with `tooBig` exactly when the input is larger than the cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func inflaterFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let config = input.byte()
    let caps = [0, 1, 100, 1000, 70_000, 1 << 20, 3, 65_536]
    let cap = caps[Int(config & 7)]
    let compressFirst = config & 8 != 0
    let windowBits = 8 + Int(input.byte() % 8)
    let level = 1 + Int(input.byte() % 9)
    let cuts = input.cuts(maxCount: 4, length: size)
    var message = input.rest()
    // Repetition makes a small input a large output: the cap must hold for bombs, not just for short text.
    let repeats = Int(config >> 4)
    if repeats > 0 && compressFirst { message = Array(repeating: message, count: repeats * 16).flatMap { $0 } }

    var stream = message
    if compressFirst {
        let deflater = ZlibDeflater(windowBits: windowBits, level: level)
        stream = message.withUnsafeBytes { deflater.compress($0) }
    }
    let cutPoints = cuts.map { min($0, stream.count) }
    let whole = inflate([stream[...]], cap: cap)
    let split = inflate(pieces(of: stream, at: cutPoints), cap: cap)
    require(whole.output.count <= cap && split.output.count <= cap, "output passed the cap of \(cap)")
    require(whole.failure == split.failure, "a split changed the failure: \(whole.failure ?? "none") vs \(split.failure ?? "none")")
    if whole.failure == nil { require(whole.output == split.output, "a split changed the output") }

    if compressFirst {
        if message.count <= cap {
            require(whole.failure == nil && whole.output == message, "round trip failed: \(whole.failure ?? "different bytes")")
        } else {
            require(whole.failure == "tooBig", "\(message.count) bytes inflated under a cap of \(cap): \(whole.failure ?? "no failure")")
        }
    }
    return 0
}

/// Inflates `pieces` as one message, ending it with the sync-flush trailer as the connection does.
private func inflate(_ pieces: [ArraySlice<UInt8>], cap: Int) -> (output: [UInt8], failure: String?) {
    let inflater = ZlibInflater()
    var output: [UInt8] = []
    do {
        for piece in pieces + [[0x00, 0x00, 0xFF, 0xFF]] {
            try piece.withUnsafeBytes { try inflater.inflate($0, into: &output, limit: cap) }
            require(output.count <= cap, "output passed the cap of \(cap) mid-message")
        }
    } catch InflateFailure.tooBig {
        return (output, "tooBig")
    } catch {
        return (output, "corrupt")
    }
    return (output, nil)
}
