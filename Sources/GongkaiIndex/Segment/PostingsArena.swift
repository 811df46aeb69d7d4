/// The postings of a builder's terms as they accumulate, all in one array of 32-bit words:
/// no allocation per term, and nothing to free per term.
///
/// Each term's words lie in a chain of slices, the first ``firstSliceWords`` words long and
/// each next one twice as long, up to ``largestSliceWords``. The last word of a full slice
/// holds where the next slice starts. Per document of a term, in document order: its number,
/// its frequency, its title frequency (these three never split across slices: a header that
/// would is started in a new slice), then, when the term is positional, its positions,
/// increasing and distinct.
struct PostingsArena: Sendable {
    /// Where one term's postings are, and where its last document's header is.
    struct Chain: Sendable {
        /// The first word of the first slice.
        let head: UInt32
        /// The next word to write.
        var cursor: UInt32
        /// The last word of the slice being written: the next slice's start goes there.
        var sliceEnd: UInt32
        /// Where the last document's number is; ``PostingsArena/none`` before the first.
        var lastHeader = PostingsArena.none
        /// The last position recorded for the last document.
        var lastPosition: UInt32 = 0
        var documentCount: UInt32 = 0
        /// How many slices came before the one being written.
        var level: UInt8 = 0
        /// Whether the term's documents carry positions.
        let isPositional: Bool
    }

    static let none = UInt32.max
    static let firstSliceWords: UInt32 = 5
    static let largestSliceWords: UInt32 = 5 << 9

    /// The words of every slice, and after them at least ``largestSliceWords`` spare ones.
    private(set) var words: [UInt32] = []
    /// How many of ``words`` the slices take.
    private var used: UInt32 = 0
    /// Per term id, its chain.
    private(set) var chains: [Chain] = []

    /// The number of words of the slice after `level` earlier ones.
    @inline(__always)
    static func sliceWords(_ level: UInt8) -> UInt32 { min(firstSliceWords << UInt32(min(level, 9)), largestSliceWords) }

    /// Makes room for `count` words at once: the words then grow in place, where doubling
    /// would copy them into fresh memory (page faults) again and again.
    mutating func reserveCapacity(_ count: Int) { words.reserveCapacity(count) }

    /// Starts the postings of the next term id.
    mutating func addTerm(isPositional: Bool) {
        reserveSlice()
        chains.append(Chain(head: used, cursor: used, sliceEnd: used + Self.firstSliceWords - 1, isPositional: isPositional))
        used += Self.firstSliceWords
    }

    /// Makes room for one more slice of any size.
    @inline(__always)
    private mutating func reserveSlice() {
        if UInt32(words.count) - used < Self.largestSliceWords {
            // A step at a time: the array doubles its capacity, but only the words in use are
            // zeroed, so memory not yet written to is not touched.
            words.append(contentsOf: repeatElement(0, count: 1 << 16))
        }
    }

    /// Records occurrences (`term << 32 | position`) in `doc`, which is each term's last
    /// document recorded or a later one. Within a document, a positional term's positions
    /// must come in increasing order; a repeat of the last one is dropped. A term without
    /// positions counts every occurrence.
    mutating func record(_ occurrences: [UInt64], doc: UInt32) {
        var next = 0
        while next < occurrences.count {
            reserveSlice()
            // One occurrence takes at most one new slice: record while one more surely fits.
            let limit = UInt32(words.count) - Self.largestSliceWords
            var used = self.used
            words.withUnsafeMutableBufferPointer { words in
                chains.withUnsafeMutableBufferPointer { chains in
                    while next < occurrences.count, used <= limit {
                        let o = occurrences[next]
                        Self.record(&chains[Int(o >> 32)], doc: doc, at: UInt32(truncatingIfNeeded: o), words: words, used: &used)
                        next += 1
                    }
                }
            }
            self.used = used
        }
    }

