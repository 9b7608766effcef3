import Foundation
import WebSocketCore

// wsmicro: throughput of the core's hot loops, in GB/s, one JSON line per benchmark.
// usage: wsmicro [SECONDS]   (time per repetition, default 0.3; five repetitions, the median is reported)

let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 0.3 : 0.3

func report(_ name: String, _ gigabytesPerSecond: Double, extra: String = "") {
    let line = "{\"micro\": \"\(name)\", \"gb_per_s\": \(gigabytesPerSecond)\(extra)}\n"
    FileHandle.standardOutput.write(Data(line.utf8))
}

// Masking: XOR a 1 MiB payload in place (what the client does to every byte it sends).
do {
    var buffer = Inputs.ascii
    let key = MaskingKey(0x12, 0x34, 0x56, 0x78)
    let rate = medianThroughput(bytesPerCall: buffer.count, minimumSeconds: seconds) {
        Masking.apply(key, to: &buffer)
    }
    keep(buffer[17])
    report("masking 1 MiB", rate)
}

// Masking while copying into another buffer: what a client's send and a server's read do with every large payload.
do {
    let source = Inputs.ascii
    var target = [UInt8](repeating: 0, count: source.count)
    let key = MaskingKey(0x12, 0x34, 0x56, 0x78)
    let rate = medianThroughput(bytesPerCall: source.count, minimumSeconds: seconds) {
        source.withUnsafeBytes { from in
            target.withUnsafeMutableBytes { Masking.copy(from, maskedWith: key, into: $0, offset: 1) }
        }
    }
    keep(target[17])
    report("masking copy 1 MiB", rate)
}

// UTF-8 validation, all ASCII and mixed.
for (name, input) in [("utf8 ascii 1 MiB", Inputs.ascii), ("utf8 mixed 1 MiB", Inputs.mixed)] {
    var valid = true
    let rate = medianThroughput(bytesPerCall: input.count, minimumSeconds: seconds) {
        valid = UTF8Validator.isValid(input) && valid
    }
    keep(valid)
    report(name, rate)
}

// Frame parsing: 1 MiB of frames appended at once, then every frame taken out (client role, no wire capture).
for payloadSize in [16, 4096, 1 << 20] {
    let wire = Inputs.serverFrames(payloadSize: payloadSize)
    var frames = 0
    let rate = medianThroughput(bytesPerCall: wire.count, minimumSeconds: seconds) {
        var parser = FrameParser(role: .client)
        wire.withUnsafeBytes { parser.append($0) }
        while let frame = try? parser.next() { frames &+= frame.payload.count }
    }
    keep(frames)
    let framesPerCall = Double(wire.count) / Double(payloadSize + (payloadSize < 126 ? 2 : payloadSize < 65_536 ? 4 : 10))
    report("parse \(payloadSize) B frames", rate, extra: ", \"frames_per_s\": \(rate * 1e9 / Double(wire.count) * framesPerCall)")
}
