/// Works on items concurrently and hands the results back in the order the items came.
///
/// Shared by ``CorpusExtractor`` (documents) and ``JSONLinesExtractor`` (lines). At most `jobs`
/// items are worked on at a time and at most `window` are held, working or finished and waiting
/// for an earlier one, so memory depends on the window, not on how many items there are.
enum InOrderDelivery {
    /// - Parameters:
    ///   - next: the next item, or nil when there are no more; called on the calling task, only
    ///     when the window has room, so a lazy source is read no further ahead than that.
    ///   - work: an item's result, from its position (0, 1, …) and the item; runs in the task group.
    ///   - deliver: runs on the calling task once per item, in order. An error it throws stops
    ///     the run: no further item is taken and the ones in flight are finished and dropped.
    /// - Returns: the most items held at once.
    /// - Throws: whatever `deliver` threw.
    static func run<Item: Sendable, Result: Sendable>(
        jobs: Int,
        window: Int,
        next: () -> Item?,
        work: @escaping @Sendable (Int, Item) async -> Result,
        deliver: (Result) throws(CorpusError) -> Void
    ) async throws(CorpusError) -> Int {
        let (peak, stop) = await withTaskGroup(of: (Int, Result).self) { group -> (Int, CorpusError?) in
            var started = 0
            var delivered = 0
            var running = 0
            var peak = 0
            var exhausted = false
            // Finished results waiting for an earlier one; never more than `window` entries.
            var finished: [Int: Result] = [:]
            while true {
                while !exhausted, running < jobs, started - delivered < window {
                    guard let item = next() else {
                        exhausted = true
                        break
                    }
                    let position = started
                    group.addTask { (position, await work(position, item)) }
                    started += 1
                    running += 1
                }
                peak = max(peak, started - delivered)
                guard let (position, result) = await group.next() else { break }
                running -= 1
                finished[position] = result
                while let ready = finished.removeValue(forKey: delivered) {
                    do throws(CorpusError) {
                        try deliver(ready)
                    } catch {
                        group.cancelAll()
                        return (peak, error)
                    }
                    delivered += 1
                }
            }
            return (peak, nil)
        }
        if let stop { throw stop }
        return peak
    }
}
