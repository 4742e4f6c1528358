"""Prints `-p name@version` for each dependency in `cargo metadata` (stdin)
that declares a rust-version newer than the one given, for the Windows
lock's `cargo update` (.ci/windows.sh lock)."""

import json
import sys


def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


limit = version(sys.argv[1])
metadata = json.load(sys.stdin)
members = set(metadata["workspace_members"])
for package in metadata["packages"]:
    wanted = package.get("rust_version")
    if package["id"] in members or package.get("source") is None or not wanted:
        continue
    if version(wanted) > limit:
        print(f"-p {package['name']}@{package['version']}")
