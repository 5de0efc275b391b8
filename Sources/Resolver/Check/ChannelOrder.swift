/// The channels a spec's conda side is checked against, in priority order, as `conda` orders
/// them: `--channel` (conda's `-c`) first, then the spec's own `channels:` (the configured
/// defaults when it names none), each once; `--override-channels` leaves only the given ones.
/// A spec's `nodefaults` keeps the defaults out when something else is left to search. With
/// `defaultsFollowSpec` (conda's configured `channels`), the defaults also come after a spec's
/// own channels unless it names `nodefaults`, as `conda env create` adds them. Pure.
struct ChannelOrder {
    var given: [String]
    var overrideSpec: Bool
    var defaults: [String]
    var defaultsFollowSpec = false

    func channels(for specChannels: [String]) -> [String] {
        if overrideSpec && !given.isEmpty { return given }
        let own = specChannels.filter { $0 != "nodefaults" }
        let noDefaults = specChannels.contains("nodefaults") && !given.isEmpty
        let base: [String]
        if own.isEmpty {
            base = noDefaults ? [] : defaults
        } else {
            base = defaultsFollowSpec && !specChannels.contains("nodefaults") ? own + defaults : own
        }
        var seen = Set<String>()
        return (given + base).filter { seen.insert($0).inserted }
    }
}
