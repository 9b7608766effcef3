import Foundation
import WebSocketCore

/// Reads the WebSocket connections of any HAR file: ours, Chrome's, mitmproxy's, HTTP Toolkit's.
///
/// An entry is a WebSocket connection when its `_resourceType` is `websocket` or it has `_webSocketMessages`;
/// other entries (pages, images, XHR) are skipped and counted. A message's `data` is text for opcode 1 and base64
/// for every other opcode (Chrome's rule). Anything malformed is an error naming the JSON path.
///
/// The file is read in one pass by ``JSONScanner``, keeping only what a ``Capture`` holds: everything else
/// (response bodies of other entries, timings, initiators) is checked for syntax and passed over. A problem in an
/// entry that turns out not to be a WebSocket connection is not an error, as it was not one when the whole file was
/// parsed into objects first.
package enum HARReader {
    /// What a HAR held.
    package struct Result: Sendable, Hashable {
        /// The WebSocket connections.
        package var capture: Capture
        /// How many entries were not WebSocket connections.
        package var skippedEntries: Int
    }

    /// Reads the HAR at `path`.
    package static func read(path: String) throws(CaptureError) -> Result {
        try parse(CaptureError.contents(of: path), file: path)
    }

    /// Parses HAR text; `file` names it in errors.
    package static func parse(_ data: Data, file: String) throws(CaptureError) -> Result {
        let outcome = data.withUnsafeBytes { raw in
            Swift.Result { () throws(CaptureError) -> Result in
                var walker = HARWalker(scanner: JSONScanner(raw), file: file)
                return try walker.document()
            }
        }
        return try outcome.get()
    }

    /// An ISO 8601 time with or without fractional seconds (see ``ISOTime``).
    static func date(_ text: String) -> Date? { ISOTime.parse(text) }
}
