import Checks
import PythonPackaging
import Registries
import Transport

/// One run's memory — a `check`, an `exists`, or an `audit` over all its specs: what the run
/// works out once and every spec, target and check of it reuses. The command layer makes one per
/// run and passes it in (an audit's specs share it, so a popular project is parsed and judged
/// once for all of them); nothing of it outlives the run, and no other place in the process keeps
/// such answers, so two runs in one process (tests) never see each other's.
package final class CheckSession: Sendable {
    package init() {}

    /// Verdicts already given, per requirement, listing, target and policy (`PyPIAvailability.evaluate`).
    let evaluations = Memo<PyPIAvailability.EvaluationKey, Availability>()
    /// A listing's files by version (`PyPIAvailability.parse`). The evaluations name a listing by
    /// its parsed form's identity, which holds because these live as long as the session.
    let parsedListings = Memo<String, PyPIAvailability.ParsedListing>()
    /// `python|requires_python` → whether that Python is admitted (`RequiresPython`).
    let requiresPython = Memo<String, Bool>()
    /// The wheel tags each target accepts (`TargetTags.supportedTagSet`).
    let tagSets = Memo<Target, SupportedTagSet>()
    /// `Requires-Dist` lines parsed (nil: not a requirement): the same packages' metadata is
    /// walked by every spec of an audit that reaches them.
    let requirementLines = Memo<String, Requirement?>()
    /// Whether each direct reference's location exists, probed once per run.
    let directReferences = DirectReferenceProbe()
    /// Project pages parsed this run, shared by the PyPI clients of every index configuration.
    package let parsedPages = ParsedPageMemory()
}
