/* classifier_words.c - a question as the router reads it: the crew's
 * spellings, joined pairs, concepts and urgency cues (the tables), the
 * tokenizer and its token kinds, and the features the model counts.
 * Stop words and the stemmer are text/terms'. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier_words.h"
#include "text/terms.h"

static const char *const kind_token[] = {
	[W_WORD] = NULL, [W_NUM] = "__num__", [W_TEMP] = "__temp__",
	[W_MONEY] = "__money__", [W_ERR] = "__errcode__", [W_MODEL] = "__model__",
	[W_TIME] = "__time__",
};



/* Crew spellings mapped to one word before stemming. */
static const char *const synonyms[][2] = {
	{"frier", "fryer"}, {"friers", "fryer"}, {"fryr", "fryer"}, {"fyer", "fryer"},
	{"mgr", "manager"}, {"mngr", "manager"}, {"manger", "manager"},
	{"cust", "customer"}, {"custs", "customer"}, {"costumer", "customer"},
	{"temps", "temp"}, {"temperature", "temp"}, {"temperatures", "temp"},
	{"tempature", "temp"}, {"temprature", "temp"}, {"tempurature", "temp"},
	{"degree", "degrees"}, {"deg", "degrees"}, {"fahrenheit", "degrees"},
	{"walkin", "walkin"}, {"walkins", "walkin"}, {"reachin", "reachin"},
	{"drivethru", "drivethru"}, {"drivethrough", "drivethru"}, {"dt", "drivethru"},
	{"u", "you"}, {"ur", "your"}, {"pls", "please"}, {"plz", "please"},
	{"thx", "thanks"}, {"ty", "thanks"}, {"tysm", "thanks"}, {"thanx", "thanks"},
	{"ppl", "people"}, {"hrs", "hours"}, {"hr", "hours"}, {"mins", "minutes"},
	{"min", "minutes"}, {"nuggs", "nuggets"}, {"bfast", "breakfast"},
	{"sani", "sanitizer"}, {"sanitiser", "sanitizer"}, {"chix", "chicken"},
	{"chkn", "chicken"}, {"wknd", "weekend"}, {"tmrw", "tomorrow"},
	{"tmr", "tomorrow"}, {"tmrrw", "tomorrow"}, {"b4", "before"},
	{"emp", "employee"}, {"empl", "employee"}, {"employe", "employee"},
	{"inv", "inventory"}, {"sched", "schedule"}, {"machien", "machine"},
	{"mchine", "machine"}, {"machne", "machine"}, {"burnt", "burned"},
	{"onbording", "onboarding"}, {"trainning", "training"}, {"traning", "training"},
	{"allergie", "allergy"}, {"alergy", "allergy"}, {"alergic", "allergic"},
	{"threw", "throw"}, {"puke", "vomit"}, {"puked", "vomit"}, {"puking", "vomit"},
	{"barf", "vomit"}, {"barfed", "vomit"}, {"vomiting", "vomit"}, {"vomited", "vomit"},
	{"extinguisher", "extinguisher"}, {"extingisher", "extinguisher"},
	{"icemaker", "icemaker"}, {"co2", "co2"}, {"soda", "soda"}, {"pop", "soda"},
	{"coke", "soda"}, {"tho", "though"}, {"rn", "now"}, {"asap", "asap"},
	{"hrly", "hourly"}, {"appt", "appointment"}, {"prolly", "probably"},
	{"gonna", "going"}, {"wanna", "want"}, {"yall", "you"}, {"idk", "unsure"},
	{"2nite", "tonight"}, {"tonite", "tonight"},
	/* "droppings" stems to "drop": keep a temperature that drops out of __c_pest__ */
	{"droppings", "excrement"}, {"dropping", "excrement"}, {"poop", "excrement"},
};

