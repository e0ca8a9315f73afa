/**
 * TensorBoard's format: event files of TFRecord-framed {@code tensorflow.Event} protos, written by
 * {@link dev.dltrack.tracker.tensorboard.TensorBoardSink} and read back by {@link
 * dev.dltrack.tracker.tensorboard.TensorBoardRuns} the way TensorBoard 2.x reads them.
 */
package dev.dltrack.tracker.tensorboard;