    @inline(__always)
    private static func record(_ chain: inout Chain, doc: UInt32, at position: UInt32,
                               words: UnsafeMutableBufferPointer<UInt32>, used: inout UInt32) {
        @inline(__always) func write(_ word: UInt32) {
            if chain.cursor == chain.sliceEnd { nextSlice(&chain, words: words, used: &used) }
            words[Int(chain.cursor)] = word
            chain.cursor &+= 1
        }
        if chain.lastHeader == none || words[Int(chain.lastHeader)] != doc {
            if chain.sliceEnd &- chain.cursor < 3 { nextSlice(&chain, words: words, used: &used) }
            chain.lastHeader = chain.cursor
            words[Int(chain.cursor)] = doc
            words[Int(chain.cursor) + 1] = 0
            words[Int(chain.cursor) + 2] = 0
            chain.cursor &+= 3
            chain.documentCount &+= 1
        } else if chain.isPositional && position == chain.lastPosition {
            return
        }
        if chain.isPositional { write(position) }
        chain.lastPosition = position
        let header = Int(chain.lastHeader)
        words[header + 1] &+= 1
        if IndexPosition.isTitle(position) { words[header + 2] &+= 1 }
    }

    /// Moves `chain` to a new slice after the used words, linked from its current one.
    @inline(__always)
    private static func nextSlice(_ chain: inout Chain, words: UnsafeMutableBufferPointer<UInt32>, used: inout UInt32) {
        chain.level &+= 1
        let size = sliceWords(chain.level)
        words[Int(chain.sliceEnd)] = used
        chain.cursor = used
        chain.sliceEnd = used &+ size &- 1
        used &+= size
    }

    /// Calls `body` with each document of `chain` (numbered from `base`), its frequency, title
    /// frequency and positions (none when the term is not positional).
    @inline(__always)
    static func forEachDocument(of chain: Chain, in words: UnsafeBufferPointer<UInt32>, from base: UInt32,
                                _ body: (_ doc: UInt32, _ frequency: UInt32, _ titleFrequency: UInt32, _ positions: UnsafeBufferPointer<UInt32>) -> Void) {
        var walk = SliceWalk(head: chain.head)
        var gathered = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
        defer { gathered.deallocate() }
        for _ in 0..<chain.documentCount {
            // The writer's rule: a header that would not fit in what is left starts a new slice.
            if walk.end - walk.at < 3 { walk.nextSlice(words) }
            let at = walk.at
            let doc = words[at], frequency = words[at + 1], titleFrequency = words[at + 2]
            walk.at = at + 3
            var positions = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
            if chain.isPositional {
                let count = Int(frequency)
                if walk.end - walk.at >= count {
                    positions = UnsafeBufferPointer(rebasing: words[walk.at..<(walk.at + count)])
                    walk.at += count
                } else {
                    positions = walk.gather(count, from: words, into: &gathered)
                }
            }
            body(doc &+ base, frequency, titleFrequency, positions)
        }
    }

    /// A reader's place in a chain of slices.
    struct SliceWalk {
        /// The next word to read, and the last word of its slice (which links to the next).
        var at: Int, end: Int
        var level: UInt8 = 0

        init(head: UInt32) {
            at = Int(head)
            end = at + Int(PostingsArena.firstSliceWords) - 1
        }

        mutating func nextSlice(_ words: UnsafeBufferPointer<UInt32>) {
            level &+= 1
            at = Int(words[end])
            end = at + Int(PostingsArena.sliceWords(level)) - 1
        }

        /// The next `count` words, which run on into later slices, copied into `buffer`.
        @inline(never)
        mutating func gather(_ count: Int, from words: UnsafeBufferPointer<UInt32>,
                             into buffer: inout UnsafeMutableBufferPointer<UInt32>) -> UnsafeBufferPointer<UInt32> {
            if buffer.count < count {
                buffer.deallocate()
                buffer = .allocate(capacity: count)
            }
            var filled = 0
            while filled < count {
                if at == end { nextSlice(words) }
                let n = min(count - filled, end - at)
                _ = UnsafeMutableBufferPointer(rebasing: buffer[filled..<(filled + n)])
                    .initialize(from: UnsafeBufferPointer(rebasing: words[at..<(at + n)]))
                at += n
                filled += n
            }
            return UnsafeBufferPointer(rebasing: buffer[0..<count])
        }
    }
}
