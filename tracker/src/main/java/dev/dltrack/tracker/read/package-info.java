/**
 * What a log root holds, as read back: runs with their scalar series, histograms, texts and hparams
 * ({@link dev.dltrack.tracker.read.RunLog}), and the views TensorBoard computes from them (the
 * HParams table in {@link dev.dltrack.tracker.read.HParamsView}, the Distributions dashboard's
 * percentiles in {@link dev.dltrack.tracker.read.Distribution}). Readers of each format produce
 * these values; the compare tool and the report consume them.
 */
package dev.dltrack.tracker.read;