/* Two words read as one. */
static const char *const joins[][3] = {
	{"walk", "in", "walkin"}, {"reach", "in", "reachin"},
	{"drive", "thru", "drivethru"}, {"drive", "through", "drivethru"},
	{"soft", "serve", "softserve"}, {"ice", "cream", "icecream"},
	{"throw", "up", "vomit"}, {"throwing", "up", "vomit"}, {"threw", "up", "vomit"},
	{"passed", "out", "faint"}, {"pass", "out", "faint"},
	{"ice", "maker", "icemaker"}, {"flat", "top", "flattop"},
	{"hair", "net", "hairnet"}, {"hand", "wash", "handwash"},
	{"no", "show", "noshow"}, {"call", "out", "callout"}, {"called", "out", "callout"},
	{"call", "off", "callout"}, {"called", "off", "callout"},
	{"sign", "off", "signoff"}, {"signed", "off", "signoff"}, {"sign", "offs", "signoff"},
	{"new", "hire", "newhire"}, {"new", "hires", "newhire"}, {"new", "guy", "newhire"},
	{"new", "girl", "newhire"}, {"new", "employee", "newhire"},
	{"new", "person", "newhire"}, {"new", "employees", "newhire"},
	{"first", "aid", "firstaid"}, {"test", "strip", "teststrip"},
	{"test", "strips", "teststrip"}, {"e", "coli", "ecoli"},
	{"fry", "vat", "fryvat"}, {"fry", "vats", "fryvat"},
	{"gas", "leak", "gasleak"}, {"gas", "leaking", "gasleak"}, {"gas", "smell", "gasleak"},
	{"smell", "gas", "gasleak"}, {"smelled", "gas", "gasleak"}, {"like", "gas", "gasleak"},
	{"still", "sell", "stillsell"}, {"still", "serve", "stillsell"},
	{"still", "good", "stillsell"},
	{"throw", "out", "throwout"}, {"throw", "away", "throwout"}, {"toss", "out", "throwout"},
	/* who fixes a machine: read as one word whatever the brand */
	{"service", "number", "servicecall"}, {"service", "phone", "servicecall"},
	{"service", "call", "servicecall"}, {"service", "tech", "servicecall"},
	{"service", "company", "servicecall"}, {"service", "contract", "servicecall"},
	{"service", "technician", "servicecall"}, {"service", "guy", "servicecall"},
	{"tech", "support", "servicecall"}, {"technical", "support", "servicecall"},
	{"support", "number", "servicecall"}, {"repair", "company", "servicecall"},
	{"service", "agent", "servicecall"}, {"service", "provider", "servicecall"},
	{"serial", "number", "serialnumber"}, {"model", "number", "serialnumber"},
	{"part", "number", "serialnumber"}, {"indicator", "light", "indicator"},
	{"status", "light", "indicator"}, {"warning", "light", "indicator"},
	{"set", "point", "setpoint"}, {"fill", "line", "fillline"},
	{"control", "panel", "panel"}, {"touch", "screen", "screen"},
};

/* Concept tokens: words that mean the same thing to the router. */
struct concept {
	const char *token;
	const char *words;   /* space-separated, raw spelling (stemmed at load) */
};

