extension String {
    /// The string's Unicode scalars, decoded in one pass. (`Array(unicodeScalars)` decodes
    /// the UTF-8 twice: once to count the scalars, once to copy them.)
    public var decodedScalars: [Unicode.Scalar] {
        // At most one scalar per UTF-8 byte: the byte count bounds the storage.
        [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
            var n = 0
            for s in unicodeScalars {
                buffer[n] = s
                n += 1
            }
            count = n
        }
    }
}
