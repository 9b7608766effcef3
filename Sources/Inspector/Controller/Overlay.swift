/// What covers the panes, if anything.
public enum Overlay: Sendable, Hashable {
    /// The help screen, scrolled down `scroll` lines.
    case help(scroll: Int)
    /// One record in full, scrolled down `scroll` lines. The record is copied so it survives being dropped from
    /// the ring while on screen.
    case detail(InspectorRecord, scroll: Int)
}
