"""Refreshes a repository with python-tuf's ngclient and downloads one target.

Usage: ngclient_download.py METADATA_URL TARGETS_URL TRUSTED_ROOT WORK_DIR TARGET_PATH
Prints {"root_version", "sha256", "custom"} as JSON; any refusal exits non-zero with its message.
"""

import hashlib
import json
import os
import sys

from tuf.ngclient import Updater


def main(metadata_url, targets_url, trusted_root, work, target_path):
    meta_dir = os.path.join(work, "metadata")
    target_dir = os.path.join(work, "targets")
    os.makedirs(meta_dir, exist_ok=True)
    os.makedirs(target_dir, exist_ok=True)
    with open(trusted_root, "rb") as f:
        bootstrap = f.read()
    updater = Updater(
        metadata_dir=meta_dir,
        metadata_base_url=metadata_url,
        target_base_url=targets_url,
        target_dir=target_dir,
        bootstrap=bootstrap,
    )
    updater.refresh()
    info = updater.get_targetinfo(target_path)
    if info is None:
        print("no target " + target_path, file=sys.stderr)
        sys.exit(3)
    path = updater.download_target(info)
    with open(path, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(meta_dir, "root.json"), "rb") as f:
        root_version = json.load(f)["signed"]["version"]
    print(json.dumps({"root_version": root_version, "sha256": sha, "custom": info.custom}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