static const struct concept concepts[] = {
	{"__c_machine__", "fryer fryvat vat grill platen broiler toaster oven microwave "
	 "machine freezer cooler walkin reachin compressor condenser icemaker dispenser "
	 "fountain brewer urn printer screen display monitor headset pos kvs kds "
	 "terminal tablet slicer shredder mixer blender steamer warmer cabinet uhc hood "
	 "fan motor pump nozzle thermostat sensor heater dishwasher gasket belt conveyor "
	 "element pilot burner valve breaker hopper beater auger spindle caddy shuttle "
	 "lamp bulb timer speaker faucet flattop combi merrychef frymaster henny "
	 "garland hobart manitowoc router wifi computer controller keypad button knob "
	 "coil coils compressor evaporator ice softserve shake chiller blastchiller "
	 "retherm rethermalizer carbonator kiosk cooker proofer sealer dishmachine "
	 "indicator led serialnumber voltage volt volts amp amps wattage plug cord "
	 "panel icon firmware software setpoint fillline warmup preheat mode"},
	{"__c_fault__", "broken broke error err leak leaking leaks stuck "
	 "jam jammed noise noisy loud beeping beeps beep flashing blinking dead blank "
	 "reset static fault malfunction repair fix fixing replace replacement "
	 "calibrate calibration recalibrate descale delime lube grinding squealing "
	 "clicking humming rattling overheating rebooting reboot froze dripping drips "
	 "servicecall technician technicians repairman serviceman warranty install "
	 "installed installing installation"},
	{"__c_allergen__", "allergy allergies allergic allergen allergens peanut peanuts "
	 "nut nuts gluten celiac sesame shellfish soy dairy lactose wheat epipen "
	 "anaphylaxis anaphylactic"},
	{"__c_illness__", "sick ill illness vomit diarrhea fever flu norovirus hepatitis "
	 "jaundice salmonella ecoli shigella strep nausea nauseous cough coughing "
	 "sneezing contagious symptoms stomach poisoning infected infection runs"},
	{"__c_injury__", "burn burned burns cut bleeding blood bleed slip slipped slippery "
	 "fell fall hurt injury injured faint fainted unconscious collapsed shock "
	 "shocked electrocuted choking choke blister blisters stitches sprain wound "
	 "bandage scald scalded splashed firstaid ambulance hospital concussion dizzy "
	 "bruise tripped robbery robbed robber holdup gunpoint gun weapon assault assaulted "
	 "threatened threatening"},
	{"__c_fire__", "fire fires flame flames flare extinguisher ansul suppression "
	 "evacuate evacuation explosion gasleak"},
	{"__c_chemical__", "chemical chemicals bleach ammonia degreaser sds msds quat "
	 "chlorine sanitizer sanitize sanitizing sanitized ppm caustic fumes toxic "
	 "poison solvent teststrip goggles ppe"},
	{"__c_pest__", "mouse mice rat rats rodent rodents roach roaches cockroach "
	 "cockroaches fly flies gnat gnats ant ants insect insects bug bugs excrement "
	 "pest pests exterminator weevil weevils"},
	{"__c_hygiene__", "handwash wash washing hands glove gloves hairnet hair jewelry "
	 "bare sneeze"},
	{"__c_foodsafe__", "danger thaw thawed thawing cooling reheat reheating expired "
	 "expiration spoiled spoil rotten moldy mold raw undercooked contaminated "
	 "contamination recall discard toss tcs haccp inspector inspection health safe "
	 "unsafe dented bulging swollen stillsell throwout"},
	{"__c_food__", "chicken beef burger burgers patty patties nugget nuggets lettuce "
	 "tomato tomatoes cheese rice egg eggs milk bacon fish meat pork sausage produce "
	 "mayo chili soup salad food melon melons"},
	{"__c_money__", "cash drawer till deposit dollar dollars bucks bill bills coin "
	 "coins refund void comp coupon gift payment overcharged charged counterfeit "
	 "tip tips money price skim change"},
	{"__c_staff__", "schedule scheduling shift shifts labor overtime clock punch "
	 "callout noshow break breaks staffing staffed coverage cover swap payroll "
	 "paycheck pay vacation pto late"},
	{"__c_customer__", "customer customers guest guests complaint complain "
	 "complaining angry upset rude yelling"},
	{"__c_stock__", "inventory truck delivery supplier vendor invoice stock par "
	 "count waste receiving receive cases shipment order ordering"},
	{"__c_train__", "train training trainer trainee trainees teach teaching taught "
	 "newhire onboard onboarding orientation quiz exam certify certification "
	 "certified signoff coach coaching feedback lesson learn learning shadow "
	 "shadowing mentor practice drill module modules course class explain "
	 "demonstrate develop development tutorial flashcards newbie rookie evaluate "
	 "evaluation progress recertify"},
	{"__c_greet__", "hi hello hey hiya howdy greetings thanks thank appreciate "
	 "cheers bye goodbye goodnight lol haha cool awesome great okay"},
	{"__c_offtopic__", "weather rain snow forecast sunny movie movies film song "
	 "music sing poem haiku story joke riddle translate spanish french chinese "
	 "japanese german language president bitcoin sports game football basketball "
	 "nba nfl soccer capital planet moon population homework essay math divided "
	 "plus minus percent multiply square celebrity recipe love dream robot chatgpt"},
};
#define NCONCEPTS (sizeof(concepts) / sizeof(concepts[0]))

/* Urgency cues, matched on normalized words before stemming. */
static const char *const critical_cues[] = {
	"fire", "fires", "flame", "flames", "911", "bleeding", "bleed", "unconscious",
	"unresponsive", "collapsed", "choking", "ambulance", "explosion", "robbed",
	"robbery", "gun", "weapon", "ansul", "electrocuted", "anaphylaxis",
	"anaphylactic", "breathe", "breathing", "seizure", "overdose",
};
static const char *const high_cues[] = {
	"burn", "burns", "burned", "smoke", "smoking", "shock", "shocked", "faint",
	"fainted", "injured", "hurt", "injury", "allergic", "vomit", "asap", "now",
	"urgent", "emergency", "immediately", "hurry", "quick", "quickly", "alarm",
	"gas", "blood", "sparking", "sparks", "slipped", "fell", "help", "sick",
	"scald", "scalded", "sparked", "flood", "flooding", "threatening", "dizzy",
};

