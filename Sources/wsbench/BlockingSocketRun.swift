import Foundation
import Glibc
import WebSocketCore

/// The rtt floor: the least a round trip takes a client that sleeps while it waits, measured against the same
/// server in the same run.
///
/// No library sits in the loop: one masked frame is encoded once, and each round trip is a blocking `write` of it
/// and blocking `read`s until the echo's exact bytes are back. What is left is the kernel, the server and the
/// machine's wake-ups, which every client that sleeps while it waits pays. Dividing the floor by the best peer's
/// figure says how far below the peers such a client could get on this machine (Benchmarks/PROFILE.md, rtt). A real
/// client would also pick a new masking key per frame, parse the echo and validate its text; this one skips all of
/// that on purpose.
///
/// With `spinning`, the reads do not block: the thread polls the socket until the echo is there, so its own wake-up
/// drops out of the round trip, at the price of a busy core. No client measured here works that way; the figure
/// says what that price would buy.
struct BlockingSocketRun {
    let arguments: BenchArguments
    let spinning: Bool

    func run() -> BenchResult {
        var result = BenchResult(
            client: spinning ? "rtt-floor-spinning" : "rtt-floor", workload: arguments.workload.rawValue,
            count: arguments.count, size: arguments.size)
        guard arguments.workload == .rtt else {
            result.error = "n/a: the blocking-socket client measures rtt only"
            return result
        }
        do throws(BenchFailure) {
            guard let url = URL(string: arguments.url), let host = url.host, let port = url.port else {
                throw BenchFailure("\(arguments.url): needs a host and a port")
            }
            let socket = try BlockingSocket(host: host, port: port, timeoutSeconds: arguments.timeoutSeconds)
            defer { socket.close() }
            let target = url.path.isEmpty ? "/" : url.path + (url.query.map { "?" + $0 } ?? "")
            try socket.upgrade(host: host, port: port, target: target)
            result.samples = try roundTrips(on: socket)
            result.seconds = Double(result.samples.reduce(0, +)) / 1e9
        } catch {
            result.error = error.message
        }
        return result
    }

    /// COUNT timed echoes of one SIZE-byte text frame; each echo must come back byte for byte.
    private func roundTrips(on socket: BlockingSocket) throws(BenchFailure) -> [UInt64] {
        let payload = Array(Payloads.text(size: arguments.size).utf8)
        let request = FrameEncoder.encode(
            FrameHeader(opcode: .text, maskingKey: MaskingKey(0x5a, 0xc3, 0x17, 0x88), payloadLength: UInt64(payload.count)),
            payload: payload)
        let expected = FrameEncoder.encode(FrameHeader(opcode: .text, payloadLength: UInt64(payload.count)), payload: payload)
        var reply = [UInt8](repeating: 0, count: expected.count)
        var samples: [UInt64] = []
        samples.reserveCapacity(arguments.count)
        for _ in 0..<arguments.count {
            let start = nowNanoseconds()
            try socket.writeAll(request)
            try socket.readExactly(into: &reply, spinning: spinning)
            samples.append(nowNanoseconds() - start)
            guard reply == expected else { throw BenchFailure("the echo differs from the frame sent: \(reply)") }
        }
        return samples
    }
}

/// A TCP connection with blocking calls and a receive timeout, so a silent server ends the run instead of hanging it.
private final class BlockingSocket {
    private let descriptor: Int32

    init(host: String, port: Int, timeoutSeconds: Double) throws(BenchFailure) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw BenchFailure("\(host): the blocking-socket client takes an IPv4 address")
        }
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchFailure("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: Int(timeoutSeconds), tv_usec: 0)
        var noDelay: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw BenchFailure("connect \(host):\(port): \(reason)")
        }
    }

    /// Sends the opening handshake and reads the response head; anything but `101` fails the run.
    func upgrade(host: String, port: Int, target: String) throws(BenchFailure) {
        let request: HandshakeRequest
        do {
            request = try HandshakeRequest(host: host, port: port, secure: false, target: target)
        } catch {
            throw BenchFailure("handshake request: \(error)")
        }
        try writeAll(request.serialized())
        // Byte by byte up to the blank line, so no frame bytes after the head are swallowed.
        var head: [UInt8] = []
        var byte: [UInt8] = [0]
        while !head.ends(with: [13, 10, 13, 10]) {
            guard head.count < 16 * 1024 else { throw BenchFailure("handshake response head over 16 KiB") }
            try readExactly(into: &byte)
            head.append(byte[0])
        }
        let status = String(decoding: head.prefix { $0 != 13 }, as: UTF8.self)
        guard status.hasPrefix("HTTP/1.1 101") else { throw BenchFailure("handshake refused: \(status)") }
    }

    func writeAll(_ bytes: [UInt8]) throws(BenchFailure) {
        var sent = 0
        while sent < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + sent, bytes.count - sent) }
            guard written > 0 else { throw BenchFailure("write: \(String(cString: strerror(errno)))") }
            sent += written
        }
    }

    /// Reads until `buffer` is full; `spinning` polls without blocking instead of sleeping in `recv`.
    func readExactly(into buffer: inout [UInt8], spinning: Bool = false) throws(BenchFailure) {
        var received = 0
        let wanted = buffer.count
        let flags = spinning ? Int32(MSG_DONTWAIT) : 0
        while received < wanted {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + received, wanted - received, flags) }
            if count < 0 && spinning && (errno == EAGAIN || errno == EWOULDBLOCK) { continue }
            guard count > 0 else {
                throw BenchFailure(count == 0 ? "the server closed the connection" : "read: \(String(cString: strerror(errno)))")
            }
            received += count
        }
    }

    func close() { Glibc.close(descriptor) }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
