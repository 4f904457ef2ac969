/* test_ask_states.c - answer/ask_states: which figures a manual's sentence
 * states, by their unit ("135°F" a temperature, "every 2 hours" a
 * frequency, "$10" an amount, "1-800-555-0190" a number to call), and
 * codes and model numbers as the manuals write them. */
#include "config.h"

#include "answer/ask_states.h"
#include "../tap.h"

static void test_figures(void)
{
	CHECK(ask_states_figure("Hold at 135°F or above", FIGURE_TEMPERATURE) &&
	      !ask_states_figure("Hold it for 4 hours", FIGURE_TEMPERATURE) &&
	      ask_states_figure("Hold it for 4 hours", FIGURE_TIME), "figures by their unit");
	CHECK(ask_states_figure("Keep bins at least 6 inches (15 cm) off the floor.",
	                        FIGURE_DISTANCE), "inches state a distance");
	CHECK(!ask_states_figure("Wipe every shelf and door handle.", FIGURE_FREQUENCY) &&
	      ask_states_figure("Wipe the handles every 2 hours.", FIGURE_FREQUENCY) &&
	      ask_states_figure("Swap the rag every shift.", FIGURE_FREQUENCY),
	      "'every' states how often only of a period, not of things");
	CHECK(ask_states_figure("Add 6 fl oz of cleaner to the vat.", FIGURE_AMOUNT) &&
	      ask_states_figure("Use 2 pumps of syrup.", FIGURE_AMOUNT),
	      "fluid ounces and pumps are amounts");
	CHECK(ask_states_figure("Count any till more than $10 off twice.", FIGURE_AMOUNT) &&
	      ask_states_figure("Refund up to 20 dollars.", FIGURE_AMOUNT) &&
	      !ask_states_figure("Press $ and enter the code.", FIGURE_AMOUNT),
	      "a sum of money is an amount");
	CHECK(ask_states_figure("Get a doctor to look at a blister bigger than a coin.", FIGURE_AMOUNT) &&
	      !ask_states_figure("Look at the blister and cover it.", FIGURE_AMOUNT),
	      "a size told by comparison is an amount");
	CHECK(ask_states_figure("Call Harlow Service at 1-800-555-0190, 24 hours.", FIGURE_PHONE) &&
	      ask_states_figure("Service: (888) 555.0111", FIGURE_PHONE) &&
	      !ask_states_figure("See section 10.2.3 and page 1234-56", FIGURE_PHONE),
	      "a phone number is stated, a section number is not");
	CHECK(ask_states_figure("Sanitizer: 200 ppm quat.", FIGURE_CONCENTRATION) &&
	      ask_states_figure("Set the burner to 3.5 in W.C. at the manifold.", FIGURE_PRESSURE) &&
	      ask_states_figure("A 20 A breaker, 208 V.", FIGURE_ELECTRIC) &&
	      !ask_states_figure("Hold at 135°F or above", FIGURE_NONE),
	      "a concentration, a pressure, an electric figure; no figure states none");
}

static void test_codes(void)
{
	CHECK(ask_same_code("WH120", "wh-120") && !ask_same_code("E1", "E11"), "codes compare without hyphens");
	CHECK(ask_same_code("E03", "E-3") && ask_same_code("e-03", "E3") && !ask_same_code("E30", "E3") &&
	      !ask_same_code("E103", "E13"), "a number's leading zeros do not count");
	CHECK(ask_holds_code("Fault E-12: the probe is open", "e12") &&
	      !ask_holds_code("Fault E-120: the probe is open", "E12"), "a code in a manual's text, whole");
	CHECK(ask_model_like("KM-660") && ask_model_like("TW40H") && !ask_model_like("E-45") &&
	      !ask_model_like("C04") && !ask_model_like("Code 41"), "a model number is not an error code");
	CHECK(ask_names_model("Hoshizaki KM-660 Ice Maker: Cleaning") &&
	      !ask_names_model("Error E-45: water supply"),
	      "a title that names a model number, not one that names an error code");
}

int main(void)
{
	test_figures();
	test_codes();
	return TAP_DONE();
}
