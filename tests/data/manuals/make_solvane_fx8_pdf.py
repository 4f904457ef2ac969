#!/usr/bin/env python3
"""make_solvane_fx8_pdf.py - writes solvane-fx8-fountain-dispenser.pdf beside it.

An invented manual (Solvane FX-8, an ice-cooled fountain dispenser with a
built-in carbonator; not a real product) exported the way manufacturers'
PDFs are: a running header and footer on every page (the page number set to
the right), a cover page, a contents page with dot leaders, numbered
sections, a specification table and a status code table laid out in
columns (wrapped cells included), WARNING / CAUTION notices, a cleaning
procedure whose steps run across a page break, run-in subheadings in
sentence case and a copyright line on the last page.  `make eval` ingests the PDF
(through pdftotext -layout, as `linelead ingest` does) and asks
tests/eval/manual.tsv about it.

    python3 tests/data/manuals/make_solvane_fx8_pdf.py    # rewrites the PDF

The text is set in Helvetica by tests/e2e/pdfgen.py, one line per text line;
columns are placed by padding with spaces to a position measured with the
font's widths, so pdftotext sees them where a layout program would put them.
Standard library only; the output is byte-for-byte reproducible.
"""
import os
import sys

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "e2e"))
import pdfgen  # noqa: E402

OUT = os.path.join(HERE, "solvane-fx8-fountain-dispenser.pdf")
SIZE = 10.0                    # pdfgen sets 10-point Helvetica
WIDTH = 505.0                  # text width in points (612 - 50 left - 57 right)
LINES_PER_PAGE = 54

