/**
 * What a training listener logs, independent of the framework: a {@link
 * dev.dltrack.tracker.instrument.ModelView} of the model (named parameters and gradients as float
 * arrays, probe activation statistics, first-layer weights, penultimate activations), one small
 * collector per concern ({@link dev.dltrack.tracker.instrument.EpochClock}, {@link
 * dev.dltrack.tracker.instrument.TrainMetrics}, {@link
 * dev.dltrack.tracker.instrument.ParameterHistograms}, {@link
 * dev.dltrack.tracker.instrument.UpdateRatios}, {@link
 * dev.dltrack.tracker.instrument.ActivationStatistics}, {@link
 * dev.dltrack.tracker.instrument.WeightImages}, {@link dev.dltrack.tracker.instrument.Embeddings}),
 * the tag names in {@link dev.dltrack.tracker.instrument.Tags}, and {@link
 * dev.dltrack.tracker.instrument.Instrumentation}, which assembles the collectors a user turns on
 * and drives them in one fixed order. A framework adapter (DL4J, DJL) turns its callbacks into
 * calls on an {@code Instrumentation} and its model into a {@code ModelView}; nothing here knows a
 * framework.
 */
package dev.dltrack.tracker.instrument;
