"""End-to-end: what a crew member sees through nginx for the answers that
matter most (docs/ANSWERS.md).  The shipped knowledge base is loaded by the
stack; every expectation is read from kb/ here, not written into the test,
so a change of a procedure's wording moves the test with it.

- an emergency in crew words gets its tagged procedure first, whole and in
  order, never "couldn't find";
- a two-part question gets the procedure first and the other part after;
- a model no manual covers is admitted first;
- a follow-up keeps the thread's subject.
"""
import os
import re

from harness import check, expect_ok_json

KB = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "kb")


def _section(file, heading):
    """(first sentence, numbered steps) of one kb section."""
    with open(os.path.join(KB, file), encoding="utf-8") as f:
        text = f.read()
    body = text.split("## " + heading + "\n", 1)[1].split("\n## ", 1)[0]
    lines = [l.strip() for l in body.splitlines() if l.strip()]
    prose = [l for l in lines if not re.match(r"^(\d+\.|-|DANGER|WARNING|CAUTION)", l)]
    steps = [re.sub(r"^\d+\.\s+", "", l) for l in lines if re.match(r"^\d+\.\s", l)]
    return prose[0], steps


def _upload(h, title, content, category="equipment"):
    """Uploads one manual through the API, as an operator does."""
    r = h.post_json("/documents", {"title": title, "category": category, "content": content},
                    key=h.admin_key, source=h.source())
    check(r.status in (200, 201), f"upload: HTTP {r.status} {r.body[:200]!r}")


def _ask(h, message, conversation=None):
    body = {"message": message}
    if conversation:
        body["conversation_id"] = conversation
    return expect_ok_json(h.post_json("/chat/production", body, key=h.chat_key, source=h.source()))


def test_a_code_the_named_machines_manual_lacks_is_admitted(h):
    # "churro warmer" names the churro warmer's manual, not every warmer's.  First
    # in this file: a broad question's search reads the first 100 chunks the index
    # yields, so the manuals later tests upload would crowd the churro warmer's out
    _upload(h, "Hollin HW-3 Churro Warmer",
            "# Hollin HW-3 Churro Warmer\n\n## Error Codes\n\n### H1: Heater open\n\n"
            "Call service.\n\n### H2: Fan stalled\n\nClear the fan.\n")
    _upload(h, "Brisko BR-6 Soup Warmer",
            "# Brisko BR-6 Soup Warmer\n\n## Error Codes\n\n### H9: Well boiled dry\n\n"
            "Add water to the well.\n")
    a = _ask(h, "churro warmer keeps showing H9")
    check("don't have" in a["response"][:120] and "boiled dry" not in a["response"],
          f"another warmer's H9 answered the churro warmer's: {a['response'][:200]!r}")


def test_emergency_in_crew_words_leads_with_its_procedure(h):
    summary, steps = _section("safety-emergency-procedures.md", "Electric Shock")
    a = _ask(h, "my buddy got zapped by the outlet behind the fryers")
    check(a["response"].startswith(summary), f"the shock procedure does not lead: {a['response'][:200]!r}")
    check(a["steps"][:len(steps)] == steps, f"the procedure is not whole and in order: {a['steps']!r}")
    check("couldn't find" not in a["response"], "an emergency got 'couldn't find'")
    check(a["agent_used"] == "safety" and a["escalate"], f"agent {a['agent_used']}, escalate {a['escalate']}")
    check(any(c["section"] == "Electric Shock" for c in a["citations"]), f"not cited: {a['citations']!r}")


def test_two_part_emergency_procedure_first(h):
    summary, steps = _section("safety-grease-fire.md", "Grease Fire Steps in Order")
    a = _ask(h, "flames in the fry vat!! and do we toss the fries that were in the basket")
    check(a["response"].startswith(summary), f"the fire procedure does not lead: {a['response'][:200]!r}")
    check(a["steps"][:len(steps)] == steps, "the fire procedure is not whole and in order")
    check("pilot" not in " ".join(a["steps"]).lower(), "a step that contradicts the procedure")


def test_unknown_model_is_admitted_first(h):
    a = _ask(h, "zentrix ZX-700 fryer keeps beeping what do i do")
    check(a["response"].startswith("I don't have the manual for the Zentrix ZX-700"),
          f"no admission first: {a['response'][:200]!r}")


