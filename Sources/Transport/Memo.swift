import Foundation

/// Answers worked out once and kept: a thread-safe dictionary. The work itself is done outside
/// the lock (parsing a listing or a tag set must not hold up every other asker), so two askers
/// may both compute a missing value; the first one stored is kept, and both get that one, so
/// everyone sees one instance of it.
package final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var storage: [Key: Value]

    package init() {
        storage = [:]
    }

    /// A memo holding what `other` holds now; each goes its own way after.
    package init(copying other: Memo) {
        storage = other.lock.withLock { other.storage }
    }

    package subscript(key: Key) -> Value? {
        value(for: key)
    }

    package func value(for key: Key) -> Value? {
        lock.withLock { storage[key] }
    }

    /// Stores `value`, replacing what the key had.
    package func store(_ value: Value, for key: Key) {
        lock.withLock { storage[key] = value }
    }

    /// Stores `value` unless the key has one already; returns the value kept.
    @discardableResult
    package func keep(_ value: Value, for key: Key) -> Value {
        lock.withLock {
            if let known = storage[key] { return known }
            storage[key] = value
            return value
        }
    }

    /// The key's value, computed (outside the lock) and kept when it has none yet.
    package func value(for key: Key, orCompute compute: () throws -> Value) rethrows -> Value {
        if let known = value(for: key) { return known }
        return keep(try compute(), for: key)
    }

    package var count: Int {
        lock.withLock { storage.count }
    }

    /// Every value kept so far, in no particular order.
    package var values: [Value] {
        lock.withLock { Array(storage.values) }
    }
}
