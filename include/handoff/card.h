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
 * "IV.", "A)"), "&" for "and", text in parentheses or brackets, HTML tags,
 * plurals, a leading "Model", a tail after "of"/"for", and the synonyms of
 * real cards ("Intended Uses", "Out-of-Scope Use", "Training Details",
 * "Evaluation Results", "Benchmarks", "Broader Implications", "Limitations";
 * the table is in docs/readiness.md). "Usage" names none.
 */
int hf_card_match_heading(const char *heading);

/*
 * Every section a heading names, as a mask (bit 1u << section): a heading
 * listing several ("Bias, Risks, and Limitations", "Performance and
 * Limitations") names each. hf_card_match_heading gives the first of them.
 */
unsigned hf_card_match_sections(const char *heading);

struct hf_card_result {
	bool present[HF_CARD_NSECTIONS];
	bool empty[HF_CARD_NSECTIONS];	/* present, but no text under it */
};

/*
 * Check a Markdown model card. Headings are ATX ("## Metrics") or setext
 * (underlined with = or -), a bold line opening a paragraph ("**Metrics**")
 * or a short paragraph ending in ':' ("Training data:") that names a
 * section; never inside a code fence or the YAML front matter. A section's
 * text runs to the next heading of the same or a higher level, or to one
 * naming a section; it is empty when only blanks, HTML comments and tags,
 * {{ templates }}, placeholders (TODO, TBD, N/A, "[More Information
 * Needed]") and bold labels without a real value remain. A section named
 * twice counts when either has text.
 */
void hf_card_check(const char *markdown, size_t len, struct hf_card_result *out);

/* Whether every section is present and not empty. */
bool hf_card_complete(const struct hf_card_result *r);

#endif