def test_follow_up_keeps_the_subject(h):
    first = _ask(h, "how hot do fish fillets need to get")
    check("145" in first["response"], f"the fish figure does not lead: {first['response'][:200]!r}")
    a = _ask(h, "and chicken?", first["conversation_id"])
    check("165" in a["response"], f"the follow-up lost the subject: {a['response'][:200]!r}")


QUORRA = """# Quorra QB-5 Bun Toaster — Operator Guide

## 3. Cleaning

### 3.2 Deep clean (weekly)

This takes about 40 minutes. You need the QB-5 brush and a bucket of warm detergent water.

#### 3.2.1 Cool down

1. Press STANDBY and wait until the platen reads below 120°F.
2. Unplug the toaster.

#### 3.2.2 Scrub

1. Lift out the conveyor belt and soak it in the detergent water.
2. Scrub the platen with the QB-5 brush.

## 5. Fault codes

### Q7: Belt motor stalled

Meaning: the conveyor belt did not turn for 10 seconds.

1. Switch the toaster off and clear any bun caught under the belt.
2. Switch it on again.

If Q7 comes back after the restart, stop using the toaster and call Quorra service at 1-800-555-0177.
"""


def _quorra(h):
    _upload(h, "Quorra QB-5 Bun Toaster", QUORRA)


def test_parent_section_reads_its_subsections(h):
    _quorra(h)
    a = _ask(h, "how do i do the weekly deep clean on the quorra")
    check(any("STANDBY" in s for s in a["steps"][:3]) and any("Scrub the platen" in s for s in a["steps"]),
          f"the subsections' steps are missing: {a['steps']!r}")


def test_code_that_came_back_leads_with_the_next_step(h):
    _quorra(h)
    first = _ask(h, "quorra toaster showing Q7")
    a = _ask(h, "restarted it and its still Q7", first["conversation_id"])
    check(a["response"].startswith("If Q7 comes back after the restart, stop using the toaster"),
          f"the fix was tried; the lead should say what next: {a['response'][:200]!r}")


def test_follow_up_to_an_emergency_keeps_its_procedure_first(h):
    summary, _ = _section("safety-burns-first-aid.md", "First Aid for a Burn: Cool Running Water for 20 Minutes")
    first = _ask(h, "hot water from the brewer got my wrist")
    a = _ask(h, "it quit hurting after a couple minutes, ok to turn the tap off?", first["conversation_id"])
    check(a["response"].startswith(summary.split(".")[0]),
          f"the burn's procedure does not lead the follow-up: {a['response'][:200]!r}")


def test_reading_is_held_against_the_limit(h):
    a = _ask(h, "burger temped at 150 on the flat top, ok to send out?")
    check(a["response"].startswith("No, 150\u00b0F is below the 155\u00b0F minimum"),
          f"the verdict and the reading against the rule do not come first: {a['response'][:200]!r}")


def test_machine_no_manual_mentions_is_admitted_first(h):
    a = _ask(h, "whats the right setting on the rotisserie for whole birds")
    check(a["response"].startswith("I don't have the manual for the Rotisserie"),
          f"a machine no manual mentions got another's answer: {a['response'][:200]!r}")


def test_topic_no_manual_holds_is_admitted_first(h):
    a = _ask(h, "can guests pay with venmo at the window")
    check(a["response"].startswith('I don\'t have anything on "venmo" in this store\'s manuals'),
          f"a topic no manual covers got a nearby section first: {a['response'][:200]!r}")


def test_a_coworkers_name_is_no_topic_the_manuals_lack(h):
    a = _ask(h, "tyrone keeps forgetting to wash his hands after taking out trash, what do i tell him")
    check("don't have anything on" not in a["response"] and "tyrone" not in a["response"].lower(),
          f"a crew member's name was taken for a subject no manual covers: {a['response'][:200]!r}")
    check("wash" in a["response"].lower(), f"the handwashing rule does not lead: {a['response'][:200]!r}")


ZYPHON = """# Zyphon ZT-3 Toaster: Training Card

## Clearing a Zyphon Belt Jam

1. Press STOP on the Zyphon and let the belt cool for 5 minutes.
2. Lift the crumb guard and pull the jammed bun out with tongs.
3. Press START and watch one bun pass through before loading more.
"""


