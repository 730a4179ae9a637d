"""Mutation testing of the engine with mutmut, one part at a time; run by `scripts/mutate`.

Each part (see [tool.goalpost.mutation] in pyproject.toml) mutates its files against its
own tests, in its own directory `mutants/<part>/`, so the domain is judged by the unit
tests alone and the services by the integration tests on SQLite. The last line printed
is one JSON object with the scores; docs/testing.md explains how to read it.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
# What a part's directory links to: the code, the tests and what the tests need to run.
LINKED = ("app", "tests", "alembic", "alembic.ini", "static", "pyproject.toml")
KILLED = {"killed", "timeout"}  # a timeout is a mutant the tests noticed (it hung or looped)
# Left out of the scores; a mutant "not checked" (an interrupted run) counts as not killed.
NOT_RUN = {"skipped", "caught by type check"}
# Calls whose text is only the wording of a refusal (their field, code and type are behaviour).
MESSAGE_CALLS = {"FieldError": 1, "RuleError": 1, "NotFound": 0}


@dataclass(frozen=True)
class Part:
    name: str
    mutate: list[str]  # glob patterns of the files to mutate
    tests: list[str]  # pytest arguments choosing the tests


@dataclass
class Score:
    killed: int = 0
    total: int = 0
    message_only: int = 0
    message_only_survivors: int = 0
    survivors: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float | None:
        return round(100 * self.killed / self.total, 1) if self.total else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="*", help="domain, services, or files to mutate")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep earlier results; rerun the survivors and the mutants of changed code",
    )
    args = parser.parse_args()
    parts = choose_parts(args.what)
    for part in parts:
        run_part(part, resume=args.resume)
    scores = {part.name: score_part(part) for part in parts}
    print_report(scores)


def load_parts() -> dict[str, Part]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["goalpost"]["mutation"]
    return {name: Part(name, list(c["mutate"]), list(c["tests"])) for name, c in config.items()}


def choose_parts(what: list[str]) -> list[Part]:
    """`domain`, `services`, or paths; a path is mutated against the tests of its part."""
    parts = load_parts()
    if not what:
        return list(parts.values())
    chosen: dict[str, Part] = {}
    for item in what:
        if item in parts:
            chosen[item] = parts[item]
            continue
        owner = next((p for p in parts.values() if _belongs(item, p)), None)
        if owner is None:
            sys.exit(f"{item}: not a part ({', '.join(parts)}) nor a file under one")
        earlier = chosen.get(owner.name)
        files = [*earlier.mutate] if earlier and earlier.mutate != owner.mutate else []
        chosen[owner.name] = replace(owner, mutate=[*files, item])
    return list(chosen.values())


def _belongs(path: str, part: Part) -> bool:
    folders = {pattern.rsplit("/", 1)[0] for pattern in part.mutate}
    return any(path.startswith(folder + "/") for folder in folders)


def run_part(part: Part, *, resume: bool) -> None:
    """mutmut in mutants/<part>/, which links to the project so its copy stays apart."""
    where = WORK / part.name
    if not resume:
        shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = where / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    rerun = [] if not resume else to_rerun(part, where)
    if resume and not rerun and (where / "mutants").exists():
        print(f"==> {part.name}: no survivors to rerun")
        return
    print(f"==> mutating {', '.join(part.mutate)} against {' '.join(part.tests)}", flush=True)
    command = [sys.executable, __file__, "--mutmut", json.dumps(part.__dict__), *rerun]
    subprocess.run(command, cwd=where, check=True)


def run_mutmut(part: Part, mutants: list[str]) -> None:
    """Inside mutants/<part>/: mutmut with this part's files and tests, on one worker."""
    from mutmut import configuration
    from mutmut.__main__ import cli

    base = configuration.config()
    configuration._config = replace(
        base, only_mutate=part.mutate, pytest_add_cli_args_test_selection=part.tests
    )
    # One worker: the machine is shared; mutmut's default is one per core.
    cli(["run", "--max-children", "1", *mutants])


def to_rerun(part: Part, where: Path) -> list[str]:
    """Survivors, and mutants not checked yet (of code changed since, or an interrupted run)."""
    return [m.name for m in read_mutants(part, where) if m.status not in KILLED | NOT_RUN]


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    status: str
    message_only: bool


