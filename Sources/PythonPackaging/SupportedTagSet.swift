/// The tags a target accepts, indexed for fast lookup: a tag's priority is its position in the
/// preference list (lower is better; duplicates keep their first position), as packaging's
/// `create_compatible_tags_selector` ranks them.
package struct SupportedTagSet: Sendable {
    /// The tags, best first.
    package let tags: [Tag]
    private let priorities: [Tag: Int]

    package init(_ tags: [Tag]) {
        self.tags = tags
        var priorities: [Tag: Int] = [:]
        priorities.reserveCapacity(tags.count)
        for (rank, tag) in tags.enumerated() where priorities[tag] == nil { priorities[tag] = rank }
        self.priorities = priorities
    }

    /// The tags of CPython `python` on `platform` (`supportedTags(python:platform:)`).
    package init(python: (major: Int, minor: Int), platform: PythonPlatform) {
        self.init(supportedTags(python: python, platform: platform))
    }

    /// The priority of `tag`, or nil when the target does not accept it.
    package func priority(of tag: Tag) -> Int? { priorities[tag] }

    package func contains(_ tag: Tag) -> Bool { priorities[tag] != nil }

    package var count: Int { tags.count }
}