def test_agents_consulted_name_the_lead_sections_agent(h):
    _upload(h, "Zyphon ZT-3 Toaster: Training Card", ZYPHON, category="training")
    a = _ask(h, "zyphon toaster belt jammed how do i clear it")
    check(a["steps"][:1] == ["Press STOP on the Zyphon and let the belt cool for 5 minutes."],
          f"the training card does not answer: {a['steps']!r}")
    check(a["agent_used"] == "equipment" and a["agents_consulted"] == ["equipment", "training"],
          f"routed {a['agent_used']}, consulted {a['agents_consulted']}: the training manual that answered "
          "is not named")


BRINDLEMOOR = """# Brindlemoor BX-5 Slush Freezer Operator Manual

## Morning Start

1. Switch the MAIN toggle to ON and wait for the barrel light to turn green.
2. Pour chilled syrup mix up to the fill mark on the hopper.
3. Press FREEZE and wait about 25 minutes for slush.

## Nightly Shutdown

1. Press OFF and drain the barrel into a bucket.
2. Rinse the barrel with warm water until it runs clear.
"""


def test_a_manual_named_by_its_brand_answers(h):
    _upload(h, "Brindlemoor BX-5 Slush Freezer Operator Manual", BRINDLEMOOR)
    a = _ask(h, "morning opening checklist steps for the brindlemoor")
    cited = [c.get("title", "") for c in a.get("citations", [])]
    check(cited[:1] == ["Brindlemoor BX-5 Slush Freezer Operator Manual"],
          f"the machine named by its brand is answered from other manuals: {cited!r}, "
          f"{a['response'][:160]!r}")


# A manual whose title names its model holds that code in every section's
# heading; its E9 comes after 34 other sections.
QS7 = "# Quarrow QS-7 Portion Scale Operator Manual\n\n" + "".join(
    f"## {n}. Care point {n}\n\nWipe panel {n} with a damp cloth and dry it before each shift.\n\n"
    for n in range(1, 35)) + (
    "## E9: Load cell fault\n\nLift off the platter, check that nothing touches it, refit it "
    "and recalibrate with the 5 lb test weight.\n\n"
    "## 35. Service\n\nQuarrow service line: 1-800-555-0177. Have the serial number ready.\n")


_qs7_loaded = []


def _qs7(h):
    if _qs7_loaded:
        return
    _upload(h, "Quarrow QS-7 Portion Scale Operator Manual", QS7)
    _qs7_loaded.append(True)


def test_a_code_is_found_past_its_manuals_other_sections(h):
    _qs7(h)
    a = _ask(h, "qs-7 shows E9 and the beeper wont quit")
    check(a["response"].startswith("E9") and "platter" in a["response"][:200],
          f"the model's own E9 does not lead: {a['response'][:200]!r}")


def test_a_code_of_the_named_model_is_its_own(h):
    # "probe" names a machine (a thermometer); the scale's manual names none, but the
    # question names its model (lower case, no hyphen) and its brand
    _qs7(h)
    for q in ("qs7 says E9 when i set the soup on it to probe it",
              "quarrow scale says E9, the probe on the soup reads fine"):
        a = _ask(h, q)
        check(a["response"].startswith("E9") and "platter" in a["response"][:200],
              f"{q!r}: the named model's E9 does not lead: {a['response'][:200]!r}")


def test_a_known_time_warm_is_ruled_on_by_its_time(h):
    # the 4-hour rule's own bullets, read from kb/
    with open(os.path.join(KB, "safety-warm-walk-in-cooler.md"), encoding="utf-8") as f:
        text = f.read()
    kept = next(l for l in text.splitlines() if "less than 4 hours" in l)
    kept = kept.lstrip("- ").split(":")[0]
    a = _ask(h, "walk in cooler sat at 47 for 2 hours, can we keep whats in it")
    check(a["response"].startswith("Yes, 2 hours is within the 4-hour limit") and
          kept in a["response"][:400],
          f"the time the crew know does not decide: {a['response'][:300]!r}")
    a = _ask(h, "walk in cooler sat at 47 for 5 hours, can we keep whats in it")
    check(a["response"].startswith("No, 5 hours is past the 4-hour limit"),
          f"five hours warm is not past the limit: {a['response'][:300]!r}")


