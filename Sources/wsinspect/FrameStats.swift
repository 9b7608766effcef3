import Foundation

/// With `WSINSPECT_FRAME_STATS=FILE`, writes how many frames the UI drew in how many seconds, so tests can check
/// that a flood is coalesced into a bounded frame rate without timing anything inside the program.
enum FrameStats {
    static func report(framesDrawn: Int, seconds: Double) {
        guard let path = ProcessInfo.processInfo.environment["WSINSPECT_FRAME_STATS"], !path.isEmpty else { return }
        try? "frames=\(framesDrawn) seconds=\(seconds)\n".write(toFile: path, atomically: true, encoding: .utf8)
    }
}
