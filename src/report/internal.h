/* internal.h: what the report's own files share: the live-SLO part of a model's evaluation (live.c) */
#ifndef HANDOFF_REPORT_INTERNAL_H
#define HANDOFF_REPORT_INTERNAL_H

#include "handoff/contract.h"
#include "handoff/pod.h"
#include "handoff/report.h"
#include "handoff/store.h"

/*
 * Fill r->slos[i].live for each SLO of the contract checked live (the SLO's
 * own live query or the pod's template), from what the prometheus sources
 * stored, and the live counts. r->slos must mirror contract->slos.
 * HF_EIO on a database error.
 */
enum hf_status hf_report_live_fill(struct hf_store *store, const struct hf_pod *pod,
				   const struct hf_contract *contract, struct hf_model_report *r);

void hf_live_result_free(struct hf_live_result *l);

#endif