def read_mutants(part: Part, where: Path) -> list[Mutant]:
    """Every mutant of the part's files, with its status and whether it only rewords a message."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import (
        read_mutant_function,
        read_mutants_module,
        read_original_function,
    )
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import change_cwd

    out = []
    with change_cwd(where):
        for meta in sorted(Path("mutants").rglob("*.py.meta")):
            path = str(meta.relative_to("mutants"))[: -len(".meta")]
            if not any(fnmatch.fnmatch(path, pattern) for pattern in part.mutate):
                continue
            data = SourceFileMutationData(path=path)
            data.load()
            module = read_mutants_module(path)
            for name, code in data.exit_code_by_key.items():
                original = read_original_function(module, name)
                mutated = read_mutant_function(module, name)
                only_words = rewords_a_message_only(_code(original), _code(mutated))
                out.append(Mutant(name, path, status_by_exit_code[code], only_words))
    return out


def _code(function: object) -> str:
    import libcst as cst

    return cst.Module([function]).code  # type: ignore[list-item]


def rewords_a_message_only(original: str, mutated: str) -> bool:
    """True when the two functions differ only in string literals of messages.

    A message is the text of a refusal: the message argument of FieldError or RuleError,
    the argument of NotFound or of any exception raised with `raise`, or an assert's
    message. Field names, codes, limits in a message, notes in the ledger and every
    other string are behaviour.
    """
    try:
        changes = _string_changes(ast.parse(original), ast.parse(mutated), [])
    except _Different:
        return False
    return bool(changes) and all(_is_message(ancestors) for ancestors in changes)


def _string_changes(a: ast.AST, b: ast.AST, ancestors: list[ast.AST]) -> list[list[ast.AST]]:
    """The ancestor chains of string constants that differ; raises _Different otherwise."""
    if type(a) is not type(b):
        raise _Different
    found: list[list[ast.AST]] = []
    for name in a._fields:
        x, y = getattr(a, name, None), getattr(b, name, None)
        if isinstance(x, ast.AST) and isinstance(y, ast.AST):
            found += _string_changes(x, y, [*ancestors, a])
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                raise _Different
            for i, j in zip(x, y, strict=True):
                if isinstance(i, ast.AST) and isinstance(j, ast.AST):
                    found += _string_changes(i, j, [*ancestors, a])
                elif i != j:
                    raise _Different
        elif x != y:
            if isinstance(a, ast.Constant) and isinstance(x, str) and isinstance(y, str):
                found.append([*ancestors, a])
            else:
                raise _Different
    return found


class _Different(Exception):
    """The mutant changes more than a string."""


def _is_message(chain: list[ast.AST]) -> bool:
    *ancestors, constant = chain
    child: ast.AST = constant
    for node in reversed(ancestors):
        if isinstance(node, ast.JoinedStr | ast.BinOp):
            child = node
            continue
        if isinstance(node, ast.Assert):
            return child is node.msg
        if isinstance(node, ast.Raise):
            return False  # the raised object itself is a string: not a constructor's text
        if isinstance(node, ast.Call):
            return _is_message_argument(node, child, ancestors)
        return False
    return False


def _is_message_argument(call: ast.Call, argument: ast.AST, ancestors: list[ast.AST]) -> bool:
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
    if name in MESSAGE_CALLS:
        position = MESSAGE_CALLS[name]
        positional = position < len(call.args) and call.args[position] is argument
        return positional or any(k.arg == "message" and k.value is argument for k in call.keywords)
    raised = any(isinstance(n, ast.Raise) and n.exc is call for n in ancestors)
    return raised and argument in call.args


def score_part(part: Part) -> tuple[Score, dict[str, Score]]:
    """Killed over total, for the part and each file, counting message-only mutants apart."""
    mutants = read_mutants(part, WORK / part.name)
    whole, by_file = Score(), dict[str, Score]()
    for m in mutants:
        if m.status in NOT_RUN:
            continue
        for score in (whole, by_file.setdefault(m.path, Score())):
            if m.message_only:
                score.message_only += 1
                score.message_only_survivors += m.status not in KILLED
                continue
            score.total += 1
            if m.status in KILLED:
                score.killed += 1
            else:
                score.survivors.append(f"{m.name} ({m.status})")
    statuses = Counter(m.status for m in mutants)
    print(f"==> {part.name}: {dict(statuses)}")
    return whole, by_file


def print_report(scores: dict[str, tuple[Score, dict[str, Score]]]) -> None:
    print()
    print("| file | killed / total | score | message-only (survived) |")
    print("|---|---|---|---|")
    for _, by_file in scores.values():
        for path, s in sorted(by_file.items()):
            row = f"| {path} | {s.killed} / {s.total} | {s.percent} % |"
            print(f"{row} {s.message_only} ({s.message_only_survivors}) |")
    print()
    for _, by_file in scores.values():
        for s in by_file.values():
            for name in s.survivors:
                print(f"survived: {name}")
    result: dict[str, object] = {}
    for name, (whole, _) in scores.items():
        result |= {
            f"{name}_killed": whole.killed,
            f"{name}_total": whole.total,
            f"{name}_score": whole.percent,
            f"{name}_message_only": whole.message_only,
        }
    result["message_only_survivors"] = sum(w.message_only_survivors for w, _ in scores.values())
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--mutmut":
        run_mutmut(Part(**json.loads(sys.argv[2])), sys.argv[3:])
    else:
        main()
