"""The QTI checker rejects each kind of broken package (a checker that cannot fail proves nothing)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.lms.qti_check import check_package

Entries = dict[str, bytes]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Entries:
    from tests.harness import copy_project, run_cli

    root = copy_project(tmp_path_factory.mktemp("qti"), "mini")
    assert run_cli(root, "build", "--only", "qti").exit_code == 0
    data = (root / "output/teacher/lighthouse/lighthouse-qti.zip").read_bytes()
    assert check_package(data) == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(entries: Entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def edit(name: str, old: str, new: str, count: int = 1) -> Callable[[Entries], None]:
    def change(entries: Entries) -> None:
        text = entries[name].decode()
        assert old in text, f"{old!r} not in {name}"
        entries[name] = text.replace(old, new, count).encode()

    return change


def edit_pattern(name: str, pattern: str, new: str) -> Callable[[Entries], None]:
    def change(entries: Entries) -> None:
        text, found = re.subn(pattern, new, entries[name].decode(), count=1)
        assert found, f"{pattern!r} not in {name}"
        entries[name] = text.encode()

    return change


def drop(name: str) -> Callable[[Entries], None]:
    return lambda entries: entries.pop(name) and None


def extra(name: str) -> Callable[[Entries], None]:
    return lambda entries: entries.update({name: b"<x/>"})


QTI = "lighthouse/lighthouse.xml"


def remove_score(entries: Entries) -> None:
    """Take the 100 away from the single-choice question only."""
    text = entries[QTI].decode()
    start = text.index('ident="lighthouse_builder"')
    end = text.index("</item>", start)
    part = text[start:end].replace(">100</setvar>", ">0</setvar>")
    entries[QTI] = (text[:start] + part + text[end:]).encode()


BROKEN = [
    ("not a zip", None, "not a zip file"),
    ("no manifest", drop("imsmanifest.xml"), "imsmanifest.xml: missing at the root"),
    ("file missing", drop("lighthouse/assessment_meta.xml"), "names 'lighthouse/assessment_"),
    ("file not named", extra("lighthouse/stray.xml"), "does not name 'lighthouse/stray.xml'"),
    (
        "broken dependency",
        edit("imsmanifest.xml", 'identifierref="lighthouse_meta"', 'identifierref="nope"'),
        "depends on 'nope', which is not a resource",
    ),
    (
        "no QTI resource",
        edit("imsmanifest.xml", 'type="imsqti_xmlv1p2"', 'type="webcontent"'),
        "no resource of type imsqti_xmlv1p2",
    ),
    ("malformed XML", edit(QTI, "</questestinterop>", ""), "not well-formed XML"),
    (
        "settings for another quiz",
        edit("lighthouse/assessment_meta.xml", 'identifier="lighthouse"', 'identifier="x"'),
        "quiz identifier 'x' is not the assessment's ident 'lighthouse'",
    ),
    (
        "unknown type",
        edit(QTI, "<fieldentry>multiple_choice_question<", "<fieldentry>ordering_question<"),
        "item 'lighthouse_builder': question_type 'ordering_question' is not one of Canvas's",
    ),
    (
        "no points",
        edit(QTI, "<fieldlabel>points_possible</fieldlabel>", "<fieldlabel>points</fieldlabel>"),
        "item 'lighthouse_builder': no points_possible",
    ),
    (
        "points not a number",
        edit_pattern(QTI, r"(points_possible</fieldlabel>\s*<fieldentry>)1<", r"\g<1>one<"),
        "points_possible 'one' is not a number",
    ),
    (
        "condition on a missing choice",
        edit_pattern(QTI, r'(<varequal respident="response1">)\d+<', r"\g<1>12345<"),
        "wants '12345', which is not a choice",
    ),
    (
        "condition on a missing response",
        edit(QTI, '<varequal respident="response1">', '<varequal respident="response9">'),
        "tests 'response9', which is not a response",
    ),
    ("nothing scores 100", remove_score, "item 'lighthouse_builder': no condition scores 100"),
    (
        "true/false in other words",
        edit(QTI, '<mattext texttype="text/html">True</mattext>', "<mattext>Richtig</mattext>"),
        "item 'lighthouse_rock': true/false answers ['False', 'Richtig'] are not True and False",
    ),
    (
        "a blank without a response",
        edit(QTI, "put it out at [blank2]", "put it out at [blank3]", count=2),
        "the text's blanks ['response_blank1', 'response_blank3'] are not its responses",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_each_broken_package_is_rejected(good: Entries, change, expected: str) -> None:
    entries = dict(good)
    if change is None:
        data = b"PK not really"
    else:
        change(entries)
        data = zipped(entries)
    problems = check_package(data)
    assert any(expected in p for p in problems), problems


def test_a_package_canvas_exported_itself_passes(tmp_path: Path) -> None:
    """The layout of Canvas's own "QTI only" export (lib/cc/qti), reduced to one question."""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="g1" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">
  <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>
  <organizations/>
  <resources>
    <resource identifier="g2" type="imsqti_xmlv1p2">
      <file href="g2/g2.xml"/><dependency identifierref="g3"/>
    </resource>
    <resource identifier="g3" type="associatedcontent/imscc_xmlv1p1/learning-application-resource"
        href="g2/assessment_meta.xml"><file href="g2/assessment_meta.xml"/></resource>
  </resources>
</manifest>"""
    meta = '<quiz identifier="g2" xmlns="http://canvas.instructure.com/xsd/cccv1p0"/>'
    item = """<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
<assessment ident="g2" title="Quiz"><section ident="root_section">
<item ident="g4" title="Question"><itemmetadata><qtimetadata>
<qtimetadatafield><fieldlabel>question_type</fieldlabel>
<fieldentry>multiple_choice_question</fieldentry></qtimetadatafield>
<qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>1.0</fieldentry>
</qtimetadatafield></qtimetadata></itemmetadata>
<presentation><material><mattext texttype="text/html">&lt;div&gt;2+2?&lt;/div&gt;</mattext>
</material><response_lid ident="response1" rcardinality="Single"><render_choice>
<response_label ident="7127"><material><mattext texttype="text/plain">4</mattext></material>
</response_label><response_label ident="5181"><material><mattext texttype="text/plain">5</mattext>
</material></response_label></render_choice></response_lid></presentation>
<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/>
</outcomes><respcondition continue="No"><conditionvar>
<varequal respident="response1">7127</varequal></conditionvar>
<setvar action="Set" varname="SCORE">100</setvar></respcondition></resprocessing>
</item></section></assessment></questestinterop>"""
    entries = {
        "imsmanifest.xml": manifest.encode(),
        "g2/g2.xml": item.encode(),
        "g2/assessment_meta.xml": meta.encode(),
    }
    assert check_package(zipped(entries)) == []
