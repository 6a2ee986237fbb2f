"""Keep the README true: the Quick start, the command reference and the worked example."""

from __future__ import annotations

import re

import typer

from conftest import REPO
from sockg.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_quick_start_has_exactly_two_commands():
    cmds = quick_start_commands()
    assert len(cmds) == 2 and all("\n" not in c for c in cmds)
    assert "pip install ." in cmds[0] and "sockg" in cmds[0]
    assert "'.[test]'" in cmds[1] and "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    line = ci.split("# README-TEST-COMMAND\n", 1)[1].splitlines()[0]
    assert line == quick_start_commands()[1]


def _commands():
    group = typer.main.get_command(app)
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            for sub_name, sub in sorted(cmd.commands.items()):
                yield f"{name} {sub_name}", sub
        else:
            yield name, cmd


def test_every_command_and_option_is_in_the_command_reference():
    reference = README.split("## Command reference", 1)[1].split("\n## ", 1)[0]
    blocks = {}
    for m in re.finditer(r"^### sockg (.+?)\n(.*?)(?=^### |\Z)", reference, re.S | re.M):
        blocks[m.group(1).strip()] = m.group(2)
    missing = []
    for name, cmd in _commands():
        group_name = name.split(" ")[0]
        block = blocks.get(name) or blocks.get(group_name)
        if block is None:
            missing.append(f"sockg {name}")
            continue
        for param in cmd.params:
            if getattr(param, "param_type_name", "") == "option":
                longs = [o for o in param.opts if o.startswith("--")]
                if longs and not any(o in block for o in longs) and param.name != "help":
                    missing.append(f"sockg {name} {longs[0]}")
    assert not missing, "README command reference lacks: " + ", ".join(missing)


def test_the_worked_evidence_example_is_true(kg):
    m = re.search(r'oa:exact "(.*?)\.\.\." \],\s*\[ oa:start (\d+) ; oa:end (\d+) \]', README)
    assert m, "the evidence example is missing from the README"
    prefix, start, end = m.group(1), int(m.group(2)), int(m.group(3))
    nca = kg.entity("NCA")
    ev = [e for r in nca["relations"] if r["predicate"] == "sockg:contributesTo" for e in r["evidence"]]
    assert (ev[0]["start"], ev[0]["end"]) == (start, end)
    assert ev[0]["quote"].startswith(prefix) and ev[0]["paragraph"] == "paragraph 35, item 1"