def test_a_named_machines_other_part_is_its_own(h):
    # twenty other service numbers crowd a search for "service number" alone; the
    # model the first part names is searched with the second
    _qs7(h)
    directory = "# District Contacts\n\n" + "".join(
        f"## District {n}\n\nFor service on any kitchen machine in district {n}, "
        f"call 1-800-555-02{n:02d}.\n\n" for n in range(1, 21))
    _upload(h, "District Contacts", directory)
    a = _ask(h, "qs-7 shows E9 again, and what number do i call for service")
    check(a["response"].startswith("E9") and "555-0177" in a["response"][:300],
          f"the named scale's service line is not its second part: {a['response'][:300]!r}")


def test_what_a_machine_is_for_does_not_name_its_manual(h):
    # "churros" is in the warmer's title after its model: what it is, not its name
    manual = ("# Brindle CW-3 Churro Warmer\n\n"
              "## 1. Loading\n\nLoad the churros in one layer on the rack.\n\n"
              "## 2. Holding\n\nHold churros for up to 2 hours, then discard them.\n")
    _upload(h, "Brindle CW-3 Churro Warmer", manual)
    a = _ask(h, "the kid on churros has a fever and a sore throat, does he have to go home")
    check("Sore throat with fever" in a["response"][:300] and "rack" not in a["response"],
          f"the illness rule does not lead: {a['response'][:300]!r}")


def test_a_two_part_figure_answers_its_first_part_first(h):
    manual = ("# Tamsin TG-2 Griddle\n\n## Specifications\n\n"
              "Default setpoint: 375°F (191°C).\n\nWarm-up time from cold: 25 minutes.\n")
    _upload(h, "Tamsin TG-2 Griddle", manual)
    a = _ask(h, "tg-2 how long to get hot from cold and whats the default temp")
    check(a["response"].startswith("Warm-up time from cold: 25 minutes") and
          "375" in a["response"][:200],
          f"the time asked first does not come first: {a['response'][:200]!r}")


def test_a_follow_up_keeps_the_reading_it_is_about(h):
    # the reading was said in the turn before; this turn says only that no one knows how long
    first = _ask(h, "our walk-in cooler is at 48 this morning")
    a = _ask(h, "nobody logged it last night, what about the food",
             conversation=first["conversation_id"])
    lead = a["response"][:200]
    check("48°F" in lead and "throw" in lead.lower(),
          f"the earlier turn's reading was not ruled on: {lead!r}")


def test_a_follow_up_on_food_being_cooled_is_held_to_the_cooling_step(h):
    # the first turn says the food is being cooled; the next one only the time and the
    # reading: past the first step's time and above its temperature, cooling has failed
    first = _ask(h, "cooling a big pot of beans down in the walk-in")
    a = _ask(h, "been 3 hours now and its at 95", conversation=first["conversation_id"])
    lead = a["response"][:260]
    check("has not reached 70" in lead and "165" in lead,
          f"the cooling step was not ruled on, or its fix not said: {lead!r}")


def test_what_the_crew_found_fine_earlier_in_the_thread_stays_ruled_out(h):
    # the second turn says the cables are fine; the third only that it is still frozen:
    # the cable check must not come back as a first step
    manual = ("# Brisvale BK-3 Order Kiosk\n\n## 6. Kiosk Screen Frozen\n\n"
              "1. Check the power and network cables at the back of the kiosk.\n"
              "2. Hold the side button for 10 seconds to restart the kiosk.\n"
              "3. If it freezes again within the hour, call Brisvale support.\n")
    _upload(h, "Brisvale BK-3 Order Kiosk", manual)
    first = _ask(h, "brisvale kiosk screen is frozen")
    _ask(h, "the cables look fine", conversation=first["conversation_id"])
    a = _ask(h, "nope, kiosk is stuck on the same screen", conversation=first["conversation_id"])
    said = " ".join([a["response"]] + a["steps"][:2])
    check("cables" not in said and "10 seconds" in said,
          f"the cables the crew found fine came back as a check: {said[:300]!r}")


