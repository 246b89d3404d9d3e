/* card.h: the model-card check: required sections, matched leniently, missing or empty */
#ifndef HANDOFF_CARD_H
#define HANDOFF_CARD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The sections of a model card after Mitchell et al., "Model Cards for Model
 * Reporting" (2019). Pure rules (src/core/card.c), no I/O.
 */
enum hf_card_section {
	HF_CARD_MODEL_DETAILS = 0,
	HF_CARD_INTENDED_USE,
	HF_CARD_FACTORS,
	HF_CARD_METRICS,
	HF_CARD_EVALUATION_DATA,
	HF_CARD_TRAINING_DATA,
	HF_CARD_QUANTITATIVE_ANALYSES,
	HF_CARD_ETHICAL_CONSIDERATIONS,
	HF_CARD_CAVEATS,
	HF_CARD_NSECTIONS
};

/* The canonical name: "model details", ..., "caveats and recommendations". */
const char *hf_card_section_name(enum hf_card_section s);

/*
 * Which required section a heading's text names (without the leading #s),
 * or -1. Lenient: case, surrounding punctuation, numbering ("1.", "2.3",
 * "IV.", "A)"), "&" for "and", a text in parentheses, plurals and the usual
 * synonyms ("Intended Uses", "Training data set", "Caveats", "Ethics",
 * "Evaluation Results", "Limitations") all match.
 */
int hf_card_match_heading(const char *heading);

struct hf_card_result {
	bool present[HF_CARD_NSECTIONS];
	bool empty[HF_CARD_NSECTIONS];	/* present, but no text under it */
};

/*
 * Check a Markdown model card. Headings are ATX ("## Metrics") or setext
 * (underlined with = or -), outside fenced code blocks. A section's text
 * runs to the next heading of the same or a higher level; it is empty when
 * only blanks, HTML comments and placeholders (TODO, TBD, N/A, "...")
 * remain. A section named twice counts when either has text.
 */
void hf_card_check(const char *markdown, size_t len, struct hf_card_result *out);

/* Whether every section is present and not empty. */
bool hf_card_complete(const struct hf_card_result *r);

#endif
