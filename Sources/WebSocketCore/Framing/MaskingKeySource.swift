#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fresh masking keys from the operating system's CSPRNG.
///
/// RFC 6455 §5.3 requires keys an attacker cannot predict. Asking the kernel for 4 bytes per frame costs a system
/// call per frame, so keys are drawn from a block of CSPRNG output that is refilled when used up. The output is
/// still the kernel's; only the number of calls changes. The block starts empty and doubles from 64 bytes to 4 KiB
/// with each refill, so an idle connection (or a server's, which never masks) holds none, and a busy one soon
/// reads 1 024 keys per call.
public struct MaskingKeySource: Sendable {
    private var block: [UInt8]
    private var position: Int

    /// Creates a source with an empty block; the first key triggers the first refill.
    public init() {
        block = []
        position = 0
    }

    /// The largest block: 1 024 keys a refill.
    static let maxBlockSize = 4096

    /// The next unpredictable key.
    public mutating func next() -> MaskingKey {
        if position + 4 > block.count { refill() }
        defer { position += 4 }
        return MaskingKey(block[position], block[position + 1], block[position + 2], block[position + 3])
    }

    private mutating func refill() {
        let size = min(max(block.count * 2, 64), Self.maxBlockSize)
        if size != block.count { block = [UInt8](repeating: 0, count: size) }
        // One read of the whole block from the kernel's CSPRNG: a generator's `next()` per word was a
        // `getrandom(2)` per 8 bytes. (Glibc's module does not export getrandom, so /dev/urandom it is.)
        let filled = block.withUnsafeMutableBytes { raw -> Bool in
            #if canImport(Darwin)
            arc4random_buf(raw.baseAddress, raw.count)
            return true
            #else
            let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var offset = 0
            while offset < raw.count {
                let got = read(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if got > 0 {
                    offset += got
                } else if got < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
            #endif
        }
        if !filled {
            // No /dev/urandom (a bare chroot): the standard library's generator draws on the kernel's CSPRNG too.
            var generator = SystemRandomNumberGenerator()
            block.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for i in words.indices { words[i] = generator.next() }
            }
        }
        position = 0
    }
}
