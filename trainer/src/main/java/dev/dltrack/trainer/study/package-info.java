/**
 * The weight-initialization study: the model, one training run per scheme and seed logged through
 * the tracker, and the sweep that runs them all.
 */
package dev.dltrack.trainer.study;
