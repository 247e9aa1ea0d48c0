"""The ``--bundle DIR`` directory: written all at once, never at the cost of a file we did not write.

A bundle is built in a sibling temp dir and put in place with two renames. Its own files are
listed, with their SHA-256, in ``DIR/.zenml-migrate-bundle.json`` (the manifest). With
``--overwrite`` only a previous bundle's own, unedited files are replaced: every other file in
DIR (the user's notes, a virtualenv, ...) is hard-linked into the new bundle first, so at every
instant each of them exists under DIR or under the old dir next to it. A file that would be
replaced but was not written by us, or was edited since, stops the run before anything changes.

Crash safety: the temp dirs are named ``.<DIR>.zenml-migrate-{new,old}-<pid>-<random>``
(``zenml_migrate.tempfiles``). The next
run finishes or undoes an interrupted swap (``recover``): the old dir goes back when DIR is
missing; a leftover new dir is removed; a leftover old dir is removed only when every file of
the user in it is also in DIR.
"""

import errno
import json
import os
import shutil
import stat
from typing import Dict, List, Optional

from zenml_migrate.profiles.targets import TargetError
from zenml_migrate.safe_read import file_sha256
from zenml_migrate.scan.own_output import BUNDLE_MANIFEST
from zenml_migrate.tempfiles import mkdtemp_near, stale

MANIFEST = BUNDLE_MANIFEST


def read_manifest(path: str) -> Optional[Dict[str, str]]:
    """``{relative path: sha256}`` of the bundle in ``path``; None when there is no valid manifest."""
    file = os.path.join(path, MANIFEST)
    try:
        st = os.lstat(file)
        if not stat.S_ISREG(st.st_mode) or st.st_size > 1 << 20:
            return None
        with open(file, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return None
    out = {}
    for rel, sha in files.items():
        norm = os.path.normpath(str(rel))
        if os.path.isabs(norm) or norm.startswith(os.pardir) or norm == MANIFEST or not isinstance(sha, str):
            return None  # not something we wrote
        out[norm] = sha
    return out


def write_manifest(root: str, files: List[str], version: str) -> None:
    """List the files under ``root`` (absolute paths) with their digests, as the last file written."""
    entries = {os.path.relpath(f, root): file_sha256(f) for f in files}
    doc = {"written_by": f"zenml-migrate {version}", "files": dict(sorted(entries.items()))}
    fd = os.open(os.path.join(root, MANIFEST), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


def edited_files(path: str, manifest: Dict[str, str]) -> List[str]:
    """Bundle files changed since they were written (a missing file is not a loss)."""
    out = []
    for rel, sha in sorted(manifest.items()):
        full = os.path.join(path, rel)
        try:
            st = os.lstat(full)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(st.st_mode) or file_sha256(full) != sha:
            out.append(rel)
    return out


def user_entries(path: str, manifest: Dict[str, str]) -> List[str]:
    """Relative paths under ``path`` (dirs first) that are not the bundle's own files."""
    own = set(manifest) | {MANIFEST}
    out = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        rel_root = os.path.relpath(root, path)
        for name in dirs + sorted(files):
            rel = os.path.normpath(os.path.join(rel_root, name))
            if rel not in own:
                out.append(rel)
    return out


def temp_dir(path: str, tag: str) -> str:
    return mkdtemp_near(path, tag)


def leftovers(path: str) -> Dict[str, List[str]]:
    """Temp dirs of runs on ``path`` that died (their process is gone): {"new": [...], "old": [...]}."""
    out: Dict[str, List[str]] = {"new": [], "old": []}
    for found, tag, _name in stale(os.path.dirname(path), os.path.basename(path)):
        if tag in out:
            out[tag].append(found)
    return out


def _same_file(a: str, b: str) -> bool:
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino) or (stat.S_ISDIR(sa.st_mode) and stat.S_ISDIR(sb.st_mode))


def recover(path: str) -> List[str]:
    """Finish or undo a swap a killed run left behind; return what was done (for the user)."""
    done = []
    found = leftovers(path)
    if not os.path.lexists(path) and found["old"]:
        old = found["old"].pop()
        os.rename(old, path)
        done.append(f"{path}: put back the previous bundle (an earlier run was interrupted)")
    for new in found["new"]:
        shutil.rmtree(new, ignore_errors=True)
    for old in found["old"]:
        manifest = read_manifest(old) or {}
        kept_elsewhere = all(_same_file(os.path.join(old, rel), os.path.join(path, rel)) for rel in user_entries(old, manifest))
        if kept_elsewhere:
            shutil.rmtree(old, ignore_errors=True)
        else:
            done.append(f"{old}: left in place, it holds files that are not in {path} (an earlier run was interrupted)")
    return done


def keep_user_files(old: str, new: str, manifest: Dict[str, str]) -> None:
    """Hard-link every file of the user in ``old`` into ``new`` (same place, nothing copied)."""
    for rel in user_entries(old, manifest):
        src, dst = os.path.join(old, rel), os.path.join(new, rel)
        st = os.lstat(src)
        if stat.S_ISDIR(st.st_mode):
            if os.path.lexists(dst) and not os.path.isdir(dst):
                raise TargetError(f"{src}: your directory has the name of a bundle file; move it away and run again")
            os.makedirs(dst, exist_ok=True)
            os.chmod(dst, stat.S_IMODE(st.st_mode))
            continue
        if os.path.lexists(dst):
            raise TargetError(f"{src}: was not written by zenml-migrate and the new bundle has a file of that name; move it away and run again")
        try:
            os.link(src, dst, follow_symlinks=False)
        except OSError as exc:
            raise TargetError(f"{src}: cannot keep your file in the new bundle ({exc.strerror}); move your own files out of the bundle dir and run again") from exc


def swap_in(new: str, path: str) -> None:
    """Put the complete bundle ``new`` at ``path`` (the old one, if any, is removed after)."""
    if not os.path.lexists(path):
        os.rename(new, path)
        return
    if not os.listdir(path):
        os.rmdir(path)
        os.rename(new, path)
        return
    old = temp_dir(path, "old")
    os.rmdir(old)
    os.rename(path, old)
    try:
        os.rename(new, path)
    except OSError:
        os.rename(old, path)
        raise
    shutil.rmtree(old, ignore_errors=True)


def is_not_empty(path: str) -> bool:
    try:
        return bool(os.listdir(path))
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return False
        raise
