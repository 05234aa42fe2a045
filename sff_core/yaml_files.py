"""Every YAML file the app reads goes through here: a key written twice in one mapping is refused.

PyYAML's loaders keep the last of two equal keys without a word, so a pasted block that repeats
`title:` or `sv:` silently replaces the text above it. `read_yaml_file` composes the document,
walks its mappings and raises a ContentError naming the file, the key's path and both lines
before anything is built. A merge key (`<<: *anchor`) overriding is YAML's own way, not a
duplicate. Safe loading only: no Python objects are built from tags.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sff_core.errors import ContentError

_MERGE_TAG = "tag:yaml.org,2002:merge"


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice: `path` is where (a.b, list[2].key), lines are 1-based."""

    def __init__(self, path: str, first_line: int, second_line: int) -> None:
        self.path = path
        self.key = path.rsplit(".", 1)[-1]
        self.first_line = first_line
        self.second_line = second_line
        super().__init__(f"duplicate key {path!r} (lines {first_line} and {second_line})")


def load_yaml(text: str) -> Any:
    """The YAML document in `text`, safely loaded; DuplicateKeyError on a key written twice."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_unique(node, "", set())
        return loader.construct_document(node)
    finally:
        loader.dispose()


def read_yaml_file(file: Path) -> Any:
    """A YAML file's content; a Swedish ContentError naming the file (and the key) when it is broken."""
    try:
        return load_yaml(file.read_text(encoding="utf-8"))
    except DuplicateKeyError as error:
        raise ContentError(
            file.name,
            error.path,
            f"nyckeln '{error.key}' står två gånger i samma avsnitt (rad {error.first_line} och rad {error.second_line}); "
            "den senare skulle tyst ersätta den förra – ta bort eller byt namn på den ena",
        ) from error
    except yaml.YAMLError as error:
        raise ContentError(file.name, "(fil)", f"ogiltig YAML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(file.name, "(fil)", f"kan inte läsas: {error}") from error


def _check_unique(node: Node, path: str, seen: set[int]) -> None:
    """Walk the node graph (aliases may repeat a node: each is checked once)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        lines: dict[tuple[str, str], int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            if isinstance(key_node, ScalarNode):
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                child = f"{path}.{key_node.value}" if path else str(key_node.value)
                if key in lines:
                    raise DuplicateKeyError(child, lines[key], line)
                lines[key] = line
            else:
                child = path
            _check_unique(value_node, child, seen)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _check_unique(item, f"{path}[{index}]", seen)


def check_yaml_files(*directories: Path) -> int:
    """Read every YAML file under the directories strictly (also those no loader has read yet);
    the number of files, or the first ContentError."""
    files = sorted({file for directory in directories for file in directory.rglob("*.yaml")})
    for file in files:
        read_yaml_file(file)
    return len(files)
