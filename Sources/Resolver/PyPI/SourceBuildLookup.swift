import Checks
import Registries

/// Completes an `sdist-only` verdict's `SourceBuild` with what the sdist itself declares (its
/// classifiers), read only when the project's files did not already tell: one small request for
/// the rare sdist-only package, cached like every other.
enum SourceBuildLookup {
    static func judge(_ verdict: Availability, listing: ProjectListing, metadata: any MetadataSource) async -> SourceBuild {
        let build = verdict.sourceBuild ?? .unknown
        guard !build.needsCompiler, let sdist = verdict.sourceDistribution,
              let file = listing.files.first(where: { $0.filename == sdist.filename }),
              let classifiers = await metadata.classifiers(project: listing.name, version: sdist.version, sdist: file) else { return build }
        return build.declaring(classifiers: classifiers)
    }
}
