#!/bin/sh
# zephyra-zr16-rapid-cook-oven.sh - writes zephyra-zr16-rapid-cook-oven.pdf beside it.
# Invented manual (Zephyra ZR-16 is not a real product) for Line Lead blind tests.
# Needs groff with the pdf device (apt-get install groff).
#     sh tests/data/blind-manuals2/zephyra-zr16-rapid-cook-oven.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/zephyra-zr16-rapid-cook-oven.pdf"
groff -t -ms -Tpdf > "$OUT" <<'EOF'
.nr HY 0
.nr PS 10
.nr VS 12
.ds LH Zephyra ZR-16 Rapid Cook Oven
.ds CH
.ds RH Operator Manual \- Rev. B
.ds LF Publication ZR16-OM-B \(co Zephyra Cookline Systems
.ds CF
.ds RF Page \\n%
.na
.TL
Zephyra ZR-16 Rapid Cook Oven
.br
Operator Manual
.AU
Zephyra Cookline Systems \- Publication ZR16-OM, Revision B
.AI
(invented product, Line Lead test fixture)
.PP
This manual covers the Zephyra ZR-16 Rapid Cook Oven, a countertop oven that cooks with impingement hot air and microwave energy at the same time.
It is written for trained crew and shift leads.
Read it before you operate, clean or troubleshoot the oven and keep it near the oven.
Zephyra Service is available 24 hours a day at 1-800-555-0187.
Have the serial number ready when you call; it is on the data plate behind the door, on the left side of the door frame.
.NH 1
Safety
.NH 2
Signal words
.PP
\fBDANGER\fP means a hazard that will cause death or serious injury.
\fBWARNING\fP means a hazard that could cause death or serious injury.
\fBCAUTION\fP means a hazard that could cause minor injury or damage to the oven.
.NH 2
Safety rules
.PP
\fBDANGER:\fP The microwave circuit inside the ZR-16 runs at up to 4,200 V and its high-voltage capacitor stays charged after the oven is unplugged. Never remove the outer panels. Only Zephyra-authorized technicians may open the oven.
.PP
\fBWARNING:\fP Never tape, prop, bend or bypass the door interlock switches. Microwave energy escaping from an open or damaged door causes deep burns. If the door is bent, the hinge is loose or the door seal is torn, stop using the oven and call Zephyra Service.
.PP
\fBWARNING:\fP The cavity, wire rack, pans and door inside reach 520\(deF (271\(deC). Use oven mitts and the supplied pan paddle. Let the oven cool below 150\(deF (66\(deC) before you clean it.
.PP
\fBCAUTION:\fP Never run a microwave stage with an empty cavity; it damages the magnetrons. Use TEST mode only with the 1 L test water load.
.PP
\fBCAUTION:\fP Do not use aluminum foil, foil-lined wrappers or metal twist ties in the ZR-16. Use only Zephyra ZR-PAN solid and perforated pans, the ZR-PADDLE and approved parchment. Parchment must not touch the cavity walls or the top jet plate.
.NH 1
Specifications
.NH 2
Specification table
.PP
The figures below are for the standard ZR-16 sold in North America.
.TS
box center tab(|);
lb | lb
l | l.
Item|ZR-16 specification
_
Oven type|Impingement air plus microwave (rapid cook)
Cavity size|16 x 13 x 7 in (406 x 330 x 178 mm)
Maximum load per cook|4 lb (1.8 kg)
Rated voltage|208 V or 240 V, single phase, 60 Hz
Current draw|27.5 A at 208 V; 24.0 A at 240 V
Circuit required|30 A dedicated circuit, NEMA 6-30P plug
Microwave output|2,000 W (two 1,000 W magnetrons)
Cavity temperature range|300 to 520\(deF (149 to 271\(deC)
Default setpoint|475\(deF (246\(deC)
Warm-up time|18 minutes from cold to 475\(deF
Standby temperature|350\(deF (177\(deC) after 30 minutes with no cook
Cool-down to cleaning temperature|about 40 minutes to 150\(deF (66\(deC)
Over-temperature cutoff|560\(deF (293\(deC)
Water supply and drain|None required
Maximum room temperature|95\(deF (35\(deC)
Clearances|2 in (51 mm) sides, 4 in (102 mm) rear, 6 in (152 mm) top
Weight|152 lb (69 kg)
Recipe memory|240 recipes, up to 6 stages each
.TE
.NH 2
Electrical supply
.PP
Plug the ZR-16 directly into its own 30 A receptacle. Never use an extension cord, plug adapter or power strip.
If the supply is below 190 V at start-up the oven shows E-94 and will not heat.
.NH 1
Installation
.PP
Set the oven on a level counter rated for at least 200 lb (91 kg).
Keep it at least 18 in (457 mm) from fryers, char-broilers and open flames, or put a splash guard between them; fryer heat and grease vapor overheat the electronics (E-61).
The ZR-16 is ventless: a catalytic converter in the top rear of the cavity cleans the exhaust air, so no hood is needed for the products on the approved menu.
.NH 1
Operation
.NH 2
Controls
.PP
The front panel has a 7 in touchscreen, the ON/OFF key, the STOP key, the COOL DOWN key and the FILTER key.
Fault codes appear in a red bar at the top of the touchscreen.
.NH 2
Start-up
.IP 1.
Check that the air filter is fitted below the door. The oven will not start a warm-up without it.
.IP 2.
Check that the cavity is empty and that the wire rack and the lower jet plate are in place.
.IP 3.
Press ON/OFF. The oven heats to the 475\(deF (246\(deC) default setpoint in about 18 minutes.
.IP 4.
Wait for READY on the touchscreen before you cook. Do not cook during warm-up.
.NH 2
Cooking
.IP 1.
Select the menu group, then the product button.
.IP 2.
Load the product in a ZR-PAN, centered on the rack, and close the door.
.IP 3.
Press START. Each recipe runs up to 6 stages; each stage sets time, percent microwave and percent fan.
.IP 4.
At the end of the cook the oven beeps three times and shows DONE. Remove the pan with the paddle within 10 seconds, because the cavity stays hot.
.PP
Factory recipes: 6 in toasted sub 55 seconds; 10 in flatbread 70 seconds; warm cookie 35 seconds.
Cook times may only be changed in the manager menu (SETTINGS, PIN 4-7-4-7).
.NH 2
Standby and shutdown
.PP
After 30 minutes with no cook the oven drops to standby at 350\(deF (177\(deC). Touch the screen and it is back at setpoint in about 4 minutes.
To shut down, press COOL DOWN. The blower runs with the door closed until the cavity is below 150\(deF (66\(deC), then the oven switches off.
\fBCAUTION:\fP Never unplug or switch off the breaker of a hot oven; the blower must keep running to cool the magnetrons and electronics.
.NH 1
Cleaning
.NH 2
Daily cleaning
.PP
Clean the ZR-16 at the end of every business day, and any time cheese or sauce has burned onto the cavity.
Use only Zephyra Oven Cleaner (ZR-CL1) and Zephyra Oven Guard (ZR-OG1).
.PP
\fBCAUTION:\fP Caustic oven cleaners (sodium hydroxide, lye, "heavy duty" degreasers) ruin the cavity coating and the catalyst and void the warranty.
.IP 1.
Press COOL DOWN. Wait until the cavity is below 150\(deF (66\(deC), about 40 minutes. Do not spray water or cleaner into a hot oven.
.IP 2.
Put on cleaning gloves and safety glasses.
.IP 3.
Lift out the wire rack, the lower jet plate and the crumb tray.
.IP 4.
Wash, rinse and sanitize those parts at the three-compartment sink and let them air dry. The rack and crumb tray may go through the dish machine; the lower jet plate must be hand washed.
.IP 5.
Wipe loose crumbs out of the cavity with a damp towel.
.IP 6.
Spray Zephyra Oven Cleaner onto a damp towel or white nylon pad, not directly into the cavity. Never spray into the holes of the top jet plate or onto the waveguide covers (the two white panels on the cavity side walls).
.IP 7.
Wipe the cavity walls, floor and the inside of the door. Leave the cleaner on heavy soil for 5 minutes.
.IP 8.
Scrub with a white nylon pad. Never use steel wool, metal scrapers or green scouring pads.
.IP 9.
Rinse with a clean damp towel at least twice, until no cleaner residue is left.
.IP 10.
Dry the cavity and door with a clean towel.
.IP 11.
Wipe a thin coat of Zephyra Oven Guard onto the cavity walls, floor and door inside with a towel. Keep it off the waveguide covers.
.IP 12.
Pull out the air filter below the door. Wash it in warm soapy water, rinse and let it dry completely.
.IP 13.
Refit the air filter, the crumb tray, the lower jet plate (tabs to the front) and the wire rack.
.IP 14.
Wipe the outside and the touchscreen with a damp cloth. Never spray liquid onto the touchscreen.
.IP 15.
If the store is still open, press ON/OFF and allow the full 18-minute warm-up before the next cook.
.NH 2
Weekly checks
.IP 1.
With the oven below 150\(deF (66\(deC), remove the catalyst screen at the top rear of the cavity and tap out loose debris over a trash can. Never wash, soak or spray chemicals on the catalyst.
.IP 2.
Look at the door seal and hinges. Report a torn seal, a loose hinge or a door that does not close flush to the manager and call Zephyra Service.
.NH 1
Fault codes
.NH 2
How fault codes are shown
.PP
When the ZR-16 detects a fault it stops the cook, shows the code in the red bar and beeps every 15 seconds until you press STOP.
The last 50 codes are stored under SETTINGS, SERVICE, FAULT LOG; read them to the technician when you call.
If a code comes back after you have done the steps in the table, stop using the oven and call Zephyra Service at 1-800-555-0187.
Food in the oven when a fault appeared must be checked with a thermometer before it is served.
.NH 2
Fault code table
.TS H
box tab(|);
lb | lb | lb
lw(0.5i) | lw(1.6i) | lw(3.3i).
Code|Meaning|What to do
_
.TH
E-11|T{
Cavity temperature sensor open or shorted. Heat and microwave switch off.
T}|T{
Switch the oven off with ON/OFF, wait 60 seconds and switch it on. If E-11 returns, the oven cannot be used; call Zephyra Service.
T}
_
E-12|T{
Cavity over-temperature: cavity above 560\(deF (293\(deC). Heaters lock out.
T}|T{
Do not open the door. Press COOL DOWN and let the blower run until the cavity is below 300\(deF (149\(deC), about 20 minutes. Check that the air filter is clean. If E-12 returns on the next warm-up, call Service.
T}
_
E-13|T{
Slow heat: the cavity did not reach setpoint within 25 minutes.
T}|T{
Check that the 30 A breaker is on. Check the setpoint (default 475\(deF). Remove any food or pans left in the cavity. Switch off for 60 seconds, switch on and allow the full 18-minute warm-up. Call Service if E-13 repeats.
T}
_
E-21|T{
Door interlock fault: the three door switches disagree. Microwave locked out.
T}|T{
Open the door fully and close it firmly. Wipe food and debris off the door latch and seal. Never tape, prop or bypass a switch. If E-21 stays on, stop using the oven and call Service.
T}
_
E-22|T{
Door opened during a cook. Cook paused.
T}|T{
Close the door and press START within 30 seconds to resume; after 30 seconds the cook is cancelled. Check the product temperature before serving.
T}
_
E-31|T{
Magnetron 1 (left) overheated or no current detected.
T}|T{
Press STOP. Run COOL DOWN for 30 minutes. Clean the air filter and check the 4 in (102 mm) rear clearance. Restart. If E-31 returns, call Service.
T}
_
E-32|T{
Magnetron 2 (right) overheated or no current detected.
T}|T{
Press STOP. Run COOL DOWN for 30 minutes. Clean the air filter and check the rear clearance. Restart. If E-32 returns, call Service.
T}
_
E-33|T{
Magnetron cooling fan fault. Microwave locked out to protect the magnetrons.
T}|T{
Switch off. Check that nothing blocks the air intake under the door (paper, towels, boxes). Switch on. If E-33 returns, do not run the oven; call Service.
T}
_
E-41|T{
Convection blower motor fault: blower speed below 800 rpm.
T}|T{
Switch off and let the oven cool below 150\(deF (66\(deC). Check the blower intake at the back of the cavity for parchment, paper or foil and remove it. Switch on. Call Service if E-41 returns.
T}
_
E-52|T{
Air filter clogged or missing (low cooling airflow).
T}|T{
Pull out the air filter below the door, wash it in warm soapy water, rinse, dry completely and refit it. Hold FILTER for 3 seconds to clear the code. The oven will not warm up without the filter.
T}
_
E-61|T{
Control compartment over-temperature: electronics above 158\(deF (70\(deC).
T}|T{
Check the clearances (2 in sides, 4 in rear, 6 in top) and that the oven is at least 18 in from a fryer or char-broiler. Check that the room is below 95\(deF (35\(deC). Run COOL DOWN for 20 minutes, then restart.
T}
_
E-71|T{
Menu card could not be loaded.
T}|T{
Remove and reinsert the USB menu card. The card must be FAT32 and hold a file named ZRMENU.ZRM. The oven keeps the previous menu. Ask the manager for a new card from the brand.
T}
_
E-85|T{
Catalyst high back-pressure: exhaust air through the catalytic converter is restricted.
T}|T{
Let the oven cool below 150\(deF (66\(deC). Remove the catalyst screen at the top rear of the cavity and tap out loose debris over a trash can. Never wash, soak or spray chemicals on the catalyst. Refit and restart. Call Service if E-85 returns within a week.
T}
_
E-94|T{
Low supply voltage: below 190 V at start-up.
T}|T{
Check that the oven is plugged directly into its own 30 A receptacle (no extension cord or adapter). Tell the manager; an electrician must check the supply. Do not keep restarting the oven.
T}
.TE
.NH 2
Not a fault
.IP \(bu
Steam from the door vent during a cook is normal.
.IP \(bu
The blower keeps running for up to 40 minutes after COOL DOWN; this is normal.
.IP \(bu
A soft clicking sound during microwave stages is the magnetrons cycling.
.NH 1
Service and warranty
.PP
Call Zephyra Service at 1-800-555-0187 for any fault that returns after the steps in section 6.2, for a damaged door, or for any burning smell from the back of the oven.
The ZR-16 warranty covers parts and labor for 2 years and the magnetrons for 3 years from installation.
The warranty does not cover damage from caustic cleaners, missing air filters, extension cords or a washed catalyst.
EOF
