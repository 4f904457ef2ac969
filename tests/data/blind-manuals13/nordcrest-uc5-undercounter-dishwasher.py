#!/usr/bin/env python3
"""nordcrest-uc5-undercounter-dishwasher.py - writes the .docx beside it.

Invented manual (Nordcrest UC-5 is not a real product) for Line Lead ingest
tests (m13): a Word document as an office would make it - Heading styles,
automatic (numPr) numbering for steps, tables for specifications and error
codes, WARNING/CAUTION/DANGER paragraphs.  Python 3 standard library only:
    python3 tests/data/blind-manuals13/nordcrest-uc5-undercounter-dishwasher.py
"""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "nordcrest-uc5-undercounter-dishwasher.docx")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, escape(text))


def para(text, style=None, num=None, lead=None):
    ppr = ""
    if style or num is not None:
        ppr = "<w:pPr>"
        if style:
            ppr += '<w:pStyle w:val="%s"/>' % style
        if num is not None:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>' % num
        ppr += "</w:pPr>"
    runs = (run(lead, True) if lead else "") + run(text)
    return "<w:p>%s%s</w:p>" % (ppr, runs)


def table(rows):
    out = ["<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"]
    for i, row in enumerate(rows):
        out.append("<w:tr>")
        for cell in row:
            out.append("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>%s</w:tc>" % "".join(
                "<w:p>%s</w:p>" % run(line, i == 0) for line in cell.split("\n")))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


BODY = [
    para("Nordcrest UC-5 Undercounter Dishwasher", "Title"),
    para("Operator Guide for Restaurant Crew - High-Temperature Model UC-5H"),
    para("This guide covers daily use, cleaning and error codes of the Nordcrest UC-5H, a high-temperature "
         "undercounter dishwasher that sanitizes with a hot final rinse. Keep it next to the machine. "
         "Nordcrest Service: 1-877-555-0160."),
    para("Safety", "Heading1"),
    para(" Disconnect power at the breaker before removing the front panel. Live parts and the tank heater are behind it.",
         lead="DANGER:"),
    para(" Wear gloves and goggles when changing detergent or rinse aid containers. The detergent is caustic.",
         lead="WARNING:"),
    para(" The door, racks and dishes are hot at the end of a cycle. Let racks stand for 1 minute before unloading.",
         lead="CAUTION:"),
    para("Specifications", "Heading1"),
    table([["Item", "Value"],
           ["Wash tank temperature", "150 \u00b0F minimum (155-165 \u00b0F recommended)"],
           ["Final rinse temperature", "180 \u00b0F minimum at the rinse arm (180-195 \u00b0F)"],
           ["Cycle time", "120 seconds (standard cycle)"],
           ["Racks per hour", "24"],
           ["Water per rack", "0.9 gallon"],
           ["Incoming water pressure", "20-25 psi flowing"],
           ["Tank capacity", "3.5 gallons"],
           ["Electrical", "208-230 V, 1 phase, 30 amp breaker"]]),
    para("Daily Operation", "Heading1"),
    para("Starting Up", "Heading2"),
    para("Close the door and check that the scrap screens and the pump intake filter are in place.", num=1),
    para("Turn the power switch on. The tank fills and heats; this takes about 5 minutes.", num=1),
    para("Wait until the wash gauge reads at least 150 \u00b0F before washing the first rack.", num=1),
    para("Check the detergent and rinse aid containers; replace a container that is less than a quarter full.", num=1),
    para("Loading Racks", "Heading2"),
    para("Scrape food into the trash first; the machine is not a disposer. Put plates in the peg rack facing the "
         "center, cups and glasses upside down in the flat rack, and flatware loose in a single layer in the "
         "flatware basket. Never stack dishes or overload a rack: water must reach every surface."),
    para("End of Day Cleaning", "Heading1"),
    para("Turn the power switch off and open the door. Pull the drain stand to empty the tank.", num=2),
    para("Take out the scrap screens and the pump intake filter and empty them into the trash.", num=2),
    para("Unscrew the wash and rinse arms and clear any blocked nozzle with a toothpick. Rinse the arms.", num=2),
    para("Wipe the inside of the tank and the door gasket. Do not use steel wool or chlorine scouring powder.", num=2),
    para("Put the screens, filter and arms back, and leave the door open overnight to dry.", num=2),
    para("Error Codes", "Heading1"),
    para("An error code shows on the display and the machine stops the cycle. Do what the table says, then "
         "press the power switch off and on to clear the code."),
    table([["Code", "Meaning", "What to do"],
           ["E1", "Fill timeout: the tank did not fill within 6 minutes",
            "Check that the water supply valve under the counter is open.\nClean the inlet screen at the fill hose.\nCall Nordcrest Service if E1 returns."],
           ["E2", "Wash tank under temperature: below 150 \u00b0F after 20 minutes",
            "Do not wash dishes in the machine.\nCheck the 30 amp breaker.\nWash, rinse and sanitize by hand in the three-compartment sink until the machine is repaired."],
           ["E3", "Final rinse under temperature: rinse below 180 \u00b0F",
            "The machine lengthens the cycle to reach temperature.\nIf E3 repeats, dishes are NOT sanitized: stop using the machine and use the three-compartment sink."],
           ["E4", "Drain fault: the tank did not drain within 90 seconds",
            "Clean the scrap screens.\nCheck the drain hose behind the machine for kinks."],
           ["E5", "Door opened during a cycle",
            "Close the door. The cycle restarts from the beginning."],
           ["E6", "Detergent low",
            "Replace the detergent container.\nPrime the pump by holding PRIME for 10 seconds."]]),
    para("Service", "Heading1"),
    para("Call Nordcrest Service at 1-877-555-0160 for an error code that comes back, a leak under the machine, "
         "or a rinse gauge that stays below 180 \u00b0F."),
]

DOC = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s'
       '<w:sectPr/></w:body></w:document>' % (W, "".join(BODY)))
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles %s>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>'
          '</w:styles>' % W)
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s>'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%%1."/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num></w:numbering>' % W)
TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
         '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
         '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '</Relationships>')

FIXED = (2025, 3, 1, 0, 0, 0)  # a fixed date: the same bytes on every run
with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in (("[Content_Types].xml", TYPES), ("_rels/.rels", RELS),
                       ("word/document.xml", DOC), ("word/styles.xml", STYLES),
                       ("word/numbering.xml", NUMBERING), ("word/_rels/document.xml.rels", DOC_RELS)):
        z.writestr(zipfile.ZipInfo(name, FIXED), data)
print("wrote " + OUT)