def test_a_symptom_told_leads_with_its_troubleshooting_fix(h):
    # a text manual's troubleshooting list: each symptom a heading, "-> " before
    # its cause and its fix; the crew tell the symptom and ask nothing
    manual = ("# Ferrand FR-8 Sausage Roller\n\n## 5. Cleaning\n\n"
              "1. Turn the roller off and let it cool.\n2. Wipe the rollers with a damp cloth.\n"
              "3. Wash the drip tray in the sink.\n\n"
              "## 8. Troubleshooting\n\n### 8.1 Sausages wrinkled or dried out\n\n"
              "-> Held too long, or the HOLD setting is too high.\n"
              "-> Throw out product held past 4 hours. Lower the HOLD setting to 150 F.\n")
    _upload(h, "Ferrand FR-8 Sausage Roller", manual)
    a = _ask(h, "sausages on the ferrand all wrinkled n dried out")
    lead = a["response"][:200]
    check(lead.startswith("Held too long") and "->" not in lead and "damp cloth" not in lead,
          f"the symptom's fix does not lead: {lead!r}")


def test_a_question_in_an_uploaded_manuals_own_words_is_answered_from_it(h):
    # words the routing model never saw ("reglaze", "crepe") are the uploaded manual's
    # topic, not small talk: the question goes to its manual's agent and is answered
    manual = ("# Quellin QC-2 Crepe Station\n\n## 6. Reglazing the Crepe Grids\n\n"
              "Reglaze the crepe grids every Monday before opening.\n\n"
              "1. Heat the grids to 390 F.\n2. Brush on a thin film of canola oil.\n"
              "3. Let it bake on for 20 minutes, then wipe off the excess.\n")
    _upload(h, "Quellin QC-2 Crepe Station", manual)
    a = _ask(h, "how do u reglaze the crepe grids")
    check(a["agent_used"] == "equipment" and "390" in a["response"] + " ".join(a["steps"]) and
          "couldn't find" not in a["response"],
          f"the manual's own words were taken for small talk: {a['agent_used']} {a['response'][:200]!r}")


TOVRIN = ("# Tovrin TX-9 Panini Press\n\n## 3. Specifications\n\n"
          "Default platen setpoint: 400°F (204°C).\n\nWarm-up time from cold: 12 minutes.\n\n"
          "## 5. Pressing Sandwiches\n\nPress each sandwich for 3 minutes with the handle down.\n\n"
          "1. Load the sandwich in the middle of the lower plate.\n"
          "2. Lower the handle; if the display shows E4 in the middle of a press, see section 9.\n"
          "3. Lift the handle when the timer beeps.\n\n"
          "## 8. Troubleshooting\n\n### Press not warming up\n\n"
          "1. Check the plug is seated and the breaker is on.\n"
          "2. Press the reset button under the rear edge.\n\n"
          "## 9. Error Codes\n\n### E4: Platen over-temperature: above 480°F (249°C)\n\n"
          "1. Switch the press off and unplug it.\n2. Let it cool for 30 minutes.\n"
          "3. Call Tovrin service if E4 comes back.\n")




def test_a_setting_asked_is_not_answered_by_an_error_codes_limit(h):
    _upload(h, "Tovrin TX-9 Panini Press", TOVRIN)
    a = _ask(h, "tovrin, how hot should it be set")
    lead = a["response"][:160]
    check("400" in lead and "480" not in lead,
          f"the setpoint does not lead, or an error code's limit does: {lead!r}")


def test_a_code_named_leads_with_its_own_section(h):
    _upload(h, "Tovrin TX-9 Panini Press", TOVRIN)
    a = _ask(h, "tovrin threw E4 in the middle of pressing a sandwich")
    lead = a["response"][:200] + " ".join(a["steps"][:2])
    check("Switch the press off" in lead and "Load the sandwich" not in lead,
          f"the code's own section does not lead: {lead!r}")



def test_a_code_the_named_manual_lacks_is_admitted_not_taken_from_another(h):
    # another machine's manual says E8 in many sections; the one named, longer, never does:
    # the code is rarer than the brand
    other = "# Vantor VB-3 Blender\n\n" + "".join(
        f"## {i}. Step {i}\n\nIf the display shows E8 during step {i}, stop the blender.\n\n"
        for i in range(1, 8))
    named = "# Quibble QX-2 Dough Divider\n\n" + "".join(
        f"## {i}. Part {i}\n\nWipe part {i} of the divider with a damp cloth.\n\n"
        for i in range(1, 11)) + "## 11. Error Codes\n\n### E1: Hopper empty\n\nFill the hopper.\n"
    for title, content in (("Vantor VB-3 Blender", other), ("Quibble QX-2 Dough Divider", named)):
        _upload(h, title, content)
    a = _ask(h, "quibble divider flashing E8")
    check("don't have" in a["response"][:120] and "blender" not in a["response"].lower(),
          f"another machine's E8 answered the named manual's: {a['response'][:200]!r}")


