extension UnsafeMutableBufferPointer {
    /// Sorts in place by insertion (stable, no buffer): for the few elements of a page or a
    /// facet, where the standard sort's merge buffer costs more than the comparisons.
    @inline(__always)
    func insertionSort(by before: (Element, Element) -> Bool) {
        for i in indices.dropFirst() {
            let element = self[i]
            var j = i
            while j > 0, before(element, self[j - 1]) {
                self[j] = self[j - 1]
                j -= 1
            }
            self[j] = element
        }
    }
}
