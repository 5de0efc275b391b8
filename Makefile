# preflight — build, test, demo, bench.
SWIFT ?= swift

.PHONY: build release test demo clean bench bench-audit

build:
	$(SWIFT) build

# Static Swift runtime: a warm run starts in ~6 ms instead of ~16 ms (README, BENCHMARKS.md).
release:
	$(SWIFT) build -c release --static-swift-stdlib

# The whole test suite (unit, loopback-server, CLI, and the small live PyPI suite).
test:
	$(SWIFT) test

# Side-by-side benchmarks against uv, pip and py-rattler (bench/README.md; ~15-20 min, needs PyPI).
bench:
	python3 bench/run.py

# The audit benchmark of issue 8 on the azureml-examples corpus (bench/audit.py; ~10 min, needs PyPI).
bench-audit: release
	python3 bench/audit.py

# The main job on the bundled example spec.
demo: release
	.build/release/preflight check Config/examples/azureml-conda.yaml

clean:
	rm -rf .build
