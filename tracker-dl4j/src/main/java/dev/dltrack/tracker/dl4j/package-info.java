/**
 * DeepLearning4J integration: {@link dev.dltrack.tracker.dl4j.TrackingListener} logs a network's
 * training into a {@link dev.dltrack.tracker.Run}.
 */
package dev.dltrack.tracker.dl4j;
