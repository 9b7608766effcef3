import Foundation

/// Finds the `wsinspect` executable that `swift build --build-tests` put next to the test bundle.
package enum Binary {
    package static func wsinspect() throws -> String {
        var directories: [URL] = []
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        // On Linux the bundle is a directory (or file) named *.xctest inside the build directory.
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(Bundle.main.bundleURL)
        for directory in directories {
            var candidate = directory
            // Walk up out of a macOS-style bundle (…/X.xctest/Contents/MacOS).
            for _ in 0..<4 {
                let path = candidate.appendingPathComponent("wsinspect").path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: path)
                {
                    return path
                }
                candidate = candidate.deletingLastPathComponent()
            }
        }
        throw E2EError(
            "wsinspect executable not found next to the tests (\(directories.map(\.path))); "
                + "build it first: swift build --build-tests")
    }
}

/// A test failure with a message that says what was seen.
package struct E2EError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// A fresh temporary directory, removed by the caller.
package func makeTemporaryDirectory(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("wsinspect-e2e-\(name)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
