/// The search (`/`, `?`, `n`, `N`): its pattern, which way it goes, the scan in progress, and what it last said.
/// One pattern serves the log and the detail view, as one does in less.
package struct SearchState: Sendable {
    /// The scan in progress, over the log or over the open detail view.
    enum Job: Sendable {
        case log(LogSearchScan)
        case detail(DetailSearchScan)
    }

    /// The last pattern searched for; matches of it are highlighted.
    package internal(set) var pattern: SearchPattern?
    /// The way `/` or `?` went; `n` repeats it, `N` reverses it.
    package internal(set) var direction = SearchDirection.forward
    /// What the last search said (`pattern not found`, `search hit BOTTOM, continuing at TOP`, slow records).
    package internal(set) var notice: String?
    var job: Job?

    /// Whether a scan is still going (the UI loop gives it slices until it ends).
    package var isRunning: Bool { job != nil }

    /// What the screen says about the search: its notice, or that it is still going.
    package var status: String? {
        if isRunning, let pattern { return "searching /\(SafeText.escape(pattern.text))/ …" }
        return notice
    }
}
