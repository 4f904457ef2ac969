/* classifier.c - naive Bayes question router; see classifier.h for the model. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"
#include "text/terms.h"

#define MAX_TRAIN_BYTES (8u << 20) /* a training file larger than this is a mistake */
#define WORD_MAX 31                /* longer words are cut: no QSR word is this long */
#define MAX_WORDS 512              /* words past this are ignored (a question has ~20) */
#define FEAT_MAX 64                /* a feature string: two words and a separator */
#define MAX_QFEATS (3 * MAX_WORDS) /* unigram + concept + bigram per word */

#define ALPHA 0.3                  /* additive smoothing of feature counts */
#define SAFETY_MARGIN 0.10         /* safety wins when within this of the best */
#define SECONDARY_NATS 1.0         /* a topic token this much more another agent's: consult it */
#define SECONDARY_SAFETY_MIN 0.30  /* a safety secondary takes the lead: it must be probable */

/* Kinds of token after tokenization. */
enum wkind { W_WORD, W_NUM, W_TEMP, W_MONEY, W_ERR, W_MODEL, W_TIME };

static const char *const kind_token[] = {
	[W_WORD] = NULL, [W_NUM] = "__num__", [W_TEMP] = "__temp__",
	[W_MONEY] = "__money__", [W_ERR] = "__errcode__", [W_MODEL] = "__model__",
	[W_TIME] = "__time__",
};

