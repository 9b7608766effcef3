import Foundation

/// What of the status bar's middle and right fits beside the head on a narrow terminal. The URL shrinks first
/// (the whole of it with protocol, extensions and route, then the URL alone, then its host and port), and only
/// then do the right-hand parts go, round-trip time first; the counters go last. So at 60 columns the bar still
/// says which server it is and how much went each way.
struct StatusBarFit {
    /// The middle: some form of the URL.
    var details: StyledLine
    /// The right-hand side: counters and what else fits.
    var right: StyledLine

    /// The richest arrangement of `details` forms (richest first: everything, the URL alone, host and port) and
    /// `right` parts (in the order they are kept longest) within `width` columns.
    static func choose(details: [StyledLine], right parts: [StyledLine], width: Int) -> StatusBarFit {
        for keep in stride(from: parts.count, through: 0, by: -1) {
            var right = StyledLine()
            for part in parts.prefix(keep) { right.spans += part.spans }
            if keep > 0 { right.append(" ", .statusBar) }
            let rightWidth = DisplayWidth.of(right.text)
            for (index, form) in details.enumerated() where DisplayWidth.of(form.text) + rightWidth <= width {
                // When the URL alone fits, the richest form is drawn cut at the edge: the whole URL and what
                // follows of protocol and extensions.
                return StatusBarFit(details: index == 1 ? details[0] : form, right: right)
            }
        }
        // Not even the host alone fits: it is cut (with an ellipsis) and nothing stands beside it.
        return StatusBarFit(details: details.last ?? StyledLine(), right: StyledLine())
    }

    /// This arrangement with as many of `extras` (in order) as fit in the room left over: only when it kept every
    /// one of `parts` and the URL whole (not cut to its host), so the extras are the first thing to go.
    func adding(_ extras: [StyledLine], besideAll parts: [StyledLine], forms: [StyledLine], width: Int) -> StatusBarFit {
        guard !extras.isEmpty, forms.count >= 2, details != forms.last || forms.count < 3 else { return self }
        var kept = StyledLine()
        for part in parts { kept.spans += part.spans }
        // `right` is the parts and one trailing space; anything less means a part was dropped.
        guard DisplayWidth.of(right.text) == DisplayWidth.of(kept.text) + (parts.isEmpty ? 0 : 1) else { return self }
        let urlWidth = DisplayWidth.of(forms[1].text)
        for count in stride(from: extras.count, through: 1, by: -1) {
            var candidate = kept
            for extra in extras.prefix(count) { candidate.spans += extra.spans }
            candidate.append(" ", .statusBar)
            if urlWidth + DisplayWidth.of(candidate.text) <= width { return StatusBarFit(details: details, right: candidate) }
        }
        return self
    }

    /// `127.0.0.1:44037` for `ws://127.0.0.1:44037/echo`; the text itself when it is not a URL with a host.
    static func hostAndPort(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else { return url }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host
        return components.port.map { shownHost + ":\($0)" } ?? shownHost
    }
}
