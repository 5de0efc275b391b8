/// Work done at most once per key in this process: concurrent askers share one task, and later
/// askers its result. A failed task is dropped by `forget` so that the next asker tries again.
actor SharedTasks<Value: Sendable> {
    private var tasks: [String: Task<Value, Error>] = [:]

    func task(for key: String, work: @escaping @Sendable () async throws -> Value) -> Task<Value, Error> {
        if let existing = tasks[key] { return existing }
        let task = Task { try await work() }
        tasks[key] = task
        return task
    }

    /// Starts the work again, whatever was there: later askers get the new task.
    func replace(_ key: String, work: @escaping @Sendable () async throws -> Value) -> Task<Value, Error> {
        let task = Task { try await work() }
        tasks[key] = task
        return task
    }

    /// Drops `task` if it is still the one kept for `key` (a newer one is left alone).
    func forget(_ key: String, _ task: Task<Value, Error>) {
        if tasks[key] == task { tasks[key] = nil }
    }
}
