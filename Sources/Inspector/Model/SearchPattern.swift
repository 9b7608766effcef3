import Foundation

/// A regular expression as the filter (`&`) and the search (`/`, `?`) take it: smart case, and a match that gives
/// up on a record when the expression backtracks too long, instead of hanging the UI thread.
package struct SearchPattern: Sendable {
    /// The pattern as typed.
    package let text: String
    private let regex: NSRegularExpression
    /// For a pattern that is plain ASCII text, no regex syntax in it (most searches): its bytes, lower-cased when
    /// the match ignores case. Such a pattern cannot backtrack, and a byte scan is many times faster than ICU with
    /// the progress reports the budget needs, over 100 000 records of 4 KiB.
    private let literal: [UInt8]?
    private let ignoresCase: Bool

    /// Compiles `text`. The match is case-insensitive unless the pattern has an upper-case letter (the "smart
    /// case" of vim and ripgrep), since most searches are typed in lower case.
    /// - Throws: ``LogFilterError`` when the pattern does not compile.
    package init(_ text: String) throws(LogFilterError) {
        ignoresCase = !text.contains(where: { $0.isUppercase })
        do {
            regex = try NSRegularExpression(pattern: text, options: ignoresCase ? [.caseInsensitive] : [])
        } catch {
            throw LogFilterError(pattern: text)
        }
        self.text = text
        let syntax = Set("\\^$.|?*+()[]{}".utf8)
        let bytes = Array(text.utf8)
        literal =
            !bytes.isEmpty && bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && !syntax.contains($0) })
            ? (ignoresCase ? bytes.map(Self.lower) : bytes) : nil
    }

    /// What a budgeted match found.
    package enum Outcome: Sendable, Hashable {
        /// A match.
        case found
        /// No match anywhere.
        case notFound
        /// The expression was stopped before it decided: it backtracked past the budget.
        case tooSlow
    }

    /// The first match in `string`, giving up after `budget`.
    ///
    /// ICU reports progress about every ten thousand backtracking steps and once per start position; the budget
    /// allows one report per start position plus what ``SearchBudget`` grants the string's length, so it counts
    /// work, not time, and a test can make a pathological expression fail deterministically.
    package func firstMatch(in string: String, budget: SearchBudget = SearchBudget()) -> Outcome {
        if literal != nil { return literalMatches(in: string, limit: 1).isEmpty ? .notFound : .found }
        var outcome = Outcome.notFound
        forEachMatch(in: string, budget: budget) { _ in
            outcome = .found
            return false
        } onStop: {
            outcome = .tooSlow
        }
        return outcome
    }

    /// Whether `string` has a match; a match cut off by the budget counts as none.
    package func matches(_ string: String, budget: SearchBudget = SearchBudget()) -> Bool {
        if case .found = firstMatch(in: string, budget: budget) { return true }
        return false
    }

    /// The non-empty matches in `string` (at most `limit`), as ranges of it, for highlighting; none when the budget
    /// ran out first.
    package func ranges(in string: String, limit: Int = 64, budget: SearchBudget = SearchBudget())
        -> [Range<String.Index>]
    {
        if literal != nil {
            let utf8 = string.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return literalMatches(in: string, limit: limit).map { index($0.lowerBound)..<index($0.upperBound) }
        }
        var found: [NSRange] = []
        var stopped = false
        forEachMatch(in: string, budget: budget) { range in
            if range.length > 0 { found.append(range) }
            return found.count < limit
        } onStop: {
            stopped = true
        }
        return stopped ? [] : found.compactMap { Range($0, in: string) }
    }

    /// Up to `limit` non-overlapping matches of the literal, as UTF-8 offsets.
    private func literalMatches(in string: String, limit: Int) -> [Range<Int>] {
        guard let needle = literal else { return [] }
        var string = string
        let fold = ignoresCase ? Self.asciiLowercase : Self.identity
        return string.withUTF8 { haystack in
            needle.withUnsafeBufferPointer { needle in
                fold.withUnsafeBufferPointer { fold in
                    var found: [Range<Int>] = []
                    let count = needle.count
                    guard haystack.count >= count else { return found }
                    let first = needle[0]
                    var start = 0
                    let last = haystack.count - count
                    while start <= last && found.count < limit {
                        if fold[Int(haystack[start])] == first {
                            var length = 1
                            while length < count && fold[Int(haystack[start + length])] == needle[length] {
                                length += 1
                            }
                            if length == count {
                                found.append(start..<(start + count))
                                start += count
                                continue
                            }
                        }
                        start += 1
                    }
                    return found
                }
            }
        }
    }

    private static let identity: [UInt8] = (0...255).map { UInt8($0) }
    private static let asciiLowercase: [UInt8] = identity.map(lower)

    private static func lower(_ value: UInt8) -> UInt8 { (0x41...0x5A).contains(value) ? value | 0x20 : value }

    private func forEachMatch(
        in string: String, budget: SearchBudget, _ body: (NSRange) -> Bool, onStop: () -> Void
    ) {
        let whole = NSRange(string.startIndex..<string.endIndex, in: string)
        // Progress reports allowed: one per start position, plus the steps budget.
        let allowed = whole.length + 1 + budget.steps(forLength: whole.length)
        var reports = 0
        var stoppedForBudget = false
        // Foundation declares the block escaping, but calls it only during the enumeration.
        withoutActuallyEscaping(body) { body in
            regex.enumerateMatches(in: string, options: [.reportProgress], range: whole) { result, flags, stop in
                if let result {
                    if !body(result.range) { stop.pointee = true }
                    return
                }
                guard flags.contains(.progress) else { return }
                reports += 1
                if reports > allowed {
                    stoppedForBudget = true
                    stop.pointee = true
                }
            }
        }
        if stoppedForBudget { onStop() }
    }
}

/// How much work a match may do on one record before it is cut off and reported, in ICU's progress reports beyond
/// one per start position (each is about ten thousand backtracking steps): a few per record, and more for a long
/// one, since an ordinary pattern's work grows with the text while a pathological one's explodes.
package struct SearchBudget: Sendable, Hashable {
    /// Progress reports allowed on any record.
    package var stepsPerRecord: Int
    /// Progress reports allowed on top for each KiB of the record.
    package var stepsPerKiB: Int

    /// The default cuts a pattern off after about a hundred thousand backtracking steps on a short record: some
    /// milliseconds, within a frame.
    package init(stepsPerRecord: Int = 8, stepsPerKiB: Int = 2) {
        self.stepsPerRecord = max(0, stepsPerRecord)
        self.stepsPerKiB = max(0, stepsPerKiB)
    }

    /// The progress reports allowed, beyond one per start position, on a string of `length` UTF-16 units.
    func steps(forLength length: Int) -> Int { stepsPerRecord + stepsPerKiB * (length / 1024) }
}
