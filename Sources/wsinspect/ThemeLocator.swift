import Foundation
import Inspector

/// Where `--theme NAME` looks for an edited copy before falling back to the built-in theme: `themes/` next to
/// the executable (an installed layout), then the package's own `themes/` (running from a checkout).
enum ThemeLocator {
    /// The first candidate directory holding a file called `name`, if any.
    static func directory(containing name: String) -> URL? {
        candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).path) }
    }

    /// Loads `--theme` (or the default, honouring NO_COLOR).
    static func load(_ nameOrPath: String?) throws(ThemeError) -> Theme {
        var themes: URL?
        if let name = nameOrPath, !name.contains("/") { themes = directory(containing: name) }
        return try ThemeLoader.load(nameOrPath, themesDirectory: themes)
    }

    private static var candidates: [URL] {
        var result: [URL] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        result.append(executable.deletingLastPathComponent().appendingPathComponent("themes"))
        // Sources/wsinspect/ThemeLocator.swift → the package root.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        result.append(packageRoot.appendingPathComponent("themes"))
        return result
    }
}
