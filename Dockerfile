# syntax=docker/dockerfile:1
# preflight itself as an image: `docker build -t preflight .`, then
#   docker run --rm -v "$PWD:/work" preflight check environment.yml --format sarif
# Not built by this project's CI (its machines have no Docker engine); the package lists are
# those of scripts/install-deps.sh (build) and of the binary's `ldd` (runtime), for Debian 12.

# Build stage: the Swift toolchain on the same Debian release as the runtime, so the -dev
# packages linked against are the runtime packages' own versions.
FROM swift:6.1-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      pkg-config libcurl4-openssl-dev libxml2-dev libzstd-dev libmsgpack-dev libssl-dev zlib1g-dev libbz2-dev liblzma-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The manifest first, so the dependency fetch is a layer of its own that source edits keep.
# Test folders are copied too: SwiftPM checks every target's folder when it loads the manifest.
COPY Package.swift ./
COPY Tests Tests
RUN mkdir -p Sources && swift package resolve
COPY Sources Sources
# The Swift runtime and Foundation linked in: the runtime image needs no toolchain.
RUN swift build -c release --static-swift-stdlib --product preflight \
 && install -D "$(swift build -c release --show-bin-path)/preflight" /out/preflight

# Runtime stage: the C libraries the binary links (libcurl is loaded at the first request).
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcurl4 libxml2 libzstd1 libmsgpackc2 libssl3 zlib1g libbz2-1.0 liblzma5 libstdc++6 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 preflight
COPY --from=build /out/preflight /usr/local/bin/preflight
USER preflight
# The cache in the user's home; mount a volume there (or set PREFLIGHT_CACHE_DIR) to keep it.
WORKDIR /work
ENTRYPOINT ["preflight"]
CMD ["--help"]
