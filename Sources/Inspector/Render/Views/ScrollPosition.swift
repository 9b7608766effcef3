/// Where an overlay is scrolled to, for its title: `lines 40–78 of 310`.
enum ScrollPosition {
    /// The lines on show from `scroll` in a view `height` lines tall, of `total`.
    static func text(scroll: Int, height: Int, total: Int) -> String {
        guard total > 0, height > 0 else { return "no lines" }
        let first = min(scroll + 1, total)
        let last = min(scroll + height, total)
        return "lines \(first)–\(last) of \(total)"
    }
}
