"""A checker for Canvas QTI 1.2 packages, from what Canvas's importer needs (docs/lms.md).

Canvas reports success on a package it half understood, and its converter exits 0 on broken
ones, so this reads the zip with zipfile and ElementTree only (nothing of quizgen's writer) and
returns every problem it finds, each naming the file and item.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal, InvalidOperation

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
IMSCP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
QTI_RESOURCE = "imsqti_xmlv1p2"
# AssessmentQuestion::ALL_QUESTION_TYPES: anything else is imported as an error
CANVAS_TYPES = frozenset(
    {
        "multiple_choice_question",
        "multiple_answers_question",
        "true_false_question",
        "short_answer_question",
        "fill_in_multiple_blanks_question",
        "multiple_dropdowns_question",
        "matching_question",
        "numerical_question",
        "calculated_question",
        "essay_question",
        "file_upload_question",
        "text_only_question",
        "missing_word_question",
    }
)
CHOICE_TYPES = {"multiple_choice_question", "multiple_answers_question", "true_false_question"}
BLANK = re.compile(r"\[([^\[\]\s]+)\]")


def check_package(data: bytes) -> list[str]:
    """Return the problems of a QTI zip: empty when Canvas would import all of it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["not a zip file"]
    names = {n for n in archive.namelist() if not n.endswith("/")}
    if "imsmanifest.xml" not in names:
        return ["imsmanifest.xml: missing at the root of the zip"]
    problems: list[str] = []
    manifest = _parse(archive, "imsmanifest.xml", problems)
    if manifest is None:
        return problems
    resources = {r.get("identifier"): r for r in manifest.iter(f"{IMSCP}resource")}
    declared = {f.get("href") for f in manifest.iter(f"{IMSCP}file")}
    for href in sorted(h or "" for h in declared - names):
        problems.append(f"imsmanifest.xml: names '{href}', which is not in the zip")
    for name in sorted(names - declared - {"imsmanifest.xml"}):
        problems.append(f"imsmanifest.xml: does not name '{name}'")
    for resource in resources.values():
        for dependency in resource.iter(f"{IMSCP}dependency"):
            if dependency.get("identifierref") not in resources:
                problems.append(
                    f"imsmanifest.xml: resource '{resource.get('identifier')}' depends on "
                    f"'{dependency.get('identifierref')}', which is not a resource"
                )
    quizzes = [r for r in resources.values() if r.get("type") == QTI_RESOURCE]
    if not quizzes:
        problems.append(f"imsmanifest.xml: no resource of type {QTI_RESOURCE}")
    for quiz in quizzes:
        for file in quiz.iter(f"{IMSCP}file"):
            if file.get("href") in names:
                problems += _check_assessment(archive, str(file.get("href")), names)
    return problems


def _check_assessment(archive: zipfile.ZipFile, name: str, names: set[str]) -> list[str]:
    problems: list[str] = []
    root = _parse(archive, name, problems)
    if root is None:
        return problems
    if root.tag != f"{QTI}questestinterop":
        return [f"{name}: the root is {root.tag}, not questestinterop in the QTI 1.2 namespace"]
    for assessment in root.iter(f"{QTI}assessment"):
        ident = assessment.get("ident", "")
        # Canvas finds the quiz settings at <assessment ident>/assessment_meta.xml
        meta = f"{ident}/assessment_meta.xml"
        if meta not in names:
            problems.append(f"{name}: assessment '{ident}' has no {meta}")
        else:
            settings = _parse(archive, meta, problems)
            if settings is not None and settings.get("identifier") != ident:
                problems.append(
                    f"{meta}: quiz identifier '{settings.get('identifier')}' is not the "
                    f"assessment's ident '{ident}'"
                )
    for item in root.iter(f"{QTI}item"):
        problems += [f"{name}: item '{item.get('ident')}': {p}" for p in _check_item(item)]
    return problems


def _check_item(item: ET.Element) -> list[str]:
    problems = []
    fields = {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") or ""
        for f in item.iter(f"{QTI}qtimetadatafield")
    }
    kind = fields.get("question_type")
    if kind not in CANVAS_TYPES:
        problems.append(f"question_type '{kind}' is not one of Canvas's")
    if "points_possible" not in fields:
        problems.append("no points_possible")
    else:
        try:
            if Decimal(fields["points_possible"]) < 0:
                problems.append("points_possible is negative")
        except InvalidOperation:
            problems.append(f"points_possible '{fields['points_possible']}' is not a number")
    responses = {r.get("ident"): r for r in _responses(item)}
    for test in item.iter(f"{QTI}varequal"):
        respident, value = test.get("respident"), (test.text or "").strip()
        response = responses.get(respident)
        if response is None:
            problems.append(f"a condition tests '{respident}', which is not a response")
        elif response.tag == f"{QTI}response_lid" and value not in _labels(response):
            problems.append(f"a condition wants '{value}', which is not a choice of '{respident}'")
    if kind in CHOICE_TYPES and not any(
        (s.text or "").strip() in ("100", "100.0") and s.get("varname", "SCORE") == "SCORE"
        for s in item.iter(f"{QTI}setvar")
    ):
        problems.append("no condition scores 100, so no answer is right")
    if kind == "true_false_question":
        texts = sorted(
            (label.findtext(f".//{QTI}mattext") or "").strip()
            for label in item.iter(f"{QTI}response_label")
        )
        if texts != ["False", "True"]:
            problems.append(f"true/false answers {texts} are not True and False")
    if kind == "fill_in_multiple_blanks_question":
        stem = item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") or ""
        blanks = {f"response_{b}" for b in BLANK.findall(stem)}
        if blanks != set(responses):
            problems.append(
                f"the text's blanks {sorted(blanks)} are not its responses {sorted(responses)}"
            )
    return problems


def _responses(item: ET.Element) -> list[ET.Element]:
    return [*item.iter(f"{QTI}response_lid"), *item.iter(f"{QTI}response_str")]


def _labels(response: ET.Element) -> set[str]:
    return {str(label.get("ident")) for label in response.iter(f"{QTI}response_label")}


def _parse(archive: zipfile.ZipFile, name: str, problems: list[str]) -> ET.Element | None:
    try:
        return ET.fromstring(archive.read(name))
    except ET.ParseError as exc:
        problems.append(f"{name}: not well-formed XML: {exc}")
        return None
