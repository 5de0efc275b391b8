"""Shared helpers for the conda conformance-vector generators.

The generators read the real channel snapshots in ../shared/fixtures/conda (relative to the
repository root) and ask py-rattler what it makes of them. See README.md in this folder.
"""
import glob
import json
import os
import random

import rattler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURES = os.path.abspath(os.path.join(ROOT, "..", "shared", "fixtures", "conda"))
VECTORS = os.path.join(ROOT, "Tests", "CondaPackagingTests", "Vectors")


def rattler_version():
    from importlib.metadata import version
    return version("py-rattler")


def repodata_files():
    """Every repodata.json under the fixtures, as (key, path), key = 'channel/subdir'."""
    out = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*", "*", "repodata.json"))):
        rel = os.path.relpath(os.path.dirname(path), FIXTURES)
        out.append((rel.replace(os.sep, "/"), path))
    return out


def load_raw(path):
    with open(path, "rb") as f:
        return json.load(f)


def write_vectors(name, payload):
    os.makedirs(VECTORS, exist_ok=True)
    path = os.path.join(VECTORS, name)
    with open(path, "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"), ensure_ascii=False, sort_keys=False)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def rng(seed):
    return random.Random(seed)


def random_strings(seed, alphabet, count, max_len):
    r = rng(seed)
    return ["".join(r.choice(alphabet) for _ in range(r.randint(1, max_len))) for _ in range(count)]


def mutate(r, text, alphabet, edits=2):
    chars = list(text)
    for _ in range(r.randint(1, edits)):
        op = r.randrange(3)
        pos = r.randint(0, len(chars))
        if op == 0:
            chars.insert(pos, r.choice(alphabet))
        elif op == 1 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif chars:
            chars[min(pos, len(chars) - 1)] = r.choice(alphabet)
    return "".join(chars)
