#!/bin/sh
# brassmoor-pf640-pressure-fryer.sh - writes brassmoor-pf640-pressure-fryer.pdf beside it.
# Invented manual (Brassmoor PF-640 is not a real product) for Line Lead dev tests (m3).
# Needs groff with the pdf device (apt-get install groff).
#     sh tests/data/dev-manuals3/brassmoor-pf640-pressure-fryer.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/brassmoor-pf640-pressure-fryer.pdf"
groff -t -ms -Tpdf > "$OUT" <<'EOF'
.nr HY 0
.nr PS 10
.nr VS 12
.ds LH Brassmoor PF-640 Electric Pressure Fryer
.ds CH
.ds RH Operator Manual
.ds LF Publication PF640-OM \- Rev. C (04/2025)
.ds CF
.ds RF Page \\n%
.na
.TL
Brassmoor PF-640 Electric Pressure Fryer
.br
Operation and Care Manual
.AU
Brassmoor Foodservice Equipment \- Publication PF640-OM, Revision C, April 2025
.AI
(invented product, Line Lead test fixture)
.PP
This manual covers the Brassmoor PF-640, a single-vat electric pressure fryer for bone-in chicken and other breaded products.
The PF-640 cooks under steam pressure with the lid locked, which cooks bone-in chicken faster and keeps it moist.
It is written for trained crew, crew trainers and shift leads.
Keep it near the fryer.
Brassmoor Service answers 24 hours a day at 1-800-555-0143; have the serial number from the data plate inside the lower front door ready.
.NH 1
Safety
.NH 2
Signal words
.PP
\fBDANGER\fP means a hazard that will cause death or serious injury.
\fBWARNING\fP means a hazard that could cause death or serious injury.
\fBCAUTION\fP means a hazard that could cause minor injury or damage to the fryer.
.NH 2
Safety rules
.NH 3
Lid and pressure
.PP
\fBDANGER:\fP Never try to open, force or pry the lid while the pressure gauge reads above 0 psi. The lid lock releases only below 1 psi (7 kPa). Opening a pressurized fryer throws scalding oil and steam over the operator.
.PP
\fBDANGER:\fP Never plug, weight, tie down or remove the safety relief valve, and never put anything on the deadweight valve cap. They are the only protection against an over-pressure explosion.
.PP
\fBWARNING:\fP Stand to the side of the fryer, not in front of it, when the lid unlocks at the end of a cook. A puff of steam leaves the pot as the lid rises.
.NH 3
Hot oil
.PP
\fBWARNING:\fP Cooking oil in the PF-640 runs at up to 375\(deF (191\(deC). Wear the heat-resistant gloves and apron when you load, filter or drain. Never let water, ice or wet cleaning cloths into hot oil.
.PP
\fBCAUTION:\fP Never switch on the heat with the vat empty or the oil below the lower FILL line; the elements burn out and the high-limit trips (E-12).
.NH 1
Specifications
.NH 2
Specification table
.PP
Figures are for the standard PF-640 sold in North America.
.TS
box center tab(|);
lb | lb
l | l.
Item|PF-640 specification
_
Fryer type|Electric pressure fryer, single vat, built-in filter
Oil capacity|48 lb (21.8 kg) of shortening or liquid oil
Maximum cook load|6 head of chicken (48 pieces, 8-piece cut), 18 lb (8.2 kg) raw
Rated voltage|208 V or 240 V, 3-phase, 60 Hz
Heating elements|17 kW (three 5.67 kW elements)
Current draw per line|47.2 A at 208 V; 40.9 A at 240 V
Circuit required|60 A breaker at 208 V; 50 A breaker at 240 V
Operating pressure|12 psi (83 kPa), set by the deadweight valve
Gauge normal band|11 to 13 psi (green zone)
Safety relief valve opens at|14.5 psi (100 kPa)
Lid unlocks below|1 psi (7 kPa)
Oil temperature range|250 to 375\(deF (121 to 191\(deC)
Default cook setpoint|340\(deF (171\(deC)
Idle setpoint|275\(deF (135\(deC) after 20 minutes with no cook
Melt cycle ends at|180\(deF (82\(deC)
Heat-up time|about 24 minutes from solid shortening to 340\(deF
High-limit cutoff|425\(deF (218\(deC), manual reset
Filter pump|1/3 hp, returns a full vat in about 4 minutes
Condensate box|2 qt (1.9 L); keep water at the WATER LINE
Dimensions (W x D x H)|19.5 x 38.5 x 47 in (495 x 978 x 1194 mm)
Height with lid raised|62 in (1575 mm)
Weight, empty|396 lb (180 kg)
Clearances|6 in (152 mm) sides and rear; under a listed exhaust hood
.TE
.NH 2
Electrical requirements
.PP
The PF-640 is permanently wired by a licensed electrician to its own 3-phase circuit.
Never share the circuit with another appliance.
If one of the three phases is lost the controller shows E-70 and the heat will not come on.
.NH 2
Installation
.PP
Install the fryer level, on its casters with the restraint chain fastened, under a listed exhaust hood.
Keep at least 6 in (152 mm) from walls and other equipment on the sides and rear, and 16 in (406 mm) from any open-flame appliance unless a splash guard is fitted.
.NH 1
Controls and pressure components
.NH 2
Control panel
.PP
The control panel has the POWER switch, a 4-line display, program keys P1 to P6, the COOK key, the STOP key, the FILTER key and the PUMP switch.
Fault codes flash on the top line of the display with a steady alarm tone.
.NH 2
Pressure components
.IP \(bu
\fBDeadweight valve\fP (on the rear of the lid): a weighted cap that holds the pot at 12 psi and lets the extra steam out.
.IP \(bu
\fBSafety relief valve\fP (on the left of the lid): opens at 14.5 psi if the deadweight valve sticks.
.IP \(bu
\fBPressure gauge\fP (on top of the lid): green zone 11 to 13 psi.
.IP \(bu
\fBCondensate box\fP (behind the vat, lift-out): cools the exhaust steam into water. It must hold water up to the WATER LINE during cooking.
.NH 1
Operation
.NH 2
Daily start-up
.IP 1.
Check that the drain valve handle is fully closed (pushed up) and the filter pan is pushed fully in.
.IP 2.
Check that the oil is between the lower and upper FILL lines on the rear of the vat.
.IP 3.
Empty the condensate box, rinse it and refill it with cold water to the WATER LINE (about 1 qt).
.IP 4.
Switch POWER on. With solid shortening the fryer runs the melt cycle first (see 4.1.1).
.IP 5.
Wait for READY on the display, about 24 minutes from solid shortening. Do not load product before READY.
.NH 3
Melt cycle
.PP
When the oil is below 180\(deF (82\(deC) the controller pulses the elements on and off so that solid shortening melts without scorching.
The display shows MELT. Do not stir the shortening with a metal tool and do not bypass the melt cycle; it ends by itself at 180\(deF (82\(deC).
.NH 2
Cooking a load
.IP 1.
Lower the loaded carrier rack into the oil with the lifting handle. Never load more than 6 head (48 pieces).
.IP 2.
Lower the lid, pull it forward and turn the lid spindle clockwise until it stops and the latch arm sits fully over the pot rim.
.IP 3.
Press the program key (P1 full load 12 minutes; P2 half load of 3 head 10 minutes 30 seconds; P3 wings 7 minutes), then COOK.
.IP 4.
The pot builds pressure in about 2 minutes. Check that the gauge reaches the green zone (11 to 13 psi).
.IP 5.
At the end of the cook the fryer vents the steam through the condensate box and the display shows DONE when the pressure is below 1 psi. Stand to the side, turn the spindle counter-clockwise and raise the lid.
.IP 6.
Lift the carrier, let it drain for 15 seconds and check the thickest piece: at least 165\(deF (74\(deC).
.NH 2
Idle and shutdown
.PP
After 20 minutes with no cook the oil drops to the 275\(deF (135\(deC) idle setpoint; press any program key to heat back to 340\(deF.
At close, filter the oil (section 5), switch POWER off and leave the lid raised so that moisture can escape overnight.
.NH 1
Filtering
.PP
Filter after every 4 loads; the display shows FILTER NOW.
Filter only when the oil is between 300 and 350\(deF (149 and 177\(deC) and the lid is raised.
.IP 1.
Switch POWER off and put on the heat-resistant gloves, apron and face shield.
.IP 2.
Check that the filter pan is fully in, then pull the drain handle down slowly. The oil drains into the filter pan.
.IP 3.
Scrape the vat walls with the L-brush and let the crumbs wash down into the pan.
.IP 4.
Push the drain handle up to close it and switch the PUMP switch to FILL. The vat refills in about 4 minutes.
.IP 5.
When bubbles appear in the vat, switch the PUMP off, top up to the upper FILL line if needed and switch POWER on.
.NH 1
Cleaning
.NH 2
Daily cleaning
.PP
Do the daily cleaning at close, after the last filter.
.PP
\fBCAUTION:\fP Use only Brassmoor Fryer Cleaner (PF-CL4) and Brassmoor BoilOut (PF-BO2). Chlorine cleaners and oven cleaners attack the lid gasket and the vat.
.IP 1.
Make sure POWER is off, the gauge reads 0 psi and the lid is raised.
.IP 2.
Clean the deadweight valve:
.RS
.IP a.
Unscrew the deadweight cap counter-clockwise by hand (it is hot; wear gloves).
.IP b.
Lift out the weight and wash the weight, cap and valve seat in hot water with PF-CL4.
.IP c.
Dry the parts and put them back. Never oil or grease the weight or the seat.
.RE
.IP 3.
Clean the lid gasket:
.RS
.IP a.
Wipe the gasket with a cloth soaked in hot water and PF-CL4; remove all breading.
.IP b.
Look for cuts, flat spots or a gasket that sits out of its groove; report them to the manager.
.RE
.IP 4.
Empty the condensate box into a floor drain, rinse it and refill to the WATER LINE.
.IP 5.
Change the filter paper:
.RS
.IP a.
Pull out the filter pan and let it cool for 10 minutes.
.IP b.
Lift out the crumb basket, hold-down ring and filter paper; throw the paper away.
.IP c.
Wash the pan, basket and ring at the sink, dry them completely and fit a new sheet of paper.
.RE
.IP 6.
Wipe the outside, the control panel and the lid with a damp cloth. Never spray water at the control panel.
.NH 2
Weekly boil-out
.PP
\fBDANGER:\fP Never close or lock the lid during boil-out. Boiling water under pressure erupts when the lid is opened.
.IP 1.
Drain the oil into the disposal shuttle (not the filter pan) and let the vat cool below 100\(deF (38\(deC).
.IP 2.
Close the drain, fill the vat with water to the upper FILL line and add one packet of PF-BO2.
.IP 3.
Hold STOP and P6 together for 3 seconds to start BOIL-OUT. The controller holds the solution at 195\(deF (91\(deC) for 20 minutes.
.RS
.IP a.
Keep the lid raised for the whole boil-out.
.IP b.
Scrub the vat walls and elements with the soft vat brush.
.RE
.IP 4.
Drain the solution into a bucket, never into the filter pan.
.IP 5.
Rinse the vat twice with clean water, then once with 1 gal of water and 1 cup of white vinegar to neutralize the cleaner.
.IP 6.
Dry the vat, elements and drain completely with clean towels before adding oil. Any water left in the vat makes the new oil foam and boil over.
.NH 1
Maintenance schedule
.TS
box center tab(|);
lb | lb | lb
l | lw(3.0i) | l.
Interval|Task|Who
_
Every 4 loads|Filter the oil (section 5)|Crew
Daily|T{
Clean deadweight valve and lid gasket; empty and refill condensate box; change filter paper
T}|Crew
Daily|T{
Test the oil with the oil test strip; change the oil at 2.5 or above
T}|Crew
Weekly|Boil-out (section 6.2)|Crew
Weekly|T{
Wipe oil from the safety relief valve; check the gauge reads 0 psi cold
T}|Shift lead
Monthly|T{
Turn the lid gasket over to even out wear; check the filter pan O-ring
T}|Shift lead
Monthly|T{
Lubricate the lid spindle with food-grade lubricant
T}|Shift lead
Every 6 months|Replace the lid gasket|Shift lead
Yearly|T{
Replace safety relief valve and calibrate the controller
T}|Brassmoor Service
.TE
.NH 1
Fault codes
.NH 2
How fault codes are shown
.PP
A fault code flashes on the display and the alarm sounds until you press STOP.
Any cook in progress stops and the fryer vents.
Check the internal temperature of any food that was cooking when a code appeared before you serve it.
If a code returns after the steps below, stop using the fryer and call Brassmoor Service at 1-800-555-0143.
.NH 2
Fault code table
.TS H
box tab(|);
lb | lb | lb
lw(0.5i) | lw(1.6i) | lw(3.3i).
Code|Meaning|What to do
_
.TH
E-10|T{
Oil temperature probe open or shorted. Heat off.
T}|T{
Switch POWER off, wait 30 seconds, switch it on.
.br
If E-10 returns, do not cook; call Service.
T}
_
E-12|T{
High-limit tripped: oil above 425\(deF (218\(deC). Heat locked out.
T}|T{
Switch POWER off. Do not open the lid until the gauge reads 0 psi.
.br
Let the oil cool below 300\(deF (149\(deC) and check the oil level.
.br
Press the red high-limit reset button behind the lower front door once. If it trips again, call Service.
T}
_
E-14|T{
Slow heat-up: oil did not reach setpoint within 35 minutes.
T}|T{
Check that all three breakers are on and the drain handle is fully up.
.br
Check the oil level. Switch POWER off and on. Call Service if E-14 repeats.
T}
_
E-21|T{
Lid not latched; the cook will not start.
T}|T{
Lower the lid fully and turn the spindle clockwise until it stops.
.br
Wipe breading off the lid switch striker at the right rear of the pot rim. Press COOK again.
T}
_
E-22|T{
Pressure not released: above 1 psi 3 minutes after the end of the cook. Lid stays locked.
T}|T{
Never force the lid. Leave it locked and stand clear.
.br
Press STOP. Check that the condensate box is in place and not overfilled.
.br
Wait for the gauge to read 0 psi. If it is not at 0 psi within 10 minutes, switch POWER off and call Service.
T}
_
E-31|T{
Low pressure: below 9 psi 3 minutes into the cook.
T}|T{
Let the cook finish and check the thickest piece reaches 165\(deF (74\(deC).
.br
Clean the deadweight valve and seat. Check the lid gasket is seated in its groove and not torn.
.br
Call Service if E-31 repeats on the next load.
T}
_
E-32|T{
Over-pressure: above 14 psi. The safety relief valve may vent steam.
T}|T{
Step back from the fryer. Do not touch the lid or the valves.
.br
Let the fryer vent until the gauge reads 0 psi.
.br
Clean the deadweight valve before the next pressure cook; a stuck weight causes over-pressure. Call Service if E-32 repeats.
T}
_
E-41|T{
Low oil level: oil below the lower FILL line. Heat locked out.
T}|T{
Raise the lid. Add fresh oil slowly until the level is between the FILL lines.
.br
Press STOP to clear.
T}
_
E-45|T{
Drain valve open. Heat locked out.
T}|T{
Push the drain handle fully up until it clicks.
.br
Check that no crumbs or carrier parts hold the valve open.
T}
_
E-51|T{
Filter pump motor overload (thermal trip).
T}|T{
Switch the PUMP off and wait 20 minutes for the motor to cool.
.br
Press the black reset button on the pump motor, behind the filter pan.
.br
Change a clogged filter paper before you pump again.
T}
_
E-52|T{
Filter pan not in place.
T}|T{
Push the filter pan fully in until the pan switch clicks.
.br
Check that the pan is not bent and the crumb basket sits flat.
T}
_
E-53|T{
Slow oil return: vat not above the lower FILL line 6 minutes after FILL started.
T}|T{
Change the filter paper and empty the crumb basket.
.br
Check the O-ring on the pan connection; replace it if it is cracked or missing.
.br
Push the pan fully in and run FILL again.
T}
_
E-60|T{
Control compartment over-temperature: above 160\(deF (71\(deC).
T}|T{
Check the 6 in (152 mm) side and rear clearance and that the louvers are not blocked.
.br
Switch POWER off for 15 minutes, then on.
T}
_
E-70|T{
Phase loss: one of the three supply phases is missing.
T}|T{
Check all three breakers. Tell the manager; an electrician must check the supply.
.br
Do not keep switching the fryer on and off.
T}
.TE
.NH 1
Troubleshooting by symptom
.NH 2
Chicken greasy or pale
.IP 1.
Product was loaded before READY, or more than 6 head was loaded. Wait for READY and keep to the load limit.
.IP 2.
The gauge stayed below the green zone (E-31). Clean the deadweight valve and check the lid gasket.
.IP 3.
The oil is worn. Test it and change it at 2.5 or above on the test strip.
.NH 2
Dark outside, underdone at the bone
.IP 1.
Check the setpoint is 340\(deF (171\(deC) and the right program key was used.
.IP 2.
Check the oil with a calibrated thermometer; if it is more than 10\(deF (6\(deC) above the setpoint, stop cooking and call Service.
.IP 3.
Change dark, broken-down oil.
.NH 2
Oil foams up or boils over
.IP 1.
Press STOP and keep the lid closed until the gauge reads 0 psi; never open the lid on foaming oil under pressure.
.IP 2.
Product was wet or still had ice on it; shake off ice and drain marinated product before loading.
.IP 3.
Water or cleaner was left after boil-out; the vat must be rinsed, neutralized and dried.
.IP 4.
The oil is worn out; change it.
.NH 2
Steam or oil spits around the lid
.IP 1.
The lid gasket is torn, flattened or out of its groove; reseat it, turn it over or replace it.
.IP 2.
The spindle was not turned fully clockwise; stop the cook, wait for 0 psi and relatch.
.NH 2
Lid will not open after the cook
.IP 1.
The pot is still under pressure; wait for DONE and 0 psi. Never force the lid (see E-22).
.IP 2.
If the gauge reads 0 psi but the lid stays locked for more than 2 minutes, switch POWER off and call Service.
.NH 2
No display at all
.IP 1.
Check the POWER switch and all three breakers; if one breaker keeps tripping, do not reset it again and call Service.
.NH 1
Service and warranty
.PP
Call Brassmoor Service at 1-800-555-0143 for any code that returns, for steam or oil leaking from the safety relief valve in normal cooking, or for a gauge that does not read 0 psi when the fryer is cold.
The PF-640 warranty covers parts and labor for 2 years and the vat for 10 years.
It does not cover damage from chlorine cleaners, a plugged or tampered relief valve, or boil-out with the lid locked.
EOF
