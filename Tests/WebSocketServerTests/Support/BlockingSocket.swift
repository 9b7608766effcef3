#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket call failed; the message names the call and the system's reason.
struct SocketError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }

    static func last(_ call: String) -> SocketError {
        SocketError(message: "\(call): \(String(cString: strerror(errno)))")
    }
}

/// A blocking TCP connection to 127.0.0.1 whose reads and writes time out, so that no test can hang on a server
/// that stays silent.
final class BlockingSocket {
    private var descriptor: Int32

    /// Connects to 127.0.0.1:`port`; every read and write gives up after `timeout` seconds.
    init(port: Int, timeout: Double = 5) throws {
        #if canImport(Darwin)
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw SocketError.last("socket") }
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        try setTimeout(timeout)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = SocketError.last("connect to 127.0.0.1:\(port)")
            close()
            throw error
        }
    }

    deinit { close() }

    /// Changes the read and write timeout.
    func setTimeout(_ seconds: Double) throws {
        var value = timeval()
        value.tv_sec = .init(seconds.rounded(.down))
        value.tv_usec = .init((seconds - seconds.rounded(.down)) * 1_000_000)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            guard setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
                throw SocketError.last("setsockopt")
            }
        }
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        #if canImport(Darwin)
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw SocketError.last("send")
            }
            offset += sent
        }
    }

    /// Reads what is available, up to `limit` bytes; empty at end of stream. A timeout is an error.
    func read(limit: Int = 256 * 1024) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, limit, 0) }
            if count >= 0 { return Array(buffer[..<count]) }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw SocketError(message: "read timed out") }
            throw SocketError.last("recv")
        }
    }

    /// Reads and discards until the peer closes; returns the bytes that came before the end.
    @discardableResult
    func readToEnd() throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try read()
            if chunk.isEmpty { return all }
            all += chunk
        }
    }

    /// Closes the socket; later calls do nothing.
    func close() {
        if descriptor >= 0 {
            _ = closeDescriptor(descriptor)
            descriptor = -1
        }
    }
}

#if canImport(Darwin)
private func closeDescriptor(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#elseif canImport(Musl)
private func closeDescriptor(_ fd: Int32) -> Int32 { Musl.close(fd) }
#else
private func closeDescriptor(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#endif
