import Foundation
import Inspector

/// Where `--theme NAME` looks for an edited copy before falling back to the built-in theme: `themes/` next to
/// the executable, then `../share/wsinspect/themes` beside its `bin/` (where Scripts/install.sh puts them), then
/// the package's own `themes/` (running from a checkout).
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
        // argv[0] is a bare name when the shell found the binary on PATH; Linux names the real file here.
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let executable = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let bin = executable.deletingLastPathComponent()
        result.append(bin.appendingPathComponent("themes"))
        result.append(bin.deletingLastPathComponent().appendingPathComponent("share/wsinspect/themes"))
        // Sources/wsinspect/ThemeLocator.swift → the package root.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        result.append(packageRoot.appendingPathComponent("themes"))
        return result
    }
}
