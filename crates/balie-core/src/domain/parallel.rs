//! Work split over the cores with scoped threads, results in input order.

/// The number of threads worth starting.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Below this many items a thread costs more than it saves.
const MIN_ITEMS: usize = 2_000;

/// `f` over `items` on up to `threads` threads, results in the order of `items`.
pub(crate) fn map<T: Sync, U: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    map_at_least(items, threads, MIN_ITEMS, f)
}

/// [`map`] for items that are each much work (a batch of signatures): threads from
/// `min_items` items on.
pub(crate) fn map_at_least<T: Sync, U: Send>(
    items: &[T],
    threads: usize,
    min_items: usize,
    f: impl Fn(&T) -> U + Sync,
) -> Vec<U> {
    if threads < 2 || items.len() < min_items.max(2) {
        return items.iter().map(&f).collect();
    }
    let (len, chunk) = (items.len(), items.len().div_ceil(threads));
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<U>>()))
            .collect();
        join_in_order(handles, len)
    })
}

/// `f` over `items` (taken) on every core, results in the order of `items`.
pub(crate) fn map_owned<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = cores();
    if threads < 2 || items.len() < MIN_ITEMS {
        return items.into_iter().map(f).collect();
    }
    let (len, chunk) = (items.len(), items.len().div_ceil(threads));
    let mut parts: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        join_in_order(handles, len)
    })
}

/// The threads' results one after the other, in a vector allocated once (the results can
/// be large structs: growing it would move them again and again).
fn join_in_order<U>(handles: Vec<std::thread::ScopedJoinHandle<'_, Vec<U>>>, len: usize) -> Vec<U> {
    let mut out = Vec::with_capacity(len);
    for h in handles {
        out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<usize> = (0..10_001).collect();
        let doubled: Vec<usize> = items.iter().map(|n| n * 2).collect();
        assert_eq!(super::map(&items, 2, |n| n * 2), doubled);
        assert_eq!(super::map(&items, 3, |n| n * 2), doubled);
        assert_eq!(super::map_owned(items, |n| n * 2), doubled);
        assert_eq!(super::map_owned(vec![1, 2], |n| n + 1), [2, 3]);
    }
}
