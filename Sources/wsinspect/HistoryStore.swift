import Foundation
import Inspector

/// Compose history in the XDG state directory. History is a convenience: a file that cannot be read or written
/// costs the history, never the session.
enum HistoryStore {
    static func load() -> ComposeHistory {
        guard let url = ComposeHistory.defaultFileURL() else { return ComposeHistory() }
        return (try? ComposeHistory.load(from: url)) ?? ComposeHistory()
    }

    static func save(_ history: ComposeHistory) {
        guard let url = ComposeHistory.defaultFileURL() else { return }
        do {
            try history.save(to: url)
        } catch {
            ErrorOutput.write("compose history not saved to \(url.path): \(error.localizedDescription)")
        }
    }
}
