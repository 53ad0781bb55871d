"""split-plan's shard plugin.

split-plan writes this file, unchanged, into ``<rootdir>/.split-plan/group-K/`` with the shard's
part of the plan beside it in ``shard.json``, and passes that directory as the first argument of
the shard's pytest command. pytest loads a ``conftest.py`` found in a directory given on its
command line before it collects, so this plugin sees every item the shard's files hold. It never
holds node ids itself: they are data in ``shard.json``.

For each file the plan spreads over several shards (a cut file), it keeps:

- in the shard that owns the file: every item except the ids other shards run, so tests added
  since the plan was made run here;
- in every other shard: only its own planned ids that still exist, so a test deleted or renamed
  since the plan was made is ignored instead of failing the run.

Ids are compared exactly. Items it drops are reported through ``pytest_deselected``. Planned ids
it did not find are written into the JUnit report as ``<property name="split-plan-gone">`` (JSON
lists), with ``split-plan-group``, so ``split-plan verify`` tells "gone since planning" from lost.

Tests of a ``--together`` pattern are marked ``xdist_group`` (use ``--dist loadgroup`` with
pytest-xdist to keep them on one worker) and run as one block in path order, after any plugin
that reorders tests.

Works under pytest-xdist: every worker filters its own collection the same way, and the controller
records what the workers did not find.
"""

import json
import os

import pytest

_SIDECAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shard.json")
with open(_SIDECAR, encoding="utf-8") as _f:
    _SHARD = json.load(_f)
if _SHARD.get("version") != 1:
    raise RuntimeError(
        "split-plan: %s is version %r; this plugin reads version 1" % (_SIDECAR, _SHARD.get("version"))
    )

_GROUP = _SHARD["group"]
# path -> (owner, own planned ids, ids other shards run)
_FILES = {
    path: (bool(spec["owner"]), frozenset(spec["mine"]), frozenset(spec.get("others", ())))
    for path, spec in _SHARD["files"].items()
}
# id -> xdist group name, and file -> name for files all of whose tests belong to a group
_TOGETHER_IDS = {}
_TOGETHER_FILES = {}
for _group in _SHARD.get("together", ()):
    for _id in _group["ids"]:
        _TOGETHER_IDS.setdefault(_id, _group["name"])
    for _path in _group["files"]:
        _TOGETHER_FILES.setdefault(_path, _group["name"])

# At most this many characters of ids per JUnit property (a report reader limits one tag's size).
_PROPERTY_CHARS = 512 * 1024
_WORKER_KEY = "split_plan_gone"


class _State:
    gone = None  # planned ids this shard did not find, sorted (None: not known)
    dropped = 0
    # id(item) -> (group name, collection index): the together items, as collected
    together = {}


def _file_of(nodeid):
    cut = nodeid.find("::")
    return nodeid if cut < 0 else nodeid[:cut]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """Keeps this shard's part of every cut file; runs before other plugins rename or reorder items."""
    kept = []
    dropped = []
    seen = set()
    for index, item in enumerate(items):
        nodeid = item.nodeid
        path = _file_of(nodeid)
        spec = _FILES.get(path)
        if spec is not None:
            seen.add(nodeid)
            owner, mine, others = spec
            if (nodeid in others) if owner else (nodeid not in mine):
                dropped.append(item)
                continue
        kept.append(item)
        group = _TOGETHER_IDS.get(nodeid) or _TOGETHER_FILES.get(path)
        if group is not None:
            _State.together[id(item)] = (group, index)
            item.add_marker(pytest.mark.xdist_group(group))
    _State.gone = sorted(i for _, mine, _ in _FILES.values() for i in mine if i not in seen)
    _State.dropped = len(dropped)
    if dropped:
        items[:] = kept
        config.hook.pytest_deselected(items=dropped)
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[_WORKER_KEY] = _State.gone


class _TogetherOrder:
    """Runs after every other reordering plugin: each together group as one block, in path order."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session):
        # pytest-xdist's --dist loadgroup appends "@<group>" to the node id of every item marked
        # xdist_group, after sending the ids to the controller that schedules by them; restore
        # ours, so reports (JUnit, verify, refresh) carry the real node ids.
        for item in session.items:
            tag = _State.together.get(id(item))
            if tag is None:
                continue
            suffix = "@" + tag[0]
            nodeid = getattr(item, "_nodeid", None)
            if isinstance(nodeid, str) and nodeid.endswith(suffix):
                item._nodeid = nodeid[: -len(suffix)]

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, session, config, items):
        if not _State.together:
            return
        blocks = {}
        for item in items:
            tag = _State.together.get(id(item))
            if tag is not None:
                blocks.setdefault(tag[0], []).append((tag[1], item))
        placed = set()
        out = []
        for item in items:
            tag = _State.together.get(id(item))
            if tag is None:
                out.append(item)
            elif tag[0] not in placed:
                placed.add(tag[0])
                out.extend(i for _, i in sorted(blocks[tag[0]], key=lambda pair: pair[0]))
        items[:] = out


def pytest_configure(config):
    config.pluginmanager.register(_TogetherOrder(), "split-plan-together-order")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist controller: a worker's collection tells which planned ids are gone."""
    gone = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if gone is not None and _State.gone is None:
        _State.gone = sorted(gone)


def _junit_xml(config):
    try:
        from _pytest.junitxml import xml_key
    except ImportError:  # pragma: no cover - pytest without the stash key
        return None
    return config.stash.get(xml_key, None)


def _chunks(ids):
    chunk = []
    size = 0
    for i in ids:
        if chunk and size + len(i) > _PROPERTY_CHARS:
            yield chunk
            chunk = []
            size = 0
        chunk.append(i)
        size += len(i) + 4
    if chunk:
        yield chunk


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    config = session.config
    if hasattr(config, "workerinput"):
        return
    xml = _junit_xml(config)
    if xml is not None:
        xml.add_global_property("split-plan-group", str(_GROUP))
        for chunk in _chunks(_State.gone or ()):
            xml.add_global_property("split-plan-gone", json.dumps(chunk, ensure_ascii=False))
    # A shard whose planned tests were all deleted since planning has nothing to run: not an error.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and (_State.gone or _State.dropped):
        session.exitstatus = pytest.ExitCode.OK
