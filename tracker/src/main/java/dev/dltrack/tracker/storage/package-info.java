/**
 * Where log roots live when they are not a local directory: an S3-compatible bucket, HDFS, any file
 * system Hadoop is configured for. A {@link dev.dltrack.tracker.storage.LogStore} is the small set
 * of operations a run needs from such a place; {@link
 * dev.dltrack.tracker.storage.LogStoreProvider}s, found through {@link java.util.ServiceLoader},
 * open them by URI scheme, so that a program that logs to a local disk loads none of their
 * libraries.
 */
package dev.dltrack.tracker.storage;