# Helvetica advance widths (Adobe AFM, 1/1000 em) for what this manual uses.
_W = dict(zip(" !\"#$%&'()*+,-./0123456789:;<=>?@", [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015]))
_W.update(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`", [
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667,
    778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333]))
_W.update(zip("abcdefghijklmnopqrstuvwxyz{|}~", [
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
    556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584]))
_W.update({"°": 400, "×": 584, "—": 1000, "–": 556, "’": 222, "©": 737})


def width(s):
    return sum(_W.get(c, 556) for c in s) * SIZE / 1000.0


def pad_to(s, x):
    """s followed by spaces up to x points (at least three: a column gap)."""
    gap = max(x - width(s), 3 * _W[" "] * SIZE / 1000.0)
    return s + " " * max(3, round(gap / (_W[" "] * SIZE / 1000.0)))


def wrap(text, limit=WIDTH):
    lines, cur = [], ""
    for word in text.split():
        cand = (cur + " " + word) if cur else word
        if cur and width(cand) > limit:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def para(text, indent=""):
    return [indent + line for line in wrap(text, WIDTH - width(indent))]


def steps(items, first=1):
    out = []
    for n, text in enumerate(items, first):
        lead = "%d. " % n
        body = wrap(text, WIDTH - width(lead) - 8)
        out.append(lead + body[0])
        out += ["     " + line for line in body[1:]]
    return out


def table(cols, rows, head=None):
    """Rows of cells at the x positions cols (points); a cell may wrap."""
    out = []
    limits = [(cols[i + 1] - cols[i] - 12) if i + 1 < len(cols) else WIDTH - cols[i]
              for i in range(len(cols))]
    for cells in ([head] if head else []) + rows:
        parts = [wrap(c, limits[i]) for i, c in enumerate(cells)]
        for k in range(max(len(p) for p in parts)):
            line = ""
            for i, p in enumerate(parts):
                cell = p[k] if k < len(p) else ""
                if i == 0:
                    line = cell
                elif cell:
                    line = pad_to(line, cols[i]) if line else " " * round(cols[i] / (_W[" "] * SIZE / 1000.0))
                    line += cell
            out.append(line.rstrip())
        if head and cells is head:
            out.append("")
    return out


def right(left, text):
    return pad_to(left, WIDTH - width(text)) + text


HEADER = right("Solvane FX-8 Fountain Dispenser", "Operation and Care Manual")


def footer(n, total):
    return right("SB-FX8-OM  Rev. 4  01/2026", "Page %d of %d" % (n, total))


COVER = [
    "", "", "", "",
    "SOLVANE BEVERAGE SYSTEMS", "", "",
    "FX-8 FOUNTAIN DISPENSER",
    "Ice-Cooled Drink Dispenser with Built-In Carbonator", "", "",
    "OPERATION AND CARE MANUAL",
    "For crew members, shift managers and store managers", "", "", "",
    "Publication SB-FX8-OM     Revision 4     January 2026", "", "", "", "", "",
    "Solvane Service: 1-800-555-0158 (24 hours a day, 7 days a week)", "",
    "The Solvane FX-8 is an invented product (a Line Lead test fixture), not a real machine.",
]

CONTENTS = [
    "CONTENTS", "",
    "1   Safety ..................................................................................... 3",
    "2   Specifications ......................................................................... 3",
    "3   Daily Operation ........................................................................ 4",
    "     3.1  Opening the dispenser ..................................................... 4",
    "     3.2  Syrup ratio (brix) check .................................................. 4",
    "4   Cleaning and Sanitizing ............................................................ 5",
    "     4.1  Nozzles and diffusers, every night ...................................... 5",
    "     4.2  Drip tray and drain, every night ......................................... 5",
    "     4.3  Ice bin and cold plate, every week ...................................... 5",
    "5   CO2 and Syrup Supply ............................................................... 6",
    "     5.1  Changing the CO2 cylinder ................................................. 6",
    "     5.2  Changing a syrup bag-in-box .............................................. 6",
    "6   Status Codes ........................................................................... 7",
    "7   Troubleshooting ....................................................................... 8",
    "8   Service and Parts ..................................................................... 8",
    "", "",
    "ABOUT THIS MANUAL", "",
] + para("This manual covers the Solvane FX-8 fountain dispenser: eight valves over an ice bin, "
         "with a cold plate that chills the drinks and a carbonator that makes the soda water. "
         "Keep it near the dispenser. Crew may do the opening checks, the cleaning, the CO2 "
         "cylinder change and the syrup box change described here. Only a Solvane-authorized "
         "service technician may adjust the carbonator, the CO2 regulators or the water "
         "regulator.")

PAGE3 = ["1   SAFETY", ""] + \
    ["WARNING"] + para("Carbon dioxide (CO2) gas can kill. A CO2 leak in a closed room pushes out the "
                       "oxygen and has no smell. If the CO2 alarm sounds, or you feel dizzy or short of "
                       "breath near the CO2 cylinders, leave the room at once, prop the door open and "
                       "tell the manager. Do not go back in until the alarm has stopped.") + [""] + \
    ["WARNING"] + para("CO2 cylinders must stand upright and be chained to the wall or the rack at all "
                       "times. A cylinder that falls and breaks its valve can fly like a rocket.") + [""] + \
    para("CAUTION: Unplug the dispenser before you remove the lower splash panel. The carbonator "
         "pump motor and its wiring are behind it.") + [""] + \
    para("CAUTION: Never put ice that has touched the floor into the ice bin. If a glass breaks "
         "in or near the bin, stop serving from the dispenser, empty all the ice and clean the "
         "bin (section 4.3) before you fill it again.") + ["", "", "2   SPECIFICATIONS", ""] + \
    table([0, 150], [
        ["Model", "FX-8: 8 valves (7 syrup flavors and 1 soda water)"],
        ["Electrical", "115 V, 60 Hz, 1-phase, 7.2 A, NEMA 5-15P plug"],
        ["Carbonator pump", "1/3 hp, 100 gal/h"],
        ["Water inlet pressure", "40 to 70 psi (flowing)"],
        ["CO2 to carbonator", "95 psi (set by service, range 90 to 100 psi)"],
        ["CO2 to syrup pumps", "60 psi"],
        ["Ice bin capacity", "180 lb (82 kg)"],
        ["Drink temperature", "40°F (4°C) or colder at the nozzle"],
        ["Pour rate", "3.0 oz per second"],
        ["Syrup ratio (brix)", "5.0:1 regular flavors, 5.5:1 diet flavors (water to syrup)"],
        ["Water filter", "Cartridge SV-2210; change every 6 months or 9,000 gallons, whichever "
                         "comes first"],
        ["Dimensions", "30 in wide × 30 in deep × 39 in high"],
        ["Weight", "210 lb (95 kg) empty"],
    ], head=["ITEM", "SPECIFICATION"])

PAGE4 = ["3   DAILY OPERATION", "", "3.1  Opening the dispenser", ""] + steps([
    "Check the high-pressure gauge on the CO2 cylinder. Over 500 psi is good. Between 200 and "
    "500 psi, make sure a full spare cylinder is in the rack. Under 200 psi, change the cylinder "
    "now (section 5.1).",
    "Turn the carbonator switch on the right side panel to ON. The pump runs for up to 2 minutes "
    "to fill the carbonator tank.",
    "Fill the ice bin to the top. The cold plate needs at least 4 inches of ice over it.",
    "Wait 30 minutes after filling the ice bin before you serve drinks, so the cold plate is cold.",
    "Fit the clean nozzles and diffusers that dried overnight (section 4.1).",
    "Pour 8 oz from every valve and throw it away, then check one drink with a thermometer: "
    "40°F (4°C) or colder.",
]) + ["", "3.2  Syrup ratio (brix) check", ""] + \
    para("Check the ratio of every flavor once a week, and after a valve is changed to a new "
         "flavor. You need the ratio cup and the syrup separator from the service kit.") + [""] + steps([
        "Take off the nozzle and the diffuser of the valve and push the syrup separator (the "
        "yellow tube) onto the valve.",
        "Hold the ratio cup under the valve: syrup runs into the small side, water into the large "
        "side.",
        "Press the lever for 4 seconds.",
        "Read the cup. Regular flavors: 5.0:1 (five parts water to one part syrup). Diet flavors: "
        "5.5:1. Within 0.2 either way is right.",
        "If it is outside that, do not turn the ratio screw yourself: tell the shift manager. "
        "Only a manager trained by Solvane adjusts the ratio, 1/8 turn at a time.",
    ]) + ["", "Valve lock"] + \
    para("The VALVE LOCK switch behind the front merchandiser panel stops every valve from pouring "
         "while you clean. Set it to LOCK before cleaning and back to POUR when you are done.")

PAGE5 = ["4   CLEANING AND SANITIZING", "", "4.1  Nozzles and diffusers, every night", ""] + steps([
    "Set the VALVE LOCK switch to LOCK.",
    "Remove each nozzle: turn it a quarter turn counterclockwise and pull it down.",
    "Pull each diffuser straight down off the valve.",
    "Soak the nozzles and diffusers in warm water, 100°F to 110°F (38°C to 43°C), for 5 minutes, "
    "then brush them inside with the small nozzle brush.",
    "Sanitize them: 1 minute in 100 ppm chlorine sanitizer (or the store's quat sanitizer at "
    "200 ppm).",
    "Let them air-dry on a clean tray overnight. Do not dry them with a towel.",
    "Wipe the valve bottoms and the nozzle openings with a sanitized cloth.",
]) + [""] + para("NOTE: Never soak nozzles in water hotter than 140°F (60°C). The plastic warps and "
                 "the nozzle leaks.") + \
    ["", "4.2  Drip tray and drain, every night", ""] + \
    para("Lift out the cup rest and the drip tray, wash them in the sink, rinse and sanitize them. "
         "Pour 1 gallon of hot water down the drip tray drain to flush out the syrup; syrup left "
         "in the drain draws fruit flies and blocks it.") + \
    ["", "4.3  Ice bin and cold plate, every week", ""] + \
    para("Clean and sanitize the ice bin once a week, and at once after a glass breaks near it. "
         "Set aside 45 minutes.") + [""] + steps([
        "Stop the ice machine that fills the bin (if one sits on top), or stop filling the bin by "
        "hand.",
        "Scoop all the ice out of the bin and throw it away. Never use a glass to scoop ice.",
        "Pour warm water over the cold plate cover to melt the last of the ice.",
        "Wash the bin walls, the lid and the cold plate cover with warm detergent solution and the "
        "long-handled brush.",
        "Rinse with clean warm water.",
        "Sanitize every inside surface with 100 ppm chlorine sanitizer, sprayed or wiped on, and "
        "leave it wet for 1 minute.",
    ])

PAGE6 = steps([
    "Do not rinse the sanitizer off. Leave the bin open to air-dry for 10 minutes.",
    "Pour 1 gallon of hot water (about 120°F) down the bin drain.",
    "Close the lid, restart the ice machine and fill the bin to the top.",
    "Wait 30 minutes before you serve drinks again.",
], first=7) + ["", "", "5   CO2 AND SYRUP SUPPLY", "", "5.1  Changing the CO2 cylinder", ""] + \
    ["WARNING"] + para("Keep the full cylinder chained upright while you work. Never lay a cylinder "
                       "down or drop it.") + [""] + steps([
        "Close the valve on the empty cylinder: turn it clockwise until it stops.",
        "Loosen the regulator nut with the CO2 wrench and take the regulator off the cylinder.",
        "Unchain the empty cylinder, tag it EMPTY and move it to the returns rack. Chain the full "
        "cylinder in its place.",
        "Check the fiber washer in the regulator nut. Replace it if it is torn or missing (a spare "
        "comes with every cylinder).",
        "Fit the regulator onto the full cylinder and tighten the nut with the wrench.",
        "Open the cylinder valve slowly, then all the way (counterclockwise until it stops).",
        "Check the gauges: the high-pressure gauge reads over 500 psi, the carbonator regulator "
        "95 psi.",
        "Brush soapy water on the connection. Bubbles mean a leak: close the cylinder valve, "
        "tighten the nut and test again.",
    ]) + ["", "5.2  Changing a syrup bag-in-box", ""] + steps([
        "Find the box of the flavor whose valve number flashes on the status display (code E6).",
        "Press the release collar of the connector and pull the connector off the empty bag.",
        "Take out the empty box and flatten it for recycling.",
        "Open the new box, pull out the bag's fitment and take off its cap.",
        "Push the connector onto the fitment until it clicks.",
        "Pour from that valve until the drink is its full color, about 10 seconds.",
    ]) + [""] + para("Match the color tag on the syrup line to the flavor on the box: a bag on the "
                     "wrong line sends the wrong syrup to a valve.")

PAGE7 = ["6   STATUS CODES", ""] + \
    para("The two-character status display on the front merchandiser shows a code when the "
         "dispenser needs attention. When you have fixed the cause, press and hold the RESET key "
         "for 5 seconds to clear the code.") + [""] + \
    table([0, 45, 215], [
        ["E1", "Carbonator pump ran over 3 minutes",
         "Check the water supply valve under the counter is open and the water filter is not "
         "clogged. Switch the carbonator off, then on. If E1 comes back, call service."],
        ["E2", "Water pressure low (under 25 psi)",
         "Read the gauges on the water filter. If the pressure drops more than 15 psi across it, "
         "change the cartridge (SV-2210)."],
        ["E3", "CO2 pressure low", "Change the CO2 cylinder (section 5.1)."],
        ["E4", "Carbonator tank overfilled",
         "Switch the carbonator off and call service. Do not pour soda water until it is fixed."],
        ["E5", "Cold plate too warm (drinks over 45°F)",
         "Add ice: the cold plate needs at least 4 inches of ice over it. If E5 is still on 30 "
         "minutes later, call service."],
        ["E6", "Syrup sold out (the valve number flashes)",
         "Change the bag-in-box of that flavor (section 5.2)."],
        ["E7", "Valve held open over 30 seconds",
         "Let go of the lever and check that nothing is pressing it. Press the lever twice to "
         "unlock the valve."],
        ["E8", "Leak sensor wet under the dispenser",
         "Close the water supply valve, unplug the dispenser, dry the floor and call service."],
    ], head=["CODE", "MEANING", "WHAT TO DO"])

PAGE8 = ["7   TROUBLESHOOTING", "", "Drinks are flat"] + steps([
    "Check the CO2 cylinder's high-pressure gauge: under 200 psi, change the cylinder.",
    "Check the carbonator switch on the right side panel is ON.",
    "Check that at least 4 inches of ice cover the cold plate; warm drinks go flat.",
    "Check the carbonator regulator reads 95 psi. If it does not, call service: do not adjust it.",
]) + ["", "Drinks foam"] + steps([
    "Add ice: a warm cold plate makes foam.",
    "Clean the nozzles and diffusers (section 4.1); dirty nozzles make foam.",
    "Pour down the side of a cup that already has ice in it.",
    "If the carbonator regulator reads over 105 psi, call service.",
]) + ["", "Drinks taste watery or wrong"] + steps([
    "Look for a flashing valve number (E6, syrup sold out) and change the box.",
    "Check the syrup line is on the right flavor's box and is not kinked.",
    "Do a ratio check (section 3.2).",
]) + ["", "A valve will not pour"] + \
    para("Check the VALVE LOCK switch is set to POUR, and that the display does not show E7.") + \
    ["", "Water on the floor"] + \
    para("A blocked drip tray drain overflows: pour 1 gallon of hot water down it. If the display "
         "shows E8, follow the status code table (section 6).") + \
    ["", "", "8   SERVICE AND PARTS", ""] + \
    para("Solvane Service: 1-800-555-0158, 24 hours a day. Before you call, have the serial "
         "number ready (label inside the right side panel door) and the status code.") + [""] + \
    para("A Solvane technician checks the carbonator and sanitizes the syrup lines every 90 days.") + \
    [""] + table([0, 170], [
        ["Nozzle", "SV-1104"],
        ["Diffuser", "SV-1105"],
        ["Regulator fiber washer", "SV-0710"],
        ["Nozzle brush", "SV-3301"],
        ["Water filter cartridge", "SV-2210"],
    ], head=["PART", "PART NUMBER"]) + ["", ""] + \
    para("© 2026 Solvane Beverage Systems, 2200 Quarry Road, Dayton, OH. FX-8 and VALVE LOCK are "
         "trademarks of Solvane. Specifications may change without notice.")


def build():
    bodies = [COVER, CONTENTS, PAGE3, PAGE4, PAGE5, PAGE6, PAGE7, PAGE8]
    pages = []
    for n, body in enumerate(bodies, 1):
        room = LINES_PER_PAGE - 4
        if len(body) > room:
            raise SystemExit("page %d has %d lines, room for %d" % (n, len(body), room))
        for line in body:
            if width(line) > WIDTH + 1:
                raise SystemExit("page %d: line too wide (%.0f pt): %s" % (n, width(line), line))
        pages.append([HEADER, ""] + body + [""] * (room - len(body)) + ["", footer(n, len(bodies))])
    pdfgen.write_pdf(OUT, pages)
    return OUT


if __name__ == "__main__":
    print(build())
