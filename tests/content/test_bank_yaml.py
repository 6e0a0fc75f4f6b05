"""The one-pass reader of bank YAML: the values and problems ruamel's safe loader gives, for any file."""

from io import StringIO
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from ruamel.yaml import YAML

from content.bank import parse_bank_problems
from content.bank_yaml import UNBUILT, Beyond, read_values
from content.files import Refused, read_text
from tests.hostile.cases import build

ROOT = Path(__file__).resolve().parents[2]


def loaded(source: str):
    """What ruamel's safe loader makes of `source`, or the type of the error it raises."""
    try:
        return YAML(typ="safe", pure=False).load(source)
    except Exception as e:
        return type(e)


def same(a, b) -> bool:
    """Equal, and of the same types throughout (1, 1.0 and True differ; NaN is itself), keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    return a == b or (isinstance(a, float) and a != a and b != b)


@pytest.fixture(scope="module")
def hostile_sources(tmp_path_factory):
    """Each hostile course's bank file that is a readable file within the size limit, by case name."""
    root = tmp_path_factory.mktemp("hostile")
    sources = {}
    for case in build(root):
        path = root / case.name / "bank.yaml"
        try:
            sources[case.name] = (path, read_text(path, 16 * 2**20))
        except Refused:
            continue
    return sources


def test_every_hostile_bank_gets_the_same_problems_in_one_pass_as_through_ruamels_loader(hostile_sources):
    built = 0
    for name, (path, source) in hostile_sources.items():
        assert parse_bank_problems(source, path) == parse_bank_problems(source, path, one_pass=False), name
        try:
            built += read_values(source) is not UNBUILT
        except Exception:
            pass
    assert built >= 40  # most hostile banks are plain YAML: the one pass did make their values


def test_values_built_in_one_pass_are_ruamels_to_the_type(hostile_sources):
    for name, (_, source) in hostile_sources.items():
        try:
            values = read_values(source)
        except Exception as e:  # a limit or bad YAML: then ruamel's loader was not to see it either way
            assert isinstance(e, Beyond) or loaded(source) is type(e), name
            continue
        if values is not UNBUILT:
            assert same(values, loaded(source)), name


def test_the_course_bank_is_built_in_one_pass_with_ruamels_values():
    source = (ROOT / "content" / "courses" / "mali" / "bank.yaml").read_text(encoding="utf-8")
    values = read_values(source)
    assert values is not UNBUILT
    assert same(values, loaded(source))


def test_an_alias_is_the_very_value_its_anchor_names_and_a_tagged_scalar_is_made_by_its_tag():
    source = "a: &t [x, &n 2]\nb: *t\nc: *n\nd: !!str 12\ne: !!float 1\nf: !!binary aGk=\ng: !!null ''\n"
    values = read_values(source)
    assert values == {"a": ["x", 2], "b": ["x", 2], "c": 2, "d": "12", "e": 1.0, "f": b"hi", "g": None}
    assert same(values, loaded(source)) and values["a"] is values["b"]


def test_yaml_beyond_what_banks_are_written_in_is_left_to_ruamels_loader():
    for source in ("a: ! 12\n", "%YAML 1.1\n---\na: yes\n", "a: 1\n---\nb: 2\n", "? [k]\n: v\n", "1: a\n",
                   "a: 1\na: 2\n", "<<: {a: 1}\n", "a: 2024-13-45\n", "a: =\n", "a: !!set {x}\n",
                   "a: &x 1\nb: &x 2\n", "a: *x\n", "a: !!int\n", "a: !!bool maybe\n"):
        assert read_values(source) is UNBUILT, source
    assert read_values("a: 1\n", build=False) is UNBUILT


# Plain scalars near every rule of YAML 1.2's resolver: numbers in every base, dates, booleans, nulls.
plain = st.text(st.sampled_from("0123456789_.-+:eExXoObBtTZ nNuUlLaAfFrRsSiI~<="), min_size=0, max_size=12)


@given(st.lists(plain, min_size=1, max_size=6))
def test_plain_scalars_are_made_as_ruamel_makes_them(texts):
    source = "".join(f"k{i}: {text}\n" for i, text in enumerate(texts))
    expected = loaded(source)
    try:
        values = read_values(source)
    except Exception as e:
        assert expected is type(e)
        return
    assert values is UNBUILT or same(values, expected)


keys = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=8)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), keys, plain, st.binary(max_size=8),
                    st.dates())
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=4)), max_leaves=20)


@given(trees, st.sampled_from([None, True, False]))
def test_any_tree_ruamel_writes_reads_back_in_one_pass_as_ruamel_reads_it(tree, flow):
    yaml = YAML(typ="safe", pure=False)
    yaml.default_flow_style = flow
    out = StringIO()
    yaml.dump({"root": tree, "again": tree}, out)  # a list or mapping written twice: an anchor and its alias
    source = out.getvalue()
    values = read_values(source)
    assert values is not UNBUILT
    assert same(values, loaded(source))
    if isinstance(tree, (list, dict)):
        assert values["root"] is values["again"]