def test_a_code_many_manuals_share_is_read_from_the_machine_named(h):
    # more sections hold E47 than the code search keeps: the manual the question
    # names by its machine must be among them, not the first stored
    _upload(h, "Testline TL-4 Pretzel Oven",
            "# Testline TL-4 Pretzel Oven\n\n" + "".join(
                f"## Deck {i}\n\n### E47: Fault {i}\n\nCall Testline service.\n\n"
                for i in range(34)))
    _upload(h, "Zelbrook ZB-9 Pretzel Warmer",
            "# Zelbrook ZB-9 Pretzel Warmer\n\n## Error Codes\n\n"
            "### E47: Salt hopper jammed\n\nClear the salt hopper and press RESET.\n")
    a = _ask(h, "the pretzel warmer is flashing E47 what now")
    check("salt hopper" in a["response"][:160].lower() and "Testline" not in a["response"],
          f"another manual's E47 answered the pretzel warmer's: {a['response'][:200]!r}")


def test_a_rare_word_finds_its_section_among_many_common_matches(h):
    # more sections than the search reads hold two of the question's common words,
    # stored first; the one holding its rarest word must still be read
    _upload(h, "Pellin PX-1 Tray Washer", "# Pellin PX-1 Tray Washer\n\n" + "".join(
        f"## Rack {i}\n\nRun the clean cycle on tray rack {i} with hot water.\n\n"
        for i in range(130)))
    _upload(h, "Gorvale GV-2 Nugget Fryer",
            "# Gorvale GV-2 Nugget Fryer\n\n## Boil-out\n\n"
            "For the clean cycle, pour 6 fl oz of Drazolite into the vat.\n")
    a = _ask(h, "clean cycle on the nugget fryer how much drazolite goes in")
    check("6 fl oz" in a["response"][:200],
          f"the section with the rare word was not read: {a['response'][:200]!r}")


MARVICK = ("# Marvick MB-5 Batter Dispenser\n\n"
           "The MB-5 portions pancake and waffle batter from a chilled hopper.\n\n"
           "## Refilling the batter hopper\n\n"
           "When the LOW light comes on, the hopper is nearly empty.\n\n"
           "1. Press STOP.\n2. Lift the hopper lid and pour in fresh batter up to the FULL line.\n"
           "3. Close the lid and press START.\n\n"
           "## Portions too small\n\n"
           "1. Press STOP and remove the nozzle by turning it left; dried batter clogs it.\n"
           "2. Soak the nozzle in warm water for 10 minutes and brush it clear.\n"
           "3. Refit the nozzle and dispense two test portions.\n")


def test_a_fix_that_failed_is_not_told_again(h):
    _upload(h, "Marvick MB-5 Batter Dispenser", MARVICK)
    first = _ask(h, "marvick LOW light is on, how do i refill it")
    told = "When the LOW light comes on"
    check(first["response"].startswith(told), f"the refill leads first: {first['response'][:160]!r}")
    a = _ask(h, "did all that and its still doing it", first["conversation_id"])
    check(not a["response"].startswith(told) and a["steps"] and "nozzle" in a["steps"][0],
          f"the same steps again, not the next check: {a['response'][:160]!r} {a['steps'][:1]!r}")


def test_a_reading_is_held_against_the_rule_for_what_was_read(h):
    a = _ask(h, "our dish machine rinse gauge is reading 176, ok to keep washing pans? anything i should check")
    lead = a["response"][:120]
    check("180" in lead and not lead.startswith("Yes"),
          f"the rinse reading is held against another rule's figure: {lead!r}")


def test_a_warm_cooler_read_after_hours_is_held_to_the_time_rule(h):
    # the 4-hour rule's section shares few words with the crew's ("hit 48, last log ... now its
    # 3pm"): the search with the rule's own words must bring it, and the time decides
    a = _ask(h, "walk-in cooler hit 48, last log entry 37 at 8am and now its 3pm")
    lead = a["response"][:240]
    check("past the 4-hour limit" in lead and "throw" in lead,
          f"the time out was not held to the 4-hour rule: {lead!r}")
