#!/bin/sh
# harlow-hm20-planetary-mixer.sh - writes harlow-hm20-planetary-mixer.pdf beside it.
# Invented manual (Harlow HM-20 is not a real product) for Line Lead ingest tests (m13):
# "SECTION n -" headings without numbering macros, a two-column spec table, a
# fault table whose cells wrap, lettered steps, DANGER/WARNING/CAUTION, page
# furniture with a URL and a revision line.  Needs groff (apt-get install groff).
#     sh tests/data/blind-manuals13/harlow-hm20-planetary-mixer.sh
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/harlow-hm20-planetary-mixer.pdf"
groff -t -ms -Tpdf > "$OUT" <<'EOF'
.nr HY 0
.nr PS 10
.nr VS 12
.ds LH HARLOW HM-20 MIXER
.ds CH
.ds RH Owner's Manual
.ds LF HM20-OM Rev. B 03/2025
.ds CF www.harlowmixers.example
.ds RF Page \\n%
.na
.TL
Harlow HM-20 Planetary Mixer
.br
Owner's Manual \- Installation, Operation and Care
.PP
The Harlow HM-20 is a 20-quart bench planetary mixer for dough, batter, icing and whipped toppings.
Read this manual before you use the mixer and keep it at the prep station.
For service call Harlow Service at 1-800-555-0177 with the serial number from the plate on the base.
.LP
.B "SECTION 1 \(em SAFETY"
.PP
\fBDANGER:\fP Unplug the mixer before you remove the bowl guard, change attachments or clean it. The motor can start without warning if the guard interlock is bypassed.
.PP
\fBWARNING:\fP Never reach into the bowl, scrape the bowl or add ingredients by hand while the agitator is turning. Stop the mixer first.
.PP
\fBCAUTION:\fP The mixer weighs 210 lb. Two people are needed to move it. Do not lift it by the bowl arms.
.LP
.B "SECTION 2 \(em SPECIFICATIONS"
.PP
.TS
tab(|);
l l.
Bowl capacity|20 qt (19 L), stainless steel
Motor|1/2 hp, thermal overload protected
Electrical|115 V, 60 Hz, 1 phase, 8.5 amps, NEMA 5-15P cord
Agitator speeds|Speed 1: 104 rpm, Speed 2: 185 rpm, Speed 3: 325 rpm
Maximum dough batch|15 lb at 50% absorption, speed 1 only
Timer|0 to 15 minutes
Weight|210 lb (95 kg)
Clearance|4 in (10 cm) at the back and sides for the motor vents
.TE
.LP
.B "SECTION 3 \(em OPERATION"
.PP
.B "3.1 Installing the Bowl and Agitator"
.IP a)
Lower the bowl support with the lift handle until it stops.
.IP b)
Set the bowl on the bowl support so the pins go through the holes in the bowl ears, then push the back of the bowl into the clip.
.IP c)
Slide the agitator onto the shaft, turn it to the right until it locks on the pin.
.IP d)
Raise the bowl with the lift handle until it locks in the mixing position, then close the bowl guard.
.PP
.B "3.2 Choosing a Speed"
.PP
Change speeds only when the mixer is stopped. Changing speed while the agitator turns damages the gear train.
Use speed 1 for bread and pizza dough and for mixing in dry ingredients.
Use speed 2 for cake batter, mashed potatoes and icing.
Use speed 3 only for light loads such as whipping cream and egg whites, never for dough.
.LP
.B "SECTION 4 \(em CLEANING"
.PP
.B "4.1 Daily Cleaning"
.IP 1.
Press STOP and unplug the mixer.
.IP 2.
Lower the bowl, take off the agitator and remove the bowl.
.IP 3.
Wash the bowl, agitator and bowl guard in warm detergent water, rinse, sanitize and let them air dry.
.IP 4.
Wipe the mixer head, column and base with a damp cloth and sanitizer. Wipe the drip cup under the planetary shaft.
.IP 5.
Never hose down the mixer and never put the mixer head in water.
.PP
.B "4.2 Weekly Checks"
.PP
Check that the mixer will not start with the bowl guard open. If it starts with the guard open, take it out of service and call Harlow Service.
Look for oil under the planetary shaft. A few drops are normal; a puddle means the gearbox seal is leaking.
The gearbox is greased by Harlow Service once a year. Do not add grease or oil yourself.
.LP
.B "SECTION 5 \(em TROUBLESHOOTING AND FAULT CODES"
.PP
The display shows a fault code and stops the motor. Clear the cause, then press RESET and START.
.TS
tab(|) allbox;
l l lw(1.6i) lw(2.4i).
Code|Display|Cause|What to do
E01|OVERLOAD|T{
Motor overloaded by a stiff dough or too large a batch
T}|T{
Stop the mixer, remove part of the batch (15 lb of dough at most), wait 5 minutes for the overload to cool, then restart on speed 1.
T}
E02|GUARD OPEN|T{
Bowl guard not fully closed, or the interlock magnet is dirty
T}|T{
Close the guard until it clicks. Clean the interlock magnet on the guard with a damp cloth.
T}
E03|BOWL DOWN|T{
Bowl not raised to the mixing position
T}|T{
Raise the bowl with the lift handle until it locks.
T}
E04|SHIFT|T{
Speed changed while the agitator was turning
T}|T{
Press STOP, wait until the agitator stops, select the speed, press START.
T}
E07|OVERHEAT|T{
Motor above 105 \(deC, often from blocked vents
T}|T{
Turn the mixer off and let it cool 30 minutes. Keep 4 in of clearance at the vents. Call service if it happens again.
T}
E09|TIMER FAULT|T{
Control board fault
T}|T{
Do not use the mixer. Call Harlow Service at 1-800-555-0177.
T}
.TE
.PP
.B "Mixer will not start, no code."
Check that the cord is plugged in and the breaker is on, the bowl is up and the guard is closed.
.PP
.B "Loud grinding noise from the head."
Stop the mixer at once and do not run it again. Call Harlow Service; the gear train may be damaged.
EOF
echo "wrote $OUT"
