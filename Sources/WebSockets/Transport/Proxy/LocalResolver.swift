import Foundation
import NIOCore
import NIOPosix

/// Resolves a target's name on this machine for `socks5://`, off the event loop (getaddrinfo blocks).
enum LocalResolver {
    /// The first IPv4 address of `host`, else its first IPv6 address, as network-order bytes. IPv4 comes first
    /// because local servers commonly listen on 127.0.0.1 only while `localhost` also names ::1.
    static func resolve(_ host: String, on eventLoop: any EventLoop) -> EventLoopFuture<[UInt8]> {
        NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) { try lookup(host) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static func lookup(_ host: String) throws -> [UInt8] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw Failure(description: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var ipv4: [UInt8]?
        var ipv6: [UInt8]?
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor, let socketAddress = entry.pointee.ai_addr {
            if entry.pointee.ai_family == AF_INET, ipv4 == nil {
                ipv4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin_addr
                    return withUnsafeBytes(of: &address) { Array($0) }
                }
            } else if entry.pointee.ai_family == AF_INET6, ipv6 == nil {
                ipv6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin6_addr
                    return withUnsafeBytes(of: &address) { Array($0) }
                }
            }
            cursor = entry.pointee.ai_next
        }
        guard let address = ipv4 ?? ipv6 else { throw Failure(description: "no IPv4 or IPv6 address") }
        return address
    }
}
