"""Two edges of the narrowing and executor typing (review24 G5, G6).

G6: ``if not isinstance(h, Repository): h = Repository(); h.active_profile_name`` (the "lazy
default" idiom) lost its ZM401 when negative isinstance tests started ruling a class out: the
test was taken as true at every read in the branch, also after ``h`` was bound again there, and
``--fix`` then left ``Client().active_profile_name``, which the real 0.20.5 Client does not have.
A negative test says nothing of a name bound again between it and the read.

G5: an un-awaited ``loop.run_in_executor(...)`` / ``asyncio.to_thread(...)`` is a future, not the
callable's value: ``fut.add_done_callback(print)`` got a false ZM004 (and ``--fix`` a TODO on a
line that runs). Only ``await CALL`` or ``await NAME`` of a name bound once to it gives the value."""

from zenml_migrate.api import scan_source


def _found(code, codes):
    return [(f.code, f.span.line) for f in scan_source(code) if f.code in codes]


def test_a_name_bound_again_after_the_test_holds_the_new_value():
    code = (
        "from zenml.repository import Repository\n"
        "def lazy(h=None):\n"
        "    if not isinstance(h, Repository):\n"
        "        h = Repository()\n"
        "        print(h.active_profile_name)\n"  # 5: a Repository again
        "    return h\n"
        "def orelse(h):\n"
        "    if isinstance(h, Repository):\n"
        "        pass\n"
        "    else:\n"
        "        h = Repository()\n"
        "        return h.active_profile_name\n"  # 12
        "def still_ruled_out(h):\n"
        "    if not isinstance(h, Repository):\n"
        "        return h.active_profile_name\n"  # 15: no Client here (a client on 0.20 for Repository)
        "    return h\n"
    )
    # with a class whose instances exist on 0.20: what the test rules out holds until the name is bound again
    client = code.replace("zenml.repository import Repository", "zenml.client import Client").replace("Repository", "Client")
    assert _found(client, ("ZM401",)) == [("ZM401", 5), ("ZM401", 12)]
    # ``Repository`` on 0.20 has no instances (``Repository()`` gives a Client): its test rules nothing out
    assert _found(code, ("ZM401",)) == [("ZM401", 5), ("ZM401", 12), ("ZM401", 15)]


def test_only_an_awaited_executor_call_gives_the_callables_value():
    code = (
        "import asyncio\n"
        "from zenml.post_execution import get_pipeline\n"
        "async def latest(name):\n"
        "    loop = asyncio.get_running_loop()\n"
        "    fut = loop.run_in_executor(None, get_pipeline, name)\n"
        "    fut.add_done_callback(print)\n"  # 6: an asyncio future
        "    view = await fut\n"
        "    task = asyncio.to_thread(get_pipeline, name)\n"
        "    task.cancel()\n"  # 9: a coroutine
        "    other = await asyncio.to_thread(get_pipeline, name)\n"
        "    return view.runs[-1].runtime_configuration, other.runs[-1].runtime_configuration\n"  # 11: both typed
    )
    got = _found(code, ("ZM004", "ZM305"))
    assert ("ZM004", 6) not in got and ("ZM004", 9) not in got, got
    assert got.count(("ZM305", 11)) == 2, got