struct word {
	char s[WORD_MAX + 1]; /* normalized, stemmed */
	unsigned char len;
	unsigned char kind;   /* enum wkind */
	unsigned char stop;   /* a function word: no unigram, no bigram */
	int concept;          /* index into concepts[], or -1 */
	uint16_t start, slen; /* the span in the input, for keywords */
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
	{"still", "sell", "stillsell"}, {"still", "serve", "stillsell"}, {"still", "good", "stillsell"},
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

/* ---- a string -> int table (open addressing, keys in one pool) ---- */

struct strtab {
	uint32_t *slots;   /* entry index + 1; 0 = empty */
	size_t cap;        /* power of two */
	uint32_t *off;     /* key offsets into pool */
	uint8_t *klen;
	int *value;
	size_t n, ncap;
	char *pool;
	size_t plen, pcap;
};

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for(size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void strtab_free(struct strtab *t)
{
	free(t->slots);
	free(t->off);
	free(t->klen);
	free(t->value);
	free(t->pool);
	memset(t, 0, sizeof(*t));
}

/* Index of key, or -1. */
static long strtab_find(const struct strtab *t, const char *s, size_t len)
{
	if(!t->cap)
		return -1;
	size_t mask = t->cap - 1;
	for(size_t i = hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
		uint32_t e = t->slots[i];
		if(!e)
			return -1;
		e--;
		if(t->klen[e] == len && !memcmp(t->pool + t->off[e], s, len))
			return (long)e;
	}
}

static ll_result strtab_grow(struct strtab *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 256;
	uint32_t *slots = calloc(ncap, sizeof(*slots));
	if(!slots)
		return LL_ENOMEM;
	for(size_t e = 0; e < t->n; e++) {
		size_t i = hash_bytes(t->pool + t->off[e], t->klen[e]) & (ncap - 1);
		while(slots[i])
			i = (i + 1) & (ncap - 1);
		slots[i] = (uint32_t)e + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->cap = ncap;
	return LL_OK;
}

/* Grow the array *pptr (any object pointer, passed by address) to hold
 * need elements of elem bytes; *cap counts elements.  The pointer is moved
 * with memcpy so that a uint32_t ** need not pose as a void **. */
static ll_result reserve(void *pptr, size_t *cap, size_t need, size_t elem)
{
	if(need <= *cap)
		return LL_OK;
	size_t ncap = *cap ? *cap : 64;
	while(ncap < need)
		ncap *= 2;
	void *p;
	memcpy(&p, pptr, sizeof(p));
	void *np = realloc(p, ncap * elem);
	if(!np)
		return LL_ENOMEM;
	memcpy(pptr, &np, sizeof(np));
	*cap = ncap;
	return LL_OK;
}

/* Find or add key (len < 256); *index gets its entry.  A new entry takes value. */
static ll_result strtab_put(struct strtab *t, const char *s, size_t len, int value, long *index)
{
	ll_result result = LL_OK;
	long e = strtab_find(t, s, len);
	if(e >= 0)
		goto out;
	if((t->n + 1) * 2 > t->cap) {
		result = strtab_grow(t);
		if(result)
			goto out;
	}
	size_t ncap = t->ncap;
	result = reserve(&t->off, &ncap, t->n + 1, sizeof(*t->off));
	if(!result) {
		ncap = t->ncap;
		result = reserve(&t->klen, &ncap, t->n + 1, sizeof(*t->klen));
	}
	if(!result) {
		ncap = t->ncap;
		result = reserve(&t->value, &ncap, t->n + 1, sizeof(*t->value));
	}
	if(result)
		goto out;
	t->ncap = ncap;
	result = reserve(&t->pool, &t->pcap, t->plen + len, 1);
	if(result)
		goto out;
	memcpy(t->pool + t->plen, s, len);
	e = (long)t->n;
	t->off[e] = (uint32_t)t->plen;
	t->klen[e] = (uint8_t)len;
	t->value[e] = value;
	t->plen += len;
	t->n++;
	size_t mask = t->cap - 1;
	size_t i = hash_bytes(s, len) & mask;
	while(t->slots[i])
		i = (i + 1) & mask;
	t->slots[i] = (uint32_t)e + 1;
out:
	if(index)
		*index = e;
	return result;
}

/* ---- the model ---- */

/* F_NAME: a unigram in the place of a name ("the Zentro", "Zentro fryer",
 * "Zentro ZX-40"); unknown, it is a brand or model nobody has seen and no
 * evidence for any agent, so it does not count as __oov__. */
enum fkind { F_UNI, F_BI, F_DERIVED, F_NAME };

struct classifier {
	struct strtab lex;      /* normalized word -> synonym index, stopword, concept */
	struct strtab vocab;    /* feature -> feature id (entry index) */
	double *logp;           /* [feature][agent] log P(feature | agent) */
	double logprior[AGENT_COUNT];
	long oov;               /* feature id of __oov__, or -1 */
	double temperature;
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
static size_t keyword_copy(char *dst, size_t size, const char *src, size_t len)
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

static int lex_value(const struct classifier *c, const char *w, size_t n)
{
	long e = strtab_find(&c->lex, w, n);
	return e < 0 ? 0 : c->lex.value[e];
}

static ll_result lex_add(struct classifier *c, const char *w, size_t n, int bits)
{
	long e;
	ll_result result = strtab_put(&c->lex, w, n, 0, &e);
	if(!result)
		c->lex.value[e] |= bits;
	return result;
}

/* Build the word table: synonyms by raw spelling, concepts
 * by stem (words are looked up before and after stemming). */
static ll_result lex_build(struct classifier *c)
{
	ll_result result = LL_OK;
	for(size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
		result = lex_add(c, synonyms[i][0], strlen(synonyms[i][0]), (int)i + 1);
		if(result)
			goto out;
	}
	for(size_t i = 0; i < sizeof(joins) / sizeof(joins[0]); i++) {
		result = lex_add(c, joins[i][0], strlen(joins[i][0]), LEX_JOIN);
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
				/* "#" marks a stem so "fire" the stem never meets "fire" the raw word */
				char key[WORD_MAX + 2];
				key[0] = '#';
				memcpy(key + 1, w, sn);
				long e;
				result = strtab_put(&c->lex, key, sn + 1, 0, &e);
				if(result)
					goto out;
				if(!LEX_CONCEPT(c->lex.value[e])) /* a word in two lists: the first wins */
					c->lex.value[e] |= (int)(k + 1) << 16;
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
		if(isdigit((unsigned char)t[i]) || t[i] == '.') /* '.' only ever sits between digits */
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
	if(len > CLASSIFIER_MAX_INPUT)
		len = CLASSIFIER_MAX_INPUT;
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
			} else if(c2 == '\'' && i + 1 < len && is_alnum((unsigned char)text[i + 1])) {
				i++;
			} else if(c2 == 0xe2 && i + 3 < len && (unsigned char)text[i + 1] == 0x80 &&
			          (unsigned char)text[i + 2] == 0x99 && is_alnum((unsigned char)text[i + 3])) {
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
		else if(level < 2 && in_list(&w[i], high_cues, sizeof(high_cues) / sizeof(high_cues[0])))
			level = 2;
		/* a gas smell or leak is critical; a gas fryer is not */
		if(i + 1 < n && ((is_word(&w[i], "gas") && (is_word(&w[i + 1], "leak") ||
		                                          is_word(&w[i + 1], "smell"))) ||
		                 (is_word(&w[i], "smell") && is_word(&w[i + 1], "gas"))))
			level = 3;
	}
	return level;
}

/* Normalize words in place: synonyms, joined pairs, error codes written
 * as "err 5" / "error code 12", temperatures "165 degrees", money
 * "20 dollars", times "5 am", stemming, stopwords and concepts.  *cue gets
 * the urgency cue level.  Returns the new count. */
static size_t words_normalize(const struct classifier *c, struct word *w, size_t n, int *cue)
{
	unsigned char joinable[MAX_WORDS];
	for(size_t i = 0; i < n; i++) {
		joinable[i] = 0;
		if(w[i].kind != W_WORD)
			continue;
		int v = lex_value(c, w[i].s, w[i].len);
		if(LEX_SYN(v)) {
			const char *to = synonyms[LEX_SYN(v) - 1][1];
			w[i].len = (unsigned char)strlen(to);
			memcpy(w[i].s, to, w[i].len + 1u);
			v = lex_value(c, w[i].s, w[i].len);
		}
		joinable[i] = (v & LEX_JOIN) != 0;
	}
	size_t m = 0;
	for(size_t i = 0; i < n; i++) {
		struct word cur = w[i];
		if(i + 1 < n && joinable[i] && w[i + 1].kind == W_WORD) {
			for(size_t j = 0; j < sizeof(joins) / sizeof(joins[0]); j++) {
				if(is_word(&cur, joins[j][0]) && is_word(&w[i + 1], joins[j][1])) {
					cur.len = (unsigned char)strlen(joins[j][2]);
					memcpy(cur.s, joins[j][2], cur.len + 1u);
					cur.slen = (uint16_t)(w[i + 1].start + w[i + 1].slen - cur.start);
					i++;
					break;
				}
			}
		}
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
		if(cur.kind == W_NUM && i + 1 < n && w[i + 1].kind == W_WORD) {
			const struct word *u = &w[i + 1];
			if(is_word(u, "f") || is_word(u, "degrees") || is_word(u, "c") ||
			   is_word(u, "celsius")) {
				cur.kind = W_TEMP;
				cur.slen = (uint16_t)(u->start + u->slen - cur.start);
				i++;
			} else if(is_word(u, "dollars") || is_word(u, "dollar") || is_word(u, "bucks")) {
				cur.kind = W_MONEY;
				cur.slen = (uint16_t)(u->start + u->slen - cur.start);
				i++;
			} else if(is_word(u, "am") || is_word(u, "pm")) {
				cur.kind = W_TIME;
				cur.slen = (uint16_t)(u->start + u->slen - cur.start);
				i++;
			}
		}
		w[m++] = cur;
	}
	n = m;
	*cue = cue_level(w, n);
	for(size_t i = 0; i < n; i++) {
		if(w[i].kind != W_WORD)
			continue;
		int v;

		w[i].stop = terms_is_stopword(w[i].s, w[i].len);
		w[i].len = (unsigned char)terms_stem(w[i].s);
		char key[WORD_MAX + 2];
		key[0] = '#';
		memcpy(key + 1, w[i].s, w[i].len);
		v = lex_value(c, key, w[i].len + 1u);
		w[i].concept = LEX_CONCEPT(v) ? LEX_CONCEPT(v) - 1 : -1;
	}
	return n;
}

/* Receives each feature of a question, with the input span it came from. */
typedef ll_result (*feat_fn)(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                             uint16_t slen);

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
	static const char *const det[] = {"the", "my", "our", "this", "that", "your", "their", "a", "an"};
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
static ll_result extract(const struct classifier *c, const char *text, struct word *w,
                         feat_fn fn, void *ctx, int *cue)
{
	ll_result result = LL_OK;
	size_t nw = tokenize(text, strlen(text), w, MAX_WORDS);
	nw = words_normalize(c, w, nw, cue);
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

/* ---- training ---- */

struct trainer {
	uint32_t (*count)[AGENT_COUNT]; /* [feature][agent] questions containing it */
	uint32_t *df;                   /* questions containing the feature */
	uint8_t *fkind;
	size_t fcap;
	int *doc_label;
	uint32_t *doc_start;            /* into doc_feats */
	size_t ndocs, dcap;
	uint32_t *doc_feats;            /* feature ids, per question, deduplicated */
	size_t nfeats_all, fa_cap;
	uint32_t total[AGENT_COUNT];    /* sum of counts per agent */
	uint32_t ndocs_agent[AGENT_COUNT];
};

static void trainer_free(struct trainer *t)
{
	free(t->count);
	free(t->df);
	free(t->fkind);
	free(t->doc_label);
	free(t->doc_start);
	free(t->doc_feats);
}

struct train_ctx {
	struct classifier *c;
	struct trainer *t;
	int label;
};

/* Count one feature of the question being trained (once per question). */
static ll_result train_feature(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                               uint16_t slen)
{
	ll_result result = LL_OK;
	struct train_ctx *tc = ctx;
	struct trainer *t = tc->t;
	long id;
	(void)start;
	(void)slen;
	result = strtab_put(&tc->c->vocab, s, len, 0, &id);
	if(result)
		goto out;
	if((size_t)id >= t->fcap) {
		size_t old = t->fcap, ncap = old ? old * 2 : 1024;
		void *p1 = realloc(t->count, ncap * sizeof(*t->count));
		if(p1)
			t->count = p1;
		void *p2 = realloc(t->df, ncap * sizeof(*t->df));
		if(p2)
			t->df = p2;
		void *p3 = realloc(t->fkind, ncap);
		if(p3)
			t->fkind = p3;
		if(!p1 || !p2 || !p3) {
			result = LL_ENOMEM;
			goto out;
		}
		memset(t->count + old, 0, (ncap - old) * sizeof(*t->count));
		memset(t->df + old, 0, (ncap - old) * sizeof(*t->df));
		t->fcap = ncap;
	}
	for(size_t j = t->doc_start[t->ndocs]; j < t->nfeats_all; j++)
		if(t->doc_feats[j] == (uint32_t)id)
			goto out;
	result = reserve(&t->doc_feats, &t->fa_cap, t->nfeats_all + 1, sizeof(*t->doc_feats));
	if(result)
		goto out;
	t->doc_feats[t->nfeats_all++] = (uint32_t)id;
	t->count[id][tc->label]++;
	t->df[id]++;
	t->fkind[id] = (uint8_t)kind;
	t->total[tc->label]++;
out:
	return result;
}

static ll_result train_question(struct classifier *c, struct trainer *t, const char *q, int label,
                                struct word *w)
{
	ll_result result = LL_OK;
	struct train_ctx tc = {c, t, label};
	int cue;
	/* both arrays grow together: same need, same capacity */
	size_t dcap = t->dcap;
	result = reserve(&t->doc_label, &dcap, t->ndocs + 2, sizeof(*t->doc_label));
	if(!result) {
		dcap = t->dcap;
		result = reserve(&t->doc_start, &dcap, t->ndocs + 2, sizeof(*t->doc_start));
	}
	if(result)
		goto out;
	t->dcap = dcap;
	t->doc_label[t->ndocs] = label;
	t->doc_start[t->ndocs] = (uint32_t)t->nfeats_all;
	result = extract(c, q, w, train_feature, &tc, &cue);
	if(result)
		goto out;
	t->ndocs_agent[label]++;
	t->ndocs++;
	t->doc_start[t->ndocs] = (uint32_t)t->nfeats_all;
out:
	return result;
}

static void softmax(const double *raw, double temperature, double *p)
{
	double m = -INFINITY, sum = 0;
	for(int a = 0; a < AGENT_COUNT; a++)
		if(raw[a] / temperature > m)
			m = raw[a] / temperature;
	for(int a = 0; a < AGENT_COUNT; a++) {
		p[a] = exp(raw[a] / temperature - m);
		sum += p[a];
	}
	for(int a = 0; a < AGENT_COUNT; a++)
		p[a] /= sum;
}

/* The temperature T minimising the negative log-likelihood of the true
 * labels under softmax(raw / T).  The loss is convex in b = 1/T (a
 * log-sum-exp of functions linear in b), so a few Newton steps on b find
 * it: the gradient is sum(E_p[raw] - raw_true), the Hessian sum(Var_p[raw]). */
static double fit_temperature(const double *raw, const int *label, size_t ndocs)
{
	double b = 1.0;
	for(int it = 0; it < 20; it++) {
		double g = 0, h = 0;
		for(size_t d = 0; d < ndocs; d++) {
			const double *r = raw + d * AGENT_COUNT;
			double p[AGENT_COUNT], mean = 0, sq = 0;
			softmax(r, 1 / b, p);
			for(int a = 0; a < AGENT_COUNT; a++) {
				mean += p[a] * r[a];
				sq += p[a] * r[a] * r[a];
			}
			g += mean - r[label[d]];
			h += sq - mean * mean;
		}
		if(h <= 1e-12)
			break;
		double nb = b - g / h;
		if(nb < 0.5 * b)
			nb = 0.5 * b; /* stay positive, move at most by half */
		if(nb > 2 * b)
			nb = 2 * b;
		if(fabs(nb - b) < 1e-6 * b) {
			b = nb;
			break;
		}
		b = nb;
	}
	if(b < 0.02)
		b = 0.02;
	if(b > 5)
		b = 5;
	return 1 / b;
}

/* Turn counts into log-probabilities, add __oov__, fit the temperature. */
static ll_result train_finish(struct classifier *c, struct trainer *t)
{
	ll_result result = LL_OK;
	double *loo = NULL;
	long oov;
	/* __oov__: words seen in one question only would be unknown had that
	 * question been left out; their rate per agent is the oov rate. */
	uint32_t oov_count[AGENT_COUNT] = {0};
	for(size_t d = 0; d < t->ndocs; d++)
		for(size_t j = t->doc_start[d]; j < t->doc_start[d + 1]; j++) {
			uint32_t id = t->doc_feats[j];
			if(t->fkind[id] == F_UNI && t->df[id] == 1)
				oov_count[t->doc_label[d]]++;
		}
	result = strtab_put(&c->vocab, "__oov__", 7, 0, &oov);
	if(result)
		goto out;
	c->oov = oov;
	size_t nfeat = c->vocab.n;
	c->logp = malloc(nfeat * AGENT_COUNT * sizeof(*c->logp));
	if(!c->logp) {
		result = LL_ENOMEM;
		goto out;
	}
	double denom[AGENT_COUNT];
	for(int a = 0; a < AGENT_COUNT; a++) {
		denom[a] = t->total[a] + oov_count[a] + ALPHA * (double)nfeat;
		/* uniform prior: the mix of the training file is not the mix of questions */
		c->logprior[a] = t->ndocs_agent[a] ? -log((double)AGENT_COUNT) : -1e9;
	}
	for(size_t id = 0; id < nfeat; id++)
		for(int a = 0; a < AGENT_COUNT; a++) {
			double n = (long)id == oov ? oov_count[a] : t->count[id][a];
			c->logp[id * AGENT_COUNT + a] = log((n + ALPHA) / denom[a]);
		}
	/* leave-one-out scores: remove the question's own counts (only its
	 * own agent's terms change) */
	loo = malloc(t->ndocs * AGENT_COUNT * sizeof(*loo));
	if(!loo) {
		result = LL_ENOMEM;
		goto out;
	}
	for(size_t d = 0; d < t->ndocs; d++) {
		int y = t->doc_label[d];
		uint32_t len = t->doc_start[d + 1] - t->doc_start[d];
		double *r = loo + d * AGENT_COUNT;
		uint32_t noov = 0, nknown = 0;
		for(int a = 0; a < AGENT_COUNT; a++)
			r[a] = c->logprior[a];
		for(size_t j = t->doc_start[d]; j < t->doc_start[d + 1]; j++) {
			uint32_t id = t->doc_feats[j];
			if(t->df[id] == 1) {
				noov += t->fkind[id] == F_UNI;
				continue; /* unknown without this question */
			}
			nknown++;
			for(int a = 0; a < AGENT_COUNT; a++)
				if(a != y)
					r[a] += c->logp[id * AGENT_COUNT + a];
			r[y] += log(t->count[id][y] - 1 + ALPHA);
		}
		r[y] -= nknown * log(denom[y] - len);
		for(int a = 0; a < AGENT_COUNT; a++)
			r[a] += noov * c->logp[oov * AGENT_COUNT + a];
	}
	c->temperature = fit_temperature(loo, t->doc_label, t->ndocs);
	if(getenv("LINELEAD_CLASSIFIER_DEBUG")) {
		size_t right = 0;
		for(size_t d = 0; d < t->ndocs; d++) {
			const double *r = loo + d * AGENT_COUNT;
			int best = 0;
			for(int a = 1; a < AGENT_COUNT; a++)
				if(r[a] > r[best])
					best = a;
			right += best == t->doc_label[d];
		}
		fprintf(stderr, "classifier: %zu questions, %zu features, T=%.3f, loo accuracy %.1f%%\n",
		        t->ndocs, nfeat, c->temperature, 100.0 * (double)right / (double)t->ndocs);
	}
out:
	free(loo);
	return result;
}

void classifier_free(struct classifier *c)
{
	if(!c)
		return;
	strtab_free(&c->lex);
	strtab_free(&c->vocab);
	free(c->logp);
	free(c);
}

ll_result classifier_load_buffer(const char *tsv, size_t len, struct classifier **out)
{
	ll_result result = LL_OK;
	struct trainer t;
	struct word *w = NULL;
	char *line = NULL;
	struct classifier *c = calloc(1, sizeof(*c));
	memset(&t, 0, sizeof(t));
	*out = NULL;
	w = malloc(MAX_WORDS * sizeof(*w));
	line = malloc(CLASSIFIER_MAX_INPUT + 1);
	if(!c || !w || !line) {
		result = LL_ENOMEM;
		goto out;
	}
	c->oov = -1;
	result = lex_build(c);
	if(result)
		goto out;
	size_t pos = 0;
	int first = 1;
	while(pos < len) {
		const char *s = tsv + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		if(n && s[n - 1] == '\r')
			n--;
		if(!n || s[0] == '#')
			continue;
		const char *tab = memchr(s, '\t', n);
		if(!tab) {
			result = LL_ECONFIG;
			goto out;
		}
		size_t qlen = (size_t)(tab - s);
		size_t alen = n - qlen - 1;
		char agent[32];
		if(alen >= sizeof(agent)) {
			result = LL_ECONFIG;
			goto out;
		}
		memcpy(agent, tab + 1, alen);
		agent[alen] = '\0';
		if(first && !strcmp(agent, "agent")) {
			first = 0;
			continue; /* header */
		}
		first = 0;
		enum agent_id a = agent_from_name(agent);
		if(a == AGENT_NONE) {
			result = LL_ECONFIG;
			goto out;
		}
		if(qlen > CLASSIFIER_MAX_INPUT)
			qlen = CLASSIFIER_MAX_INPUT;
		memcpy(line, s, qlen);
		line[qlen] = '\0';
		result = train_question(c, &t, line, a, w);
		if(result)
			goto out;
	}
	if(!t.ndocs) {
		result = LL_ECONFIG;
		goto out;
	}
	result = train_finish(c, &t);
	if(result)
		goto out;
	*out = c;
	c = NULL;
out:
	trainer_free(&t);
	classifier_free(c);
	free(w);
	free(line);
	return result;
}

ll_result classifier_load(const char *train_tsv_path, struct classifier **out)
{
	ll_result result = LL_OK;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = fopen(train_tsv_path, "rb");
	*out = NULL;
	if(!fp) {
		result = LL_EIO;
		goto out;
	}
	buf = malloc(MAX_TRAIN_BYTES + 1);
	if(!buf) {
		result = LL_ENOMEM;
		goto out;
	}
	len = fread(buf, 1, MAX_TRAIN_BYTES + 1, fp);
	if(ferror(fp)) {
		result = LL_EIO;
		goto out;
	}
	if(len > MAX_TRAIN_BYTES) {
		result = LL_ETOOLARGE;
		goto out;
	}
	result = classifier_load_buffer(buf, len, out);
out:
	if(fp)
		fclose(fp);
	free(buf);
	return result;
}

/* ---- classification ---- */

static const char *urgency_for(enum agent_id agent, int cue)
{
	static const char *const names[] = {"low", "normal", "high", "critical"};
	int level = agent == AGENT_GENERAL || agent == AGENT_TRAINING ? 0 : 1;
	if(cue > level)
		level = cue;
	/* critical is for a danger to people (safety); teaching about fire or
	 * joking about smoke is no emergency at all */
	if(agent != AGENT_SAFETY && level > 2)
		level = 2;
	if(agent == AGENT_TRAINING && level > 1)
		level = 1;
	if(agent == AGENT_GENERAL)
		level = 0;
	return names[level];
}

struct evidence {
	long id;
	int kind; /* enum fkind */
	uint16_t start, slen;
};

struct classify_ctx {
	const struct classifier *c;
	struct evidence ev[MAX_QFEATS];
	size_t nev, noov;
};

/* Look one feature up; unknown words count as __oov__. */
static ll_result classify_feature(void *ctx, const char *s, size_t len, int kind, uint16_t start,
                                  uint16_t slen)
{
	struct classify_ctx *cc = ctx;
	long id = strtab_find(&cc->c->vocab, s, len);
	if(id < 0) {
		cc->noov += kind == F_UNI;
		return LL_OK;
	}
	for(size_t j = 0; j < cc->nev; j++)
		if(cc->ev[j].id == id)
			return LL_OK;
	if(cc->nev < MAX_QFEATS) {
		cc->ev[cc->nev].id = id;
		cc->ev[cc->nev].kind = kind;
		cc->ev[cc->nev].start = start;
		cc->ev[cc->nev].slen = slen;
		cc->nev++;
	}
	return LL_OK;
}

/* The agents' scores from the evidence: naive Bayes log odds, softened
 * by the temperature; a message the model knows nothing of leans general. */
static void score_agents(const struct classifier *c, const struct classify_ctx *cc, double *scores)
{
	double raw[AGENT_COUNT];

	if(!cc->nev) {
		/* nothing the model knows: a greeting, noise or an empty message */
		for(int a = 0; a < AGENT_COUNT; a++)
			scores[a] = a == AGENT_GENERAL ? 0.4 : 0.6 / (AGENT_COUNT - 1);
		return;
	}
	for(int a = 0; a < AGENT_COUNT; a++) {
		raw[a] = c->logprior[a] + (double)cc->noov * c->logp[c->oov * AGENT_COUNT + a];
		for(size_t i = 0; i < cc->nev; i++)
			raw[a] += c->logp[cc->ev[i].id * AGENT_COUNT + a];
	}
	softmax(raw, c->temperature, scores);
}

/* The best agent and the runner-up; safety wins within SAFETY_MARGIN. */
static void rank_agents(const double *scores, enum agent_id *best, enum agent_id *second)
{
	int order[AGENT_COUNT];

	for(int a = 0; a < AGENT_COUNT; a++)
		order[a] = a;
	for(int i = 1; i < AGENT_COUNT; i++) /* stable: ties keep agent order */
		for(int j = i; j > 0 && scores[order[j]] > scores[order[j - 1]]; j--) {
			int tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	*best = (enum agent_id)order[0];
	*second = (enum agent_id)order[1];
	if(*best != AGENT_SAFETY && scores[AGENT_SAFETY] >= scores[*best] - SAFETY_MARGIN) {
		*second = *best;
		*best = AGENT_SAFETY;
	}
}

/* Two things at once: a topic token (a concept such as __c_machine__ or
 * __c_fire__, an error code, a temperature) that the training data ties
 * to another agent by SECONDARY_NATS more than to the chosen one names
 * that agent as secondary.  Topic tokens, not all words, because a sum
 * over every weak word would call any muddled question "two things".  A
 * safety secondary takes the lead, so it must also be probable on its
 * own; *best and *second follow it. */
static void secondary_agent(const struct classifier *c, const struct classify_ctx *cc, struct classification *out,
                            enum agent_id *best, enum agent_id *second)
{
	enum agent_id other = AGENT_NONE;
	double other_nats = SECONDARY_NATS;

	for(size_t i = 0; i < cc->nev && *best != AGENT_GENERAL; i++) {
		const double *lp = c->logp + cc->ev[i].id * AGENT_COUNT;

		if(cc->ev[i].kind != F_DERIVED)
			continue;
		for(int a = 0; a < AGENT_GENERAL; a++)
			if(a != (int)*best && lp[a] - lp[*best] >= other_nats) {
				other_nats = lp[a] - lp[*best];
				other = (enum agent_id)a;
			}
	}
	if(other == AGENT_SAFETY && out->scores[AGENT_SAFETY] < SECONDARY_SAFETY_MIN)
		other = AGENT_NONE;
	out->secondary = other;
	if(other == AGENT_SAFETY) {
		out->secondary = *best;
		*second = *best;
		*best = AGENT_SAFETY;
	}
}

/* The keywords: the input words behind the strongest evidence for best
 * over second, each span once (a word already inside a kept phrase is
 * skipped), at most two words each. */
static void pick_keywords(const struct classifier *c, const struct classify_ctx *cc, const char *text,
                          enum agent_id best, enum agent_id second, struct classification *out)
{
	double strength[MAX_QFEATS];

	for(size_t i = 0; i < cc->nev; i++) {
		const double *lp = c->logp + cc->ev[i].id * AGENT_COUNT;

		strength[i] = lp[best] - lp[second];   /* log-likelihood ratio */
	}
	while(out->nkeywords < 8) {
		size_t pick = cc->nev;
		char kw[32];

		for(size_t i = 0; i < cc->nev; i++)
			if(strength[i] > 0.05 && (pick == cc->nev || strength[i] > strength[pick]))
				pick = i;
		if(pick == cc->nev)
			break;
		strength[pick] = -INFINITY;
		size_t sl = keyword_copy(kw, sizeof(kw), text + cc->ev[pick].start, cc->ev[pick].slen);
		/* a pair of words far apart ("cooler is at 50f") reads as noise */
		const char *sp = strchr(kw, ' ');
		int dup = !sl || (sp && strchr(sp + 1, ' '));
		for(int j = 0; j < out->nkeywords && !dup; j++)
			dup = strstr(out->keywords[j], kw) != NULL;
		if(!dup)
			memcpy(out->keywords[out->nkeywords++], kw, sl + 1);
	}
}

/* One sentence saying why: the agent and its first three keywords. */
static void write_reasoning(struct classification *out)
{
	const char *name = agent_name(out->agent);
	char list[160];
	size_t used = 0;

	if(!out->nkeywords) {
		snprintf(out->reasoning, sizeof(out->reasoning),
		         "No restaurant words decided it, so it is treated as a %s question.", name);
		return;
	}
	list[0] = '\0';
	for(int k = 0; k < out->nkeywords && k < 3; k++) {
		int r = snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
		                 k ? (k + 1 == out->nkeywords || k == 2 ? " and " : ", ") : "", out->keywords[k]);
		if(r < 0 || (size_t)r >= sizeof(list) - used)
			break;
		used += (size_t)r;
	}
	if(out->secondary != AGENT_NONE)
		snprintf(out->reasoning, sizeof(out->reasoning), "Routed to %s because of %s; %s is consulted too.",
		         name, list, agent_name(out->secondary));
	else
		snprintf(out->reasoning, sizeof(out->reasoning), "Routed to %s because of %s.", name, list);
}

void classifier_classify(const struct classifier *c, const char *text, struct classification *out)
{
	struct word w[MAX_WORDS];
	struct classify_ctx cc;
	enum agent_id best, second;
	int cue = 0;

	memset(out, 0, sizeof(*out));
	if(!text)
		text = "";
	cc.c = c;
	cc.nev = cc.noov = 0;
	(void)extract(c, text, w, classify_feature, &cc, &cue); /* cannot fail */
	score_agents(c, &cc, out->scores);
	rank_agents(out->scores, &best, &second);
	secondary_agent(c, &cc, out, &best, &second);
	out->agent = best;
	out->runner_up = second;
	out->confidence = out->scores[best];
	pick_keywords(c, &cc, text, best, second, out);
	out->urgency = urgency_for(out->agent, cue);
	write_reasoning(out);
}
