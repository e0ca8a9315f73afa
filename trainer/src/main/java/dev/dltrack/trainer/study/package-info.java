/**
 * The weight-initialization study: the model, one training run per scheme and seed logged through
 * the tracker, and the sweep that runs them all. A {@link dev.dltrack.trainer.study.SweepRequest}
 * says which sweep; {@link dev.dltrack.trainer.study.SweepRunner} runs it (the {@code sweep}
 * command of module {@code cli} only turns its options into a request).
 */
package dev.dltrack.trainer.study;
