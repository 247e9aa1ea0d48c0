"""The generated data of rules/data is read through a marshal cache (migrate/scan/data_files.py):
the values are those of the JSON file as it is now, whatever the cache holds."""

import json
import os

import pytest

from zenml_migrate.scan import data_files
from zenml_migrate.scan.data_files import cache_path, load

VALUES = {"zenml.steps": {"step": 3, "BaseStep": [1, 2.5, None, True]}, "é": "ünïcode", "order": ["b", "a"]}


@pytest.fixture
def writable(monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", False)


def _json_file(tmp_path, values, name="index.json"):
    path = tmp_path / name
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def _no_json(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the JSON was parsed")

    monkeypatch.setattr(data_files.json, "loads", refuse)


def test_the_second_load_reads_the_cache_not_the_json(tmp_path, monkeypatch, writable):
    path = _json_file(tmp_path, VALUES)
    assert load(path) == VALUES
    assert cache_path(path).is_file()
    _no_json(monkeypatch)
    again = load(path)
    assert again == VALUES
    assert list(again) == list(VALUES)  # the key order of the JSON too


def test_a_regenerated_file_is_read_anew(tmp_path, writable):
    path = _json_file(tmp_path, VALUES)
    load(path)
    changed = dict(VALUES, added={"x": 1})
    path.write_text(json.dumps(changed), encoding="utf-8")
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a new time even on a coarse clock
    assert load(path) == changed
    assert load(path) == changed


def test_the_same_size_and_a_new_time_is_read_anew(tmp_path, writable):
    path = _json_file(tmp_path, {"a": "one"})
    load(path)
    path.write_text(json.dumps({"a": "two"}), encoding="utf-8")  # same length
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load(path) == {"a": "two"}


def test_a_damaged_cache_is_not_used(tmp_path, monkeypatch, writable):
    path = _json_file(tmp_path, VALUES)
    load(path)
    cache = cache_path(path)
    kept = cache.read_bytes()
    head = kept[: kept.index(b"\n") + 1]
    for damaged in (head, head + b"\xff\x00garbage", kept[: len(kept) // 2], b"", b"something else"):
        cache.write_bytes(damaged)
        assert load(path) == VALUES
    _no_json(monkeypatch)
    assert load(path) == VALUES  # written again whole


def test_nothing_is_written_when_python_is_told_not_to(tmp_path, monkeypatch):
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    path = _json_file(tmp_path, VALUES)
    assert load(path) == VALUES
    assert not cache_path(path).parent.exists()


@pytest.mark.skipif(os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0), reason="needs a folder root cannot write either")
def test_a_read_only_folder_gives_the_values_without_a_cache(tmp_path, writable):
    path = _json_file(tmp_path, VALUES)
    os.chmod(tmp_path, 0o555)
    try:
        assert load(path) == VALUES
        assert load(path) == VALUES
    finally:
        os.chmod(tmp_path, 0o755)
    assert not cache_path(path).exists()


def test_a_cache_that_cannot_be_written_leaves_no_temp_file(tmp_path, monkeypatch, writable):
    path = _json_file(tmp_path, VALUES)

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(data_files.os, "replace", fail)
    assert load(path) == VALUES
    assert os.listdir(cache_path(path).parent) == []


def test_the_cache_is_readable_by_whoever_reads_the_json(tmp_path, writable):
    path = _json_file(tmp_path, VALUES)
    os.chmod(path, 0o644)
    load(path)
    assert os.stat(cache_path(path)).st_mode & 0o777 == 0o644


def test_every_data_file_of_the_rules_gives_its_json_values(tmp_path, monkeypatch, writable):
    """The rules' own files, copied: the cache gives back exactly what json.loads gives."""
    names = sorted(n for n in os.listdir(data_files.DATA) if n.endswith(".json"))
    assert names
    for name in names:
        copy = tmp_path / name
        copy.write_bytes((data_files.DATA / name).read_bytes())
        expected = json.loads(copy.read_bytes())
        assert load(copy) == expected
        assert cache_path(copy).is_file()
        assert load(copy) == expected


def test_each_data_file_is_read_once_per_process(monkeypatch):
    """The scan asks its indexes at every name it judges: each loader reads its file once (zenml013()
    had lost its cache: ~1 ms of unmarshal per question, most of a cold scan's CPU)."""
    from zenml_migrate.rules import client, legacy_bases
    from zenml_migrate.scan import command_scan, component_members, step_pipeline_members, zenml_index, zenml_signatures

    loaders = [
        zenml_index.zenml013, zenml_index.zenml020, zenml_index.sdk_modules_020, zenml_index._kept_strings, zenml_index._sdk_probes,
        zenml_index.zenml_legacy, zenml_index.legacy_steps, zenml_signatures._index, component_members._data,
        step_pipeline_members._data, command_scan.trees, legacy_bases._renames, client.component_data,
    ]
    reads = []
    real = data_files.load
    monkeypatch.setattr(data_files, "load", lambda path: reads.append(path.name) or real(path))
    for _ in range(3):
        for loader in loaders:
            loader()
    assert not [name for name in reads if reads.count(name) > 1]
    assert zenml_index.zenml013() is zenml_index.zenml013()
    assert client.component_data() is client.component_data()