/* lex values pack three fields: synonym index + 1 (bits 0-11), starts a
 * join (bit 13), concept + 1 (bits 16-23).  One lookup per word.  Stop
 * words and the stemmer are text/terms' (terms_is_stopword, terms_stem),
 * the answer path's and the retriever's. */
#define LEX_SYN(v) ((v) & 0xfff)
#define LEX_JOIN 0x2000 /* first word of a pair in joins[] */
#define LEX_CONCEPT(v) (((v) >> 16) & 0xff)

/* Copy an input span as a keyword: lower-cased, whitespace and control
 * characters folded to one space, cut to fit dst (size >= 2) on a UTF-8
 * character boundary.  Returns the length. */
size_t classifier_keyword_copy(char *dst, size_t size, const char *src, size_t len)
{
	size_t n = 0;
	for(size_t i = 0; i < len && n + 1 < size; i++) {
		unsigned char ch = (unsigned char)src[i];
		if(ch < 0x20 || ch == 0x7f || ch == ' ') {
			if(n && dst[n - 1] != ' ')
				dst[n++] = ' ';
			continue;
		}
		dst[n++] = (char)tolower(ch);
	}
	if(n + 1 >= size) /* cut: do not end inside a multi-byte character */
		while(n && ((unsigned char)dst[n - 1] & 0xc0) == 0x80)
			n--;
	if(n && ((unsigned char)dst[n - 1] & 0xc0) == 0xc0)
		n--;
	while(n && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
	return n;
}

static int lex_value(const struct strtab *lex, const char *w, size_t n)
{
	long e = strtab_find(lex, w, n);
	return e < 0 ? 0 : lex->value[e];
}

static ll_result lex_add(struct strtab *lex, const char *w, size_t n, int bits)
{
	long e;
	ll_result result = strtab_put(lex, w, n, 0, &e);
	if(!result)
		lex->value[e] |= bits;
	return result;
}

/* Build the word table: synonyms by raw spelling, concepts
 * by stem (words are looked up before and after stemming). */
ll_result classifier_words_build(struct strtab *lex)
{
	ll_result result = LL_OK;
	for(size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
		result = lex_add(lex, synonyms[i][0], strlen(synonyms[i][0]), (int)i + 1);
		if(result)
			goto out;
	}
	for(size_t i = 0; i < sizeof(joins) / sizeof(joins[0]); i++) {
		result = lex_add(lex, joins[i][0], strlen(joins[i][0]), LEX_JOIN);
		if(result)
			goto out;
	}
	for(size_t k = 0; k < NCONCEPTS; k++) {
		const char *p = concepts[k].words;
		while(*p) {
			size_t n = strcspn(p, " ");
			char w[WORD_MAX + 1];
			if(n && n <= WORD_MAX) {
				memcpy(w, p, n);
				w[n] = '\0';
				size_t sn = terms_stem(w);
				/* "#" marks a stem: "fire" the stem never meets "fire" the word */
				char key[WORD_MAX + 2];
				key[0] = '#';
				memcpy(key + 1, w, sn);
				long e;
				result = strtab_put(lex, key, sn + 1, 0, &e);
				if(result)
					goto out;
				/* a word in two lists: the first wins */
				if(!LEX_CONCEPT(lex->value[e]))
					lex->value[e] |= (int)(k + 1) << 16;
			}
			p += n;
			while(*p == ' ')
				p++;
		}
	}
out:
	return result;
}

static int is_alnum(unsigned char ch)
{
	return isalnum(ch) != 0;
}

/* Classify an alphanumeric raw token: error code, model number, money,
 * temperature, number or word.  t is lower-case without hyphens. */
static enum wkind token_kind(const char *t, size_t n)
{
	size_t letters = 0, digits = 0, lead = 0, i;
	for(i = 0; i < n; i++) {
		/* '.' only ever sits between digits */
		if(isdigit((unsigned char)t[i]) || t[i] == '.')
			digits++;
		else
			letters++;
	}
	if(!digits)
		return W_WORD;
	if(!letters)
		return W_NUM;
	while(lead < n && !isdigit((unsigned char)t[lead]) && t[lead] != '.')
		lead++;
	size_t tail = lead;
	while(tail < n && (isdigit((unsigned char)t[tail]) || t[tail] == '.'))
		tail++;
	/* digits then a unit: 41f, 165deg, 20min */
	if(lead == 0) {
		const char *u = t + tail;
		size_t un = n - tail;
		if((un == 1 && (u[0] == 'f' || u[0] == 'c')) || (un == 3 && !memcmp(u, "deg", 3)) ||
		   (un == 7 && !memcmp(u, "degrees", 7)))
			return W_TEMP;
		if(un == 2 && (!memcmp(u, "am", 2) || !memcmp(u, "pm", 2)))
			return W_TIME;
		if((un == 2 && (!memcmp(u, "st", 2) || !memcmp(u, "nd", 2) || !memcmp(u, "rd", 2) ||
		                !memcmp(u, "th", 2))) || (un == 1 && u[0] == 'x'))
			return W_NUM;
		return tail == n ? W_NUM : W_MODEL;
	}
	if(tail == n && ((lead == 1 && t[0] == 'e') || (lead == 2 && !memcmp(t, "er", 2)) ||
	                 (lead == 3 && !memcmp(t, "err", 3)) ||
	                 (lead == 5 && !memcmp(t, "error", 5)) ||
	                 (lead == 4 && !memcmp(t, "code", 4))))
		return W_ERR;
	return W_MODEL;
}

static int is_word(const struct word *w, const char *s)
{
	size_t n = strlen(s);
	return w->kind == W_WORD && w->len == n && !memcmp(w->s, s, n);
}

/* Split text into words: lower-cased, apostrophes dropped, hyphens inside
 * a token joined ("walk-in" -> walkin, "E-05" -> e05), "°" read as
 * "degrees", "$" kept on a number, "+" read as "plus", "%" as "percent". */
static size_t tokenize(const char *text, size_t len, struct word *out, size_t max)
{
	size_t n = 0, i = 0;
	while(i < len && n < max) {
		const unsigned char ch = (unsigned char)text[i];
		const char *extra = NULL;
		size_t at = i;
		if(ch == 0xc2 && i + 1 < len && (unsigned char)text[i + 1] == 0xb0) {
			extra = "degrees";
			i += 2;
		} else if(ch == '+') {
			extra = "plus";
			i++;
		} else if(ch == '%') {
			extra = "percent";
			i++;
		}
		if(extra) {
			struct word *w = &out[n++];
			memset(w, 0, sizeof(*w));
			w->len = (unsigned char)strlen(extra);
			memcpy(w->s, extra, w->len);
			w->start = (uint16_t)at;
			w->slen = (uint16_t)(i - at);
			w->concept = -1;
			continue;
		}
		if(!is_alnum(ch) && ch != '$') {
			i++;
			continue;
		}
		struct word *w = &out[n];
		memset(w, 0, sizeof(*w));
		w->concept = -1;
		w->start = (uint16_t)i;
		int money = ch == '$';
		if(money)
			i++;
		size_t k = 0;
		while(i < len) {
			unsigned char c2 = (unsigned char)text[i];
			if(is_alnum(c2)) {
				if(k < WORD_MAX)
					w->s[k++] = (char)tolower(c2);
				i++;
			} else if(c2 == '\'' && i + 1 < len &&
			          is_alnum((unsigned char)text[i + 1])) {
				i++;
			} else if(c2 == 0xe2 && i + 3 < len && (unsigned char)text[i + 1] == 0x80 &&
			          (unsigned char)text[i + 2] == 0x99 &&
			          is_alnum((unsigned char)text[i + 3])) {
				i += 3; /* ’ */
			} else if((c2 == '-' || c2 == '.') && k && i + 1 < len &&
			          is_alnum((unsigned char)text[i + 1]) &&
			          (c2 == '-' || (isdigit((unsigned char)text[i - 1]) &&
			                         isdigit((unsigned char)text[i + 1])))) {
				i++;
			} else {
				break;
			}
		}
		w->slen = (uint16_t)(i - w->start);
		if(!k)
			continue;
		w->len = (unsigned char)k;
		w->s[k] = '\0';
		w->kind = (unsigned char)token_kind(w->s, k);
		if(money && w->kind == W_NUM)
			w->kind = W_MONEY;
		n++;
	}
	return n;
}

static int in_list(const struct word *w, const char *const *list, size_t n)
{
	for(size_t k = 0; k < n; k++)
		if(is_word(w, list[k]))
			return 1;
	return 0;
}

/* Urgency cue level of the words (0 none, 2 high, 3 critical). */
static int cue_level(const struct word *w, size_t n)
{
	int level = 0;
	for(size_t i = 0; i < n; i++) {
		if(in_list(&w[i], critical_cues, sizeof(critical_cues) / sizeof(critical_cues[0])))
			level = 3;
		else if(level < 2 &&
		        in_list(&w[i], high_cues, sizeof(high_cues) / sizeof(high_cues[0])))
			level = 2;
		/* a gas smell or leak is critical; a gas fryer is not */
		if(i + 1 < n && ((is_word(&w[i], "gas") && (is_word(&w[i + 1], "leak") ||
		                                          is_word(&w[i + 1], "smell"))) ||
		                 (is_word(&w[i], "smell") && is_word(&w[i + 1], "gas"))))
			level = 3;
	}
	return level;
}

/* Crew spellings to one word; joinable[i] says whether word i may start a
 * joined pair. */
static void words_synonyms(const struct strtab *lex, struct word *w, size_t n,
                           unsigned char *joinable)
{
	for(size_t i = 0; i < n; i++) {
		joinable[i] = 0;
		if(w[i].kind != W_WORD)
			continue;
		int v = lex_value(lex, w[i].s, w[i].len);
		if(LEX_SYN(v)) {
			const char *to = synonyms[LEX_SYN(v) - 1][1];
			w[i].len = (unsigned char)strlen(to);
			memcpy(w[i].s, to, w[i].len + 1u);
			v = lex_value(lex, w[i].s, w[i].len);
		}
		joinable[i] = (v & LEX_JOIN) != 0;
	}
}

/* Word i and the next as one when joins[] has the pair; returns the index
 * of the last word taken. */
static size_t word_join(const struct word *w, size_t n, size_t i, const unsigned char *joinable,
                        struct word *cur)
{
	if(i + 1 >= n || !joinable[i] || w[i + 1].kind != W_WORD)
		return i;
	for(size_t j = 0; j < sizeof(joins) / sizeof(joins[0]); j++) {
		if(is_word(cur, joins[j][0]) && is_word(&w[i + 1], joins[j][1])) {
			cur->len = (unsigned char)strlen(joins[j][2]);
			memcpy(cur->s, joins[j][2], cur->len + 1u);
			cur->slen = (uint16_t)(w[i + 1].start + w[i + 1].slen - cur->start);
			return i + 1;
		}
	}
	return i;
}

/* A number read with the unit after it: "165 degrees" a temperature, "20
 * dollars" money, "5 am" a time.  Returns the index of the last word taken. */
static size_t number_unit(const struct word *w, size_t n, size_t i, struct word *cur)
{
	const struct word *u = &w[i + 1];
	enum wkind kind;

	if(cur->kind != W_NUM || i + 1 >= n || u->kind != W_WORD)
		return i;
	if(is_word(u, "f") || is_word(u, "degrees") || is_word(u, "c") || is_word(u, "celsius"))
		kind = W_TEMP;
	else if(is_word(u, "dollars") || is_word(u, "dollar") || is_word(u, "bucks"))
		kind = W_MONEY;
	else if(is_word(u, "am") || is_word(u, "pm"))
		kind = W_TIME;
	else
		return i;
	cur->kind = (unsigned char)kind;
	cur->slen = (uint16_t)(u->start + u->slen - cur->start);
	return i + 1;
}

/* Stop word, stem and concept of each word. */
static void words_stem(const struct strtab *lex, struct word *w, size_t n)
{
	for(size_t i = 0; i < n; i++) {
		if(w[i].kind != W_WORD)
			continue;
		int v;

		w[i].stop = terms_is_stopword(w[i].s, w[i].len);
		w[i].len = (unsigned char)terms_stem(w[i].s);
		char key[WORD_MAX + 2];
		key[0] = '#';
		memcpy(key + 1, w[i].s, w[i].len);
		v = lex_value(lex, key, w[i].len + 1u);
		w[i].concept = LEX_CONCEPT(v) ? LEX_CONCEPT(v) - 1 : -1;
	}
}

/* Normalize words in place: synonyms, joined pairs, error codes written
 * as "err 5" / "error code 12", temperatures "165 degrees", money
 * "20 dollars", times "5 am", stemming, stopwords and concepts.  *cue gets
 * the urgency cue level.  Returns the new count. */
static size_t words_normalize(const struct strtab *lex, struct word *w, size_t n, int *cue)
{
	unsigned char joinable[MAX_WORDS];
	size_t m = 0;

	words_synonyms(lex, w, n, joinable);
	for(size_t i = 0; i < n; i++) {
		struct word cur = w[i];

		i = word_join(w, n, i, joinable, &cur);
		/* "err 5", "error code 12", "code 27", "e 03" */
		if(cur.kind == W_WORD && i + 1 < n &&
		   (is_word(&cur, "err") || is_word(&cur, "error") || is_word(&cur, "code") ||
		    is_word(&cur, "e"))) {
			size_t j = i + 1;
			if(is_word(&cur, "error") && j + 1 < n && is_word(&w[j], "code"))
				j++;
			if(w[j].kind == W_NUM) {
				/* keep the word "error" itself as evidence too */
				if(!is_word(&cur, "e") && m < n)
					w[m++] = cur;
				struct word code = w[j];
				code.kind = W_ERR;
				code.slen = (uint16_t)(w[j].start + w[j].slen - cur.start);
				code.start = cur.start;
				w[m++] = code;
				i = j;
				continue;
			}
		}
		i = number_unit(w, n, i, &cur);
		w[m++] = cur;
	}
	n = m;
	*cue = cue_level(w, n);
	words_stem(lex, w, n);
	return n;
}

static ll_result emit(feat_fn fn, void *ctx, const char *a, size_t alen, const char *b,
                      size_t blen, int kind, const struct word *w0, const struct word *w1)
{
	char s[FEAT_MAX];
	if(alen + blen + 1 >= FEAT_MAX)
		return LL_OK;
	memcpy(s, a, alen);
	size_t n = alen;
	if(b) {
		s[n++] = ' ';
		memcpy(s + n, b, blen);
		n += blen;
	}
	uint16_t slen = w1 ? (uint16_t)(w1->start + w1->slen - w0->start) : w0->slen;
	return fn(ctx, s, n, kind, w0->start, slen);
}

static const char *word_token(const struct word *w, size_t *len)
{
	const char *t = kind_token[w->kind];
	if(!t)
		t = w->s;
	*len = strlen(t);
	return t;
}

/* Whether word i sits where a name goes: after a determiner ("the", "my",
 * "our"...), or before a model number, an error code or a machine word.
 * The concept test is on __c_machine__, the first list. */
static int name_place(const struct word *w, size_t n, size_t i)
{
	static const char *const det[] = {
		"the", "my", "our", "this", "that", "your", "their", "a", "an",
	};
	if(w[i].concept >= 0)
		return 0;
	if(i > 0 && in_list(&w[i - 1], det, sizeof(det) / sizeof(det[0])))
		return 1;
	if(i + 1 < n && (w[i + 1].kind == W_MODEL || w[i + 1].kind == W_ERR ||
	                 (w[i + 1].kind == W_WORD && w[i + 1].concept == 0)))
		return 1;
	return 0;
}

/* Feed fn every feature of text: unigrams of content words, bigrams of
 * adjacent content words, derived tokens and concepts.  w is scratch of
 * MAX_WORDS; *nwords gets the words used, *cue the urgency cue level. */
ll_result classifier_words_features(const struct strtab *lex, const char *text, size_t len,
                                    struct word *w,
                         feat_fn fn, void *ctx, int *cue)
{
	ll_result result = LL_OK;
	size_t nw = tokenize(text, len, w, MAX_WORDS);
	nw = words_normalize(lex, w, nw, cue);
	const struct word *prev = NULL;
	for(size_t i = 0; i < nw; i++) {
		if(w[i].stop)
			continue;
		size_t tl;
		const char *t = word_token(&w[i], &tl);
		int kind = w[i].kind != W_WORD ? F_DERIVED : name_place(w, nw, i) ? F_NAME : F_UNI;
		result = emit(fn, ctx, t, tl, NULL, 0, kind, &w[i], NULL);
		if(!result && w[i].concept >= 0) {
			const char *ct = concepts[w[i].concept].token;
			result = emit(fn, ctx, ct, strlen(ct), NULL, 0, F_DERIVED, &w[i], NULL);
		}
		if(!result && prev) {
			size_t pl;
			const char *p = word_token(prev, &pl);
			result = emit(fn, ctx, p, pl, t, tl, F_BI, prev, &w[i]);
		}
		if(result)
			goto out;
		prev = &w[i];
	}
out:
	return result;
}
