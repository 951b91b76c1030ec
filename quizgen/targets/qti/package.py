"""The package around the items: imsmanifest.xml, the assessment and Canvas's quiz settings.

The layout is the one Canvas's "QTI only" export writes (lib/cc/qti/qti_generator.rb) and its
importer reads back: a resource of type imsqti_xmlv1p2 for <id>/<id>.xml that depends on a
learning-application resource for <id>/assessment_meta.xml, where <id> is also the assessment's
ident (the importer finds the settings file by joining the two).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from quizgen.model import Bank
from quizgen.output.archive import zip_bytes
from quizgen.present import markup
from quizgen.present.xml import XmlWriter
from quizgen.targets.qti.items import Item
from quizgen.targets.qti.xml import CANVAS, IMSCP, IMSMD, QTI, document_bytes

QTI_RESOURCE = "imsqti_xmlv1p2"
META_RESOURCE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"


def package_id(bank: Bank) -> str:
    """Return the folder and assessment ident: the bank id, after a letter if it starts with a digit.

    Canvas's QTI converter puts "ID-" before an ident that starts with a digit, and would then
    no longer find the quiz settings in the folder of the old name.
    """
    return bank.id if bank.id[0].isalpha() else f"bank-{bank.id}"


def package_bytes(bank: Bank, items: Sequence[Item], points: int, timestamp: int) -> bytes:
    """Return the zip: the manifest, then the assessment and its settings, stamped `timestamp`."""
    ident = package_id(bank)
    assessment = f"{ident}/{ident}.xml"
    meta = f"{ident}/assessment_meta.xml"
    shuffle = not any(item.fixed_order for item in items)
    return zip_bytes(
        (
            ("imsmanifest.xml", manifest(bank, ident, assessment, meta, timestamp)),
            (assessment, assessment_xml(bank, ident, items)),
            (meta, assessment_meta(bank, ident, points, shuffle)),
        ),
        timestamp,
    )


def manifest(bank: Bank, ident: str, assessment: str, meta: str, timestamp: int) -> bytes:
    """Return imsmanifest.xml: the title in LOM metadata, the two resources."""
    xml = XmlWriter()
    xml.start("manifest", **{"xmlns:imsmd": IMSMD}, identifier=f"{ident}_manifest", xmlns=IMSCP)
    xml.start("metadata")
    xml.leaf("schema", "IMS Content")
    xml.leaf("schemaversion", "1.1.3")
    xml.start("imsmd:lom")
    xml.start("imsmd:general")
    xml.start("imsmd:title")
    xml.leaf("imsmd:string", bank.title)
    xml.end()
    xml.end()
    xml.start("imsmd:lifeCycle")
    xml.start("imsmd:contribute")
    xml.start("imsmd:date")
    xml.leaf("imsmd:dateTime", time.strftime("%Y-%m-%d", time.gmtime(timestamp)))
    for _ in range(5):  # date, contribute, lifeCycle, lom, metadata
        xml.end()
    xml.leaf("organizations")
    xml.start("resources")
    # as Canvas's own export: no href on the quiz, one on its settings
    xml.start("resource", identifier=ident, type=QTI_RESOURCE)
    xml.leaf("file", href=assessment)
    xml.leaf("dependency", identifierref=f"{ident}_meta")
    xml.end()
    xml.start("resource", identifier=f"{ident}_meta", type=META_RESOURCE, href=meta)
    xml.leaf("file", href=meta)
    xml.end()
    xml.end()
    xml.end()
    return document_bytes(xml)


def assessment_xml(bank: Bank, ident: str, items: Sequence[Item]) -> bytes:
    """Return the QTI assessment: one section holding every item in bank order."""
    xml = XmlWriter()
    xml.start("questestinterop", xmlns=QTI)
    xml.start("assessment", ident=ident, title=bank.title)
    xml.start("qtimetadata")
    xml.start("qtimetadatafield")
    xml.leaf("fieldlabel", "cc_maxattempts")
    xml.leaf("fieldentry", "1")
    xml.end()
    xml.end()
    xml.start("section", ident="root_section")
    for item in items:
        xml.insert(item.xml)
    xml.end()
    xml.end()
    xml.end()
    return document_bytes(xml)


def assessment_meta(bank: Bank, ident: str, points: int, shuffle: bool) -> bytes:
    """Return Canvas's quiz settings: title, description, shuffling, points, an unpublished quiz."""
    xml = XmlWriter()
    xml.start("quiz", identifier=ident, xmlns=CANVAS)
    for name, value in (
        ("title", bank.title),
        ("description", str(markup.block(bank.description)) if bank.description else ""),
        ("shuffle_answers", _bool(shuffle)),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", str(points)),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("available", "false"),
    ):
        xml.leaf(name, value)
    xml.start("assignment", identifier=f"{ident}_assignment")
    for name, value in (
        ("title", bank.title),
        ("workflow_state", "unpublished"),
        ("quiz_identifierref", ident),
        ("points_possible", str(points)),
        ("grading_type", "points"),
        ("submission_types", "online_quiz"),
    ):
        xml.leaf(name, value)
    xml.end()
    xml.end()
    return document_bytes(xml)


def _bool(value: bool) -> str:
    return "true" if value else "false"
