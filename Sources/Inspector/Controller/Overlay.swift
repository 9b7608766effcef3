/// What covers the panes, if anything.
package enum Overlay: Sendable {
    /// The help screen, scrolled down `scroll` lines.
    case help(scroll: Int)
    /// One record or message in full, scrolled down `scroll` lines. It is a copy, so it survives being dropped
    /// from the ring while on screen.
    case detail(DetailSubject, scroll: Int)
    /// The relay's connection list, its cursor on row `cursor`.
    case connections(cursor: Int)
}
